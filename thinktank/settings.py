"""
Settings, read from the environment only (see README "Configuration").

No per-developer settings files: set environment variables instead. One module over 300
lines on purpose: every variable the site reads is here, in the order of the README's
table, so one file answers "what can be configured".
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import process_link as _process_link
from js_asset import static_lazy as _static_lazy

from thinktank.env import env_bool, env_float, env_int, env_list, env_str


def gettext_noop(message: str) -> str:
    """Mark a string for the catalogues (makemessages) without translating it: Django's own
    gettext_noop reads the settings, which are not configured while this module loads."""
    return message


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    # Django's admin with the translation dashboard as part of the site.
    "thinktank.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # For its sitemap templates; thinktank/sitemaps.py builds the entries.
    "django.contrib.sitemaps",
    "axes",
    "parler",
    # The rich-text editor of the admin (its static files and checks).
    "django_prose_editor",
    # Background work (core.tasks): Django's Tasks framework and its database backend.
    "django_tasks",
    "django_tasks_db",
    # The project's apps, lowest layer first (docs/architecture.md): shared pieces, the
    # translation layer, the content, then what reads it; thinktank wires them together.
    "core",
    "translations",
    "thinktank",
    "taxonomy",
    "experts",
    "articles",
    "readership",
    "recommendations",
    "bundle",
    "search",
    "alerts",
    # The read-only public API (/api/v1/) and django-ninja, for its docs' static files.
    "ninja",
    "api",
]
# The demo corpus, seed_demo and the recommendation evaluation: for development only, so
# production never offers a command that fills its database with invented articles.
if DEBUG:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # Outermost: a database outage becomes a 503 page from whatever layer it surfaces in.
    "thinktank.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered before sessions, locale or anything else runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thinktank.middleware.ContentSecurityPolicyMiddleware",
    # Answers If-None-Match with 304, for cached and fresh pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and the database: a cached page for an anonymous reader costs no
    # query, and is still served while the database is down.
    # The API's CORS headers and per-client rate limit: before the page cache, so a cached
    # answer counts too and carries the headers.
    "api.middleware.ApiMiddleware",
    "thinktank.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them), before common (which may redirect
    # to a prefixed URL and must know the language to do so).
    "thinktank.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "thinktank.urls"
WSGI_APPLICATION = "thinktank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/name; default a SQLite file.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", DEFAULT_DATABASE_URL)
if DATABASE_URL == DEFAULT_DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The few queries every public page runs (translations.compiled) are prepared on the
# PostgreSQL server once per connection: planning them cost more than running them. Off
# behind a connection pooler that cannot keep prepared statements (PgBouncer < 1.21 in
# transaction mode).
DATABASE_PREPARED_QUERIES = env_bool("DATABASE_PREPARED_QUERIES", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the demo server read while seed or admin writes; IMMEDIATE avoids
        # "database is locked" on write upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (several machines), else files under CACHE_DIR, which
# every process on this machine reads and writes: a change made by one web worker, a
# management command or `manage.py shell` invalidates the pages the others serve. A
# per-process memory cache would not: each worker would keep its own stale pages. The
# Redis backend degrades to "no cache" while Redis is down instead of failing requests.
REDIS_URL = env_str("REDIS_URL")
# The page cache keeps the versions of its cache tags apart ("page_tags"), where nothing is
# culled or evicted: a version lost would let a page outlive its invalidation. With Redis,
# set `maxmemory-policy volatile-lru` (or noeviction): tag versions have no expiry, pages do.
# The readership counters have their own too ("readership"), so that pages filling the
# file cache do not cull them at random; the flush deletes them each minute.
READERSHIP_CACHE_MAX_ENTRIES = env_int("READERSHIP_CACHE_MAX_ENTRIES", 200_000)
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "thinktank.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (
            ("default", "thinktank"),
            ("page_tags", "thinktank-tags"),
            ("readership", "thinktank-readership"),
        )
    }
else:
    CACHE_DIR = env_str("CACHE_DIR", str(VAR_DIR / "cache"))
    CACHES = {
        "default": {
            "BACKEND": "thinktank.cache.SharedFileCache",
            "LOCATION": CACHE_DIR,
            # Past this many entries a third of them are removed at random.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        },
        # Read on every cached page: each process reads from memory until another writes.
        "page_tags": {
            "BACKEND": "thinktank.read_mostly_cache.ReadMostlyFileCache",
            "LOCATION": str(Path(CACHE_DIR) / "tags"),
            "OPTIONS": {"CULL": False},
        },
        # Culled only past this many (a flood while no worker flushes): disk stays bounded.
        "readership": {
            "BACKEND": "thinktank.cache.SharedFileCache",
            "LOCATION": str(Path(CACHE_DIR) / "readership"),
            "OPTIONS": {"MAX_ENTRIES": READERSHIP_CACHE_MAX_ENTRIES},
        },
    }

# Background work (core.tasks; README "Background work"): what a save sets in motion (search
# indexing, recommendations, edge purges, scheduled publication) runs in workers
# (`manage.py tasks_worker`), never in the request. TASKS_BACKEND: "database" (the default:
# a queue in the site's own database, no new server), "rq" (Redis through RQ, for many
# workers on many machines; needs REDIS_URL and `pip install -e .[rq]`), or "immediate"
# (run in the process that enqueues, as the tests do).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
# A task still "running" this long after it started, by a worker elsewhere, is run again.
TASKS_RUNNING_TIMEOUT = env_int("TASKS_RUNNING_TIMEOUT", 1800)
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database, rq or immediate, not {TASKS_BACKEND!r}."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. English is unprefixed; Arabic and Farsi live under /ar/ and /fa/.
LANGUAGE_CODE = "en"
# Each language is named in its own script, as readers see it in the language switcher and
# "Also available in", and so everywhere: the admin's tabs, filters, workflow and messages
# too (core.i18n.language_name). One name per language, in every interface language.
LANGUAGES = [
    # Translators: keep “English” as it is, in Latin letters: the site names each language
    # in its own script, in every interface language. (Only django-parler's admin tabs and
    # titles pass the name through the catalogue, where Django's own would translate it.)
    ("en", gettext_noop("English")),
    ("ar", "العربية"),
    ("fa", "فارسی"),
]
LANGUAGE_NATIVE_NAMES = dict(LANGUAGES)
RTL_LANGUAGES = {"ar", "fa"}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
# Date formats Django's locales lack (core/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]

PARLER_DEFAULT_LANGUAGE_CODE = LANGUAGE_CODE
PARLER_LANGUAGES = {
    None: tuple({"code": code} for code, _name in LANGUAGES),
    # Never show one language's text under another's layout: no fallbacks on public pages.
    "default": {"fallbacks": [], "hide_untranslated": True},
}
# Parler's own translation cache is invalidated only on model save, not on the bulk updates
# that seeding and workflow use; we prefetch translations explicitly instead.
PARLER_ENABLE_CACHING = False

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names served with far-future cache headers; in development
    # plain files, so nothing needs collecting first.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible object storage when a bucket is named (django-storages).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN")
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY")
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# How long a shareable preview link of an unpublished translation stays valid.
PREVIEW_LINK_MAX_AGE = env_int("PREVIEW_LINK_DAYS", 7) * 24 * 60 * 60

# PDF attachments (reports, testimony) larger than this are refused.
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 50)
# Podcast audio files (MP3, M4A) larger than this are refused: about 3 hours at 128 kbit/s.
PODCAST_AUDIO_MAX_MB = env_int("PODCAST_AUDIO_MAX_MB", 200)
# The podcast's cover art in its feeds (Apple asks for a square JPEG or PNG, 1400-3000 px);
# unset, the site's own static/img/podcast.png.
PODCAST_IMAGE_URL = env_str("PODCAST_IMAGE_URL", "")

# Uploads larger than this are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # A PDF edition's render logs each of its steps (WeasyPrint) and font subset (fontTools)
    # at INFO: their warnings are what matters.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

# Public pages. Anonymous pages are cached (here and at the edge, s-maxage) this many
# seconds (0: off); a change invalidates the pages showing it at once, by tag
# (thinktank.page_cache), so they may live for hours. Browsers keep a page
# BROWSER_CACHE_SECONDS (nobody can purge a browser); an edge may serve a stale page
# EDGE_STALE_SECONDS while it fetches a new one, and EDGE_STALE_IF_ERROR_SECONDS while
# the site answers with errors.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 6 * 3600)
# Parts of pages (an article's text, byline, citation, metadata and terms) kept by the same
# tags (core.fragments): a page rendered again, its "Recommended" lists rewritten, renders
# only what changed. 0: none kept (PAGE_CACHE_SECONDS=0 leaves them on).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 6 * 3600)
BROWSER_CACHE_SECONDS = env_int("BROWSER_CACHE_SECONDS", 60)
EDGE_STALE_SECONDS = env_int("EDGE_STALE_SECONDS", 60)
EDGE_STALE_IF_ERROR_SECONDS = env_int("EDGE_STALE_IF_ERROR_SECONDS", 86400)
# A page whose rendering began less than this many milliseconds after a change of what it
# shows is served but not stored: the bound on how far the app servers' clocks disagree.
PAGE_CACHE_CLOCK_MARGIN_MS = env_int("PAGE_CACHE_CLOCK_MARGIN_MS", 1000)
LISTING_PAGE_SIZE = env_int("LISTING_PAGE_SIZE", 20)
# Arabic pages show Gregorian dates, as the institute's Arabic site does; with this on they
# add the Hijri (Umm al-Qura) date beside them (core.calendars).
ARABIC_HIJRI_DATES = env_bool("ARABIC_HIJRI_DATES", False)
RECOMMENDATIONS_COUNT = env_int("RECOMMENDATIONS_COUNT", 3)
# The newest pieces a feed carries.
FEED_ITEMS = env_int("FEED_ITEMS", 50)

# Edge caches purged by tag after a change readers can see (thinktank.edge, README
# "Edge cache"): Varnish servers running deploy/varnish/thinktank.vcl, Cloudflare, Fastly.
EDGE_PURGE = {
    "varnish": env_list("EDGE_VARNISH_URLS", []),
    "cloudflare_zone": env_str("EDGE_CLOUDFLARE_ZONE_ID"),
    "cloudflare_token": env_str("EDGE_CLOUDFLARE_API_TOKEN"),
    "fastly_service": env_str("EDGE_FASTLY_SERVICE_ID"),
    "fastly_token": env_str("EDGE_FASTLY_API_TOKEN"),
    "timeout": env_int("EDGE_PURGE_TIMEOUT", 10),
}
for _url in EDGE_PURGE["varnish"]:
    if not _url.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"EDGE_VARNISH_URLS: {_url!r} is not an http(s) URL.")
for _id, _token in (
    ("CLOUDFLARE_ZONE_ID", "CLOUDFLARE_API_TOKEN"),
    ("FASTLY_SERVICE_ID", "FASTLY_API_TOKEN"),
):
    if bool(env_str(f"EDGE_{_id}")) != bool(env_str(f"EDGE_{_token}")):
        raise ImproperlyConfigured(f"Set both EDGE_{_id} and EDGE_{_token}, or neither.")

# --- Email and alerts (alerts/, README "Email alerts") --------------------------------------
# Mail goes out through Django's SMTP backend configured here; with DEBUG and no EMAIL_HOST
# the console backend prints what would be sent (make demo).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "alerts@localhost")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not env_str("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
# The site's public address, for the links in emails and PDF editions (no request to take it
# from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "https://localhost").rstrip(
    "/"
)
# The mailbox of the mailto: one-click unsubscribe (its mail is fed to alerts_mail_unsubscribe).
ALERTS_UNSUBSCRIBE_MAILTO = env_str("ALERTS_UNSUBSCRIBE_MAILTO", DEFAULT_FROM_EMAIL)
ALERTS_CONFIRM_MAX_AGE = env_int("ALERTS_CONFIRM_HOURS", 48) * 3600
ALERTS_RATE_PER_ADDRESS = env_int("ALERTS_RATE_PER_ADDRESS", 3)
ALERTS_RATE_PER_CLIENT = env_int("ALERTS_RATE_PER_CLIENT", 20)
ALERTS_RATE_WINDOW_SECONDS = env_int("ALERTS_RATE_WINDOW_SECONDS", 3600)

# PDF editions of articles (README "PDF edition"): made by a task when a version becomes
# public or changes; off, each is made on its first request instead.
PDF_EDITIONS_IN_BACKGROUND = env_bool("PDF_EDITIONS_IN_BACKGROUND", True)

# The public API (README "API"): requests per client per window, and the page size.
API_RATE_PER_CLIENT = env_int("API_RATE_PER_CLIENT", 120)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
API_CORS_MAX_AGE = env_int("API_CORS_MAX_AGE", 86400)
# Messages per second at most (0: as fast as the server takes them), per sending task.
ALERTS_SEND_RATE = env_float("ALERTS_SEND_RATE", 10.0)
ALERTS_BATCH_SIZE = env_int("ALERTS_BATCH_SIZE", 200)
# A digest run is split into tasks of this many subscribers, which the workers share.
ALERTS_DIGEST_SHARD_SIZE = max(1, env_int("ALERTS_DIGEST_SHARD_SIZE", 2000))
ALERTS_BOUNCE_LIMIT = env_int("ALERTS_BOUNCE_LIMIT", 3)
ALERTS_DIGEST_MAX_ITEMS = env_int("ALERTS_DIGEST_MAX_ITEMS", 30)
# Instant alerts only for pieces published this recently (an edit of an old one is no news).
ALERTS_MAX_AGE_DAYS = env_int("ALERTS_MAX_AGE_DAYS", 30)
# A recipient the server asks to try later (4xx: mailbox full, greylisting) is tried again
# after ALERTS_RETRY_MINUTES, doubling, ALERTS_RETRY_ATTEMPTS times in all before giving up.
ALERTS_RETRY_MINUTES = env_int("ALERTS_RETRY_MINUTES", 15)
ALERTS_RETRY_ATTEMPTS = env_int("ALERTS_RETRY_ATTEMPTS", 5)
# The task workers look for due digests this often (0: never; then run send_digests from cron).
ALERTS_DIGEST_CHECK_SECONDS = env_int("ALERTS_DIGEST_CHECK_SECONDS", 3600)
# What the task workers enqueue on the clock (core.periodic): (task, arguments, every N seconds).
TASKS_PERIODIC = [("alerts.tasks.alerts_retry_due", {}, 300)] + [
    ("alerts.tasks.digests_due", {"frequency": frequency}, ALERTS_DIGEST_CHECK_SECONDS)
    for frequency in ("daily", "weekly")
    if ALERTS_DIGEST_CHECK_SECONDS > 0
]
# --- end of email and alerts ----------------------------------------------------------------

# --- Readership (readership/, README "Readership") ------------------------------------------
# Page views are counted in the shared cache and written every READERSHIP_FLUSH_SECONDS by
# the task workers; daily counts older than READERSHIP_DETAIL_DAYS (at least 7, the window of
# "Most read") are added up per month, and reading paths that old are deleted.
READERSHIP_DETAIL_DAYS = env_int("READERSHIP_DETAIL_DAYS", 90)
if READERSHIP_DETAIL_DAYS < 7:
    raise ImproperlyConfigured("READERSHIP_DETAIL_DAYS must be at least 7 (“Most read” reads 7).")
READERSHIP_FLUSH_SECONDS = env_int("READERSHIP_FLUSH_SECONDS", 60)
# Pages showing "Most read" are rendered again with newer counts this often.
READERSHIP_MOST_READ_SECONDS = env_int("READERSHIP_MOST_READ_SECONDS", 3600)
# Beacons counted per client (address, HMAC-ed in the cache) per window; the rest are ignored.
READERSHIP_RATE_PER_CLIENT = env_int("READERSHIP_RATE_PER_CLIENT", 60)
READERSHIP_RATE_WINDOW_SECONDS = env_int("READERSHIP_RATE_WINDOW_SECONDS", 60)
# Distinct things counted per minute at most (ids are checked only when written).
READERSHIP_MAX_KEYS_PER_MINUTE = env_int("READERSHIP_MAX_KEYS_PER_MINUTE", 20_000)
TASKS_PERIODIC += [
    ("readership.tasks.readership_flush", {}, READERSHIP_FLUSH_SECONDS),
    ("readership.tasks.most_read_refresh", {}, READERSHIP_MOST_READ_SECONDS),
    ("readership.tasks.readership_roll_up", {}, 24 * 3600),
]
# --- end of readership ----------------------------------------------------------------------

# Security. Production defaults are strict (`check --deploy` is clean); each can be
# relaxed by its variable, e.g. SECURE_SSL_REDIRECT=0 behind a proxy that redirects itself.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Content Security Policy (django-csp): no inline scripts anywhere.
MEDIA_ORIGIN = (
    f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_STORAGE_BUCKET_NAME and AWS_S3_CUSTOM_DOMAIN else None
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        # Podcast episodes play in the page's own <audio>, from the site (the admin: media).
        "media-src": ["'self'", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failures for a username
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The client address of the rate limits and of login throttling (core.ratelimit.client_ip):
# REMOTE_ADDR, or behind TRUSTED_PROXIES proxies (Varnish, a load balancer) the address the
# outermost one saw, from X-Forwarded-For. Without it, behind a proxy every reader is one
# client and one flood locks all of them out.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"  # a valid address or None

# The rich-text editor loads this module beside its own; its Link replaces the package's
# (core/html.py, EDITOR_EXTENSIONS). The processor is the package's own for Link.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [_static_lazy("js/editor-extensions.js")],
        "extensions": {"Link": _process_link},
    }
]

"""Root URLs: the admin without a language prefix, public pages under i18n_patterns."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from api.views import api
from articles import shortlinks
from articles.preview import shared_preview
from articles.views_corrections import CorrectionListView
from thinktank import health, robots, views
from thinktank.media import media_urlpatterns
from thinktank.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    # The read-only public API, its schema and docs; one address for every language.
    path("api/v1/", api.urls),
    path("healthz", health.healthz, name="healthz"),
    # set_language: the admin's language choice (public pages use their URL prefix).
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("favicon.ico", robots.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/section.xml"},
        name="sitemap_section",
    ),
    # One address for all language versions of an article, /ar/p/<id> and /fa/p/<id> too;
    # outside i18n_patterns because an unprefixed one does not mean English.
    re_path(shortlinks.PATTERN, shortlinks.redirect, name="short_link"),
    # A signed, expiring link to one translation in any state (the token names the language).
    path("preview/<str:token>/", shared_preview, name="article_preview"),
    # The readership beacon (static/js/beacon.js): one address for every language.
    path("readership/", include("readership.urls")),
]

# English has no prefix; Arabic and Farsi live under /ar/ and /fa/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("policy-analysis/", include("articles.urls")),
    path("experts/", include("articles.expert_urls")),
    path("feeds/", include("articles.feed_urls")),
    path("corrections/", CorrectionListView.as_view(), name="corrections"),
    path("events/", include("articles.event_urls")),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    prefix_default_language=False,
)

# Uploads with their real type and nosniff; only with DEBUG (README "Deploying").
urlpatterns += media_urlpatterns()

handler400 = "thinktank.views.bad_request"
handler500 = "thinktank.views.server_error"

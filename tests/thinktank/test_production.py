"""Production behaviour: deploy checks, health, outages, throttling, security headers."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "analysis.example.org",
    "DATABASE_URL": "postgres://app@db.example.org:5432/thinktank",
}


DEAD_REDIS = {
    "default": settings.CACHES["default"],
    "dead_redis": {
        "BACKEND": "thinktank.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2},
    },
}


def test_check_deploy_reports_nothing_with_production_settings():
    # A clean environment: no DEBUG, and not the browser tests' async-safety switch.
    unset = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "thinktank.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_the_database_is_down(client, monkeypatch):
    from thinktank import health

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"


@override_settings(CACHES=DEAD_REDIS)
@pytest.mark.django_db
def test_healthz_is_degraded_but_up_without_the_cache(client, monkeypatch):
    from thinktank import health

    monkeypatch.setattr(health, "cache", caches.create_connection("dead_redis"))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@override_settings(CACHES=DEAD_REDIS)
def test_cache_reads_miss_and_writes_drop_while_redis_is_down():
    cache = caches.create_connection("dead_redis")
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False


@pytest.mark.django_db
def test_a_database_outage_is_a_503_page_that_says_so(monkeypatch):
    from thinktank import views

    def down(self, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(views.HomeView, "get_context_data", down)
    response = Client(raise_request_exception=False).get("/ar/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Temporarily unavailable" in html or "مؤقتاً" in html


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts_and_framing(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_admin_login_is_throttled_with_a_clear_message(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password")
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the login form again, with its error
    assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 429
    # Now even the right password is refused until the cool-off has passed.
    response = client.post(url, {"username": "editor", "password": "right-password"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "15 minutes" in response.content.decode()


def test_the_embedded_cache_is_shared_files_that_stay_bounded(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    from thinktank.cache import SharedFileCache

    assert settings.CACHES["default"]["BACKEND"] == "thinktank.cache.SharedFileCache"
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for number in range(SharedFileCache.CULL_EVERY * 3):
        cache.set(f"page-{number}", "x", 60)
    # Culled at every CULL_EVERY-th write, so never more than that past the limit.
    assert len(list(tmp_path.glob("*" + FileBasedCache.cache_suffix))) <= 30 + (
        SharedFileCache.CULL_EVERY
    )
    # Another process (another cache object on the same folder) reads what this one wrote.
    cache.set("version", "7", None)
    assert SharedFileCache(str(tmp_path), {}).get("version") == "7"

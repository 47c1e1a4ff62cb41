"""Nothing that identifies a reader is stored: not in the database, not in the cache."""

import pickle
import zlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches

from readership.models import DailyPath, DailyViews
from tests.readership.helpers import BROWSER, beacon, flush_all, send

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = BROWSER + " Canary-7f3a9"
COOKIE = "tracker-5be1"
#: Every field a readership row may have: what is counted, where, when, how many.
ALLOWED_FIELDS = {
    "id",
    "article",
    "from_article",
    "to_article",
    "kind",
    "term_id",
    "language",
    "day",
    "month",
    "views",
    "count",
    "minute",
}
IDENTIFYING = (ADDRESS, "Canary-7f3a9", COOKIE)


def test_the_readership_models_have_no_field_that_could_name_a_reader():
    for model in apps.get_app_config("readership").get_models():
        names = {field.name for field in model._meta.get_fields()}
        assert names <= ALLOWED_FIELDS, model


def send_identifiable(client, article, other):
    client.cookies["visitor"] = COOKIE
    for target, came_from in ((article, ""), (other, "/policy-analysis/oil-and-power")):
        response = send(
            client,
            beacon(target, came_from=came_from),
            agent=AGENT,
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=ADDRESS,
        )
        assert not response.cookies


def assert_nothing_identifying(texts):
    for text in texts:
        for secret in IDENTIFYING:
            assert secret not in text


def test_the_database_rows_hold_only_counts(client, article, other):
    send_identifiable(client, article, other)
    flush_all()
    assert DailyViews.objects.count() == 2 and DailyPath.objects.count() == 1
    for model in apps.get_app_config("readership").get_models():
        assert_nothing_identifying(repr(row) for row in model.objects.values_list())


def test_the_shared_file_cache_holds_no_address_agent_or_cookie(client, article, other):
    send_identifiable(client, article, other)
    folder = Path(caches["default"]._dir)
    files = list(folder.rglob("*.djcache"))
    assert files  # the counters, their index and the rate limit are there
    values = []
    for path in files:
        with path.open("rb") as file:
            pickle.load(file)  # the expiry
            values.append(repr(pickle.loads(zlib.decompress(file.read()))))
    assert_nothing_identifying(values)
    flush_all()


def test_the_keys_and_values_of_a_memory_cache_hold_nothing_identifying(
    client, article, other, settings
):
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "page_tags", "readership")
    }
    store, counters = caches["default"], caches["readership"]
    send_identifiable(client, article, other)
    keys = [*store._cache, *counters._cache]
    assert any("readership:" in key for key in keys) and any("rate:" in key for key in keys)
    assert_nothing_identifying(keys)
    values = [*store._cache.values(), *counters._cache.values()]
    assert_nothing_identifying(repr(pickle.loads(value)) for value in values)
    assert flush_all() == 2
    assert DailyPath.objects.get().from_article == article

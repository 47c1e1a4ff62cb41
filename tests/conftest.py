import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English, as a request without a prefix would."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: cached pages must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


from tests.browser import browser, page  # noqa: E402,F401  (shared browser fixtures)

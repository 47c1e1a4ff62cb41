import logging

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
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def _commits_run_their_hooks(monkeypatch):
    """
    Run on-commit hooks when the code under test commits: when its outermost
    transaction.atomic() block ends without error. The test's own wrapping transaction
    never commits, so without this, no "content changed" event made inside a
    transaction would ever be sent (a rolled-back block still drops its hooks).
    """
    from django.db import transaction

    original = transaction.Atomic.__exit__

    def exit_and_commit(self, exc_type, exc_value, traceback):
        result = original(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        outermost = connection.in_atomic_block and all(
            getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
        )
        if exc_type is None and outermost and not connection.needs_rollback:
            while connection.run_on_commit:
                hooks, connection.run_on_commit = connection.run_on_commit, []
                for _savepoints, hook, robust in hooks:
                    if robust:
                        try:
                            hook()
                        except Exception:
                            logging.getLogger(__name__).exception("on-commit hook failed")
                    else:
                        hook()
        return result

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_commit)


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


from tests.browser import browser, page  # noqa: E402,F401  (shared browser fixtures)

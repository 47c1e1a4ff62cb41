import pytest

from tests.articles.events import briefing, forum, speaker  # noqa: F401  (event fixtures)
from tests.articles.factories import UserFactory


@pytest.fixture
def author(db):
    return UserFactory(username="author", role="Author")


@pytest.fixture
def other_author(db):
    return UserFactory(username="other-author", role="Author")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor-role", role="Editor")


@pytest.fixture
def translator(db):
    """A translator assigned to Farsi only."""
    return UserFactory(username="translator", role="Translator", languages=["fa"])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role="Administrator")

"""The "content changed" event: once per committed transaction, merged, never for a rollback."""

from pathlib import Path

import pytest
from django.db import transaction

from core.events import SITE, Change, content_change, content_changed, one_change_for_everything
from core.i18n import language_codes
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import ArticleTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """Collect the batches sent, one tuple of changes per event."""
    events = []

    def receive(changes, **kwargs):
        events.append(changes)

    content_changed.connect(receive, dispatch_uid="test-events", weak=False)
    yield events
    content_changed.disconnect(dispatch_uid="test-events")


def test_a_committed_transaction_sends_one_event_with_every_change(sent):
    with transaction.atomic():
        content_change(kind="articles.article", id=1, languages=["en"], public=False)
        content_change(kind="experts.expert", id=2, languages=["ar"], public=True)
        assert sent == []  # nothing before the commit
    assert sent == [
        (
            Change("articles.article", 1, frozenset({"en"}), False),
            Change("experts.expert", 2, frozenset({"ar"}), True),
        )
    ]


def test_changes_to_one_object_are_merged_languages_joined_public_if_any_was(sent):
    with transaction.atomic():
        content_change(kind="articles.article", id=1, languages=["en"], public=False)
        with transaction.atomic():
            content_change(kind="articles.article", id=1, languages=["fa"], public=True)
        content_change(kind="articles.article", id=1, languages=["en"], public=False)
    assert sent == [(Change("articles.article", 1, frozenset({"en", "fa"}), True),)]


def test_a_rolled_back_transaction_sends_nothing_and_leaks_nothing_into_the_next(sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        content_change(kind="articles.article", id=1, languages=["en"], public=True)
        raise RuntimeError
    assert sent == []
    with transaction.atomic():
        content_change(kind="articles.article", id=2, languages=["en"], public=False)
    assert sent == [(Change("articles.article", 2, frozenset({"en"}), False),)]


def test_a_rolled_back_savepoint_may_over_report_but_the_commit_still_sends_once(sent):
    with transaction.atomic():
        content_change(kind="articles.article", id=1, languages=["en"], public=False)
        with pytest.raises(RuntimeError), transaction.atomic():
            content_change(kind="articles.article", id=2, languages=["en"], public=True)
            raise RuntimeError
    assert len(sent) == 1
    assert Change("articles.article", 1, frozenset({"en"}), False) in sent[0]


def test_changes_made_as_one_change_of_everything_are_sent_as_that_once_at_the_end(sent):
    with one_change_for_everything():
        with transaction.atomic():
            content_change(kind="articles.article", id=1, languages=["en"], public=True)
        content_change(kind="taxonomy.topic", id=3, public=True)
        assert sent == []
    assert sent == [(Change(SITE, 0, frozenset(language_codes()), True),)]
    content_change(kind="taxonomy.topic", id=3, public=True)  # and only within the block
    assert sent[1] == (Change("taxonomy.topic", 3, frozenset(language_codes()), True),)


def test_one_change_of_everything_is_sent_even_when_the_block_fails(sent):
    with pytest.raises(RuntimeError), one_change_for_everything():
        content_change(kind="articles.article", id=1, public=True)
        raise RuntimeError  # what was written before the failure has changed all the same
    assert sent == [(Change(SITE, 0, frozenset(language_codes()), True),)]


def test_outside_a_transaction_a_change_is_sent_at_once(sent):
    content_change(kind="taxonomy.topic", id=3, public=True)
    assert sent == [(Change("taxonomy.topic", 3, frozenset(language_codes()), True),)]


def test_saving_an_article_with_its_translations_sends_one_event(sent):
    kind = ArticleTypeFactory()
    sent.clear()
    with transaction.atomic():
        article = ArticleFactory(article_type=kind, languages={"en": "published", "ar": "draft"})
    assert sent == [(Change("articles.article", article.pk, frozenset(language_codes()), True),)]


def test_a_draft_edit_is_not_public_a_publish_and_an_unpublish_are(sent):
    article = ArticleFactory(languages={"en": "published", "ar": "draft"})
    arabic = article.translations.get(language_code="ar")
    sent.clear()
    arabic.title = "مسودة"
    arabic.save()
    arabic.state = "published"
    arabic.save()
    arabic.state = "draft"
    arabic.save()
    assert [changes[0].public for changes in sent] == [False, True, True]
    assert {changes[0].languages for changes in sent} == {frozenset({"ar"})}


def test_shared_fields_of_a_draft_only_article_are_not_public(sent):
    article = ArticleFactory(languages={"en": "draft"})
    sent.clear()
    article.is_featured = True
    article.save()
    assert sent == [(Change("articles.article", article.pk, frozenset(language_codes()), False),)]


def test_a_save_that_changes_nothing_readers_see_reports_nothing(sent):
    article = ArticleFactory(languages={"en": "published"})
    sent.clear()
    article.save()  # updated_at moves, nothing shown does (what the admin does on every save)
    assert sent == []
    article.is_withdrawn = True
    article.save()
    assert sent == [(Change("articles.article", article.pk, frozenset(language_codes()), True),)]


def test_the_subscribers_are_listed_in_one_module():
    from django.conf import settings

    from thinktank.subscribers import SUBSCRIBERS

    names = [f"{s.__module__}.{s.__name__}" for s in SUBSCRIBERS]
    assert names == [
        "thinktank.page_cache.page_cache_update",
        "search.subscribers.search_index_update",
        "recommendations.subscribers.recommendations_update",
        "articles.subscribers.publication_schedule",
        "alerts.subscribers.alerts_update",
        "articles.subscribers.pdf_editions_update",
    ]
    # ... and nowhere else connects to the event.
    root = Path(settings.BASE_DIR)
    connecting = [
        path.relative_to(root).as_posix()
        for path in root.glob("*/*.py")
        if "content_changed.connect" in path.read_text()
    ]
    assert connecting == ["thinktank/subscribers.py"]

"""Every workflow transition, its refusals, and what it records."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleTranslation, State, WorkflowEvent
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Action = WorkflowEvent.Action


def state(article, language):
    return ArticleTranslation.objects.get(master=article, language_code=language).state


def test_author_submits_own_draft_for_review_and_it_is_recorded(author):
    article = ArticleFactory(created_by=author, languages={"en": "draft"})
    services.translation_submit(article=article, language="en", user=author)
    assert state(article, "en") == State.REVIEW
    event = article.workflow_events.get()
    assert (event.action, event.language_code, event.user) == (Action.SUBMIT, "en", author)
    assert (event.from_state, event.to_state) == (State.DRAFT, State.REVIEW)
    assert article.revisions.get().event == event


def test_only_a_draft_can_be_submitted(author):
    article = ArticleFactory(created_by=author, languages={"en": "review"})
    with pytest.raises(services.WrongState, match="Only a draft"):
        services.translation_submit(article=article, language="en", user=author)


def test_author_cannot_submit_someone_elses_draft(author, other_author):
    article = ArticleFactory(created_by=other_author, languages={"en": "draft"})
    with pytest.raises(services.NotPermitted):
        services.translation_submit(article=article, language="en", user=author)
    assert state(article, "en") == State.DRAFT
    assert not WorkflowEvent.objects.exists()


def test_editor_publishes_a_translation_in_review_now(editor):
    article = ArticleFactory(published_at=None, languages={"en": "review"})
    services.translation_publish(article=article, language="en", user=editor)
    article.refresh_from_db()
    assert state(article, "en") == State.PUBLISHED
    assert article.published_at <= timezone.now()
    assert list(Article.objects.public("en")) == [article]
    assert article.workflow_events.get().action == Action.PUBLISH


def test_author_cannot_publish(author):
    article = ArticleFactory(created_by=author, languages={"en": "review"})
    with pytest.raises(services.NotPermitted):
        services.translation_publish(article=article, language="en", user=author)
    assert state(article, "en") == State.REVIEW


def test_publishing_requires_alt_text_when_there_is_a_hero_image(editor):
    article = ArticleFactory(hero_image="articles/x.jpg", languages={"en": "review"})
    with pytest.raises(services.WrongState, match="Describe and caption the hero image"):
        services.translation_publish(article=article, language="en", user=editor)
    assert state(article, "en") == State.REVIEW


def test_publishing_requires_a_caption_in_the_language_too(editor):
    article = ArticleFactory(
        hero_image="articles/x.jpg",
        languages={"en": {"state": "review", "hero_alt": "Tankers", "hero_credit": ""}},
    )
    with pytest.raises(services.WrongState, match="caption the hero image in English"):
        services.translation_publish(article=article, language="en", user=editor)
    ArticleTranslation.objects.filter(master=article).update(hero_credit="Photo: Reuters")
    services.translation_publish(article=article, language="en", user=editor)
    assert state(article, "en") == State.PUBLISHED


def test_a_scheduled_article_is_invisible_before_its_time_and_visible_after(editor):
    start = timezone.now()
    article = ArticleFactory(published_at=None, languages={"en": "review", "ar": "review"})
    services.translation_publish(
        article=article, language="en", user=editor, publish_at=start + timedelta(days=1)
    )
    services.translation_publish(article=article, language="ar", user=editor)
    article.refresh_from_db()
    assert article.is_scheduled
    event = article.workflow_events.filter(language_code="en").get()
    assert event.to_state == services.SCHEDULED
    assert not Article.objects.public("en").exists()
    assert not Article.objects.public("ar").exists()
    with time_machine.travel(start + timedelta(days=1, seconds=1)):
        assert list(Article.objects.public("en")) == [article]
        assert list(Article.objects.public("ar")) == [article]


def test_editor_requests_changes_with_a_comment_and_it_returns_to_draft(editor):
    article = ArticleFactory(languages={"fa": "review"})
    services.translation_request_changes(
        article=article, language="fa", user=editor, comment="Translate the second paragraph."
    )
    assert state(article, "fa") == State.DRAFT
    event = article.workflow_events.get()
    assert event.action == Action.REQUEST_CHANGES
    assert event.comment == "Translate the second paragraph."


def test_requesting_changes_needs_a_comment_and_a_translation_in_review(editor):
    article = ArticleFactory(languages={"fa": "review", "en": "draft"})
    with pytest.raises(services.WrongState, match="comment is required"):
        services.translation_request_changes(
            article=article, language="fa", user=editor, comment=" "
        )
    with pytest.raises(services.WrongState, match="in review"):
        services.translation_request_changes(
            article=article, language="en", user=editor, comment="x"
        )


def test_editor_unpublishes_one_language_and_the_others_stay_public(editor):
    article = ArticleFactory(languages={"en": "published", "ar": "published"})
    services.translation_unpublish(article=article, language="ar", user=editor)
    assert state(article, "ar") == State.DRAFT
    assert not Article.objects.public("ar").exists()
    assert list(Article.objects.public("en")) == [article]
    with pytest.raises(services.WrongState):
        services.translation_unpublish(article=article, language="ar", user=editor)


def test_withdraw_hides_every_language_and_reinstate_brings_them_back(editor):
    article = ArticleFactory(languages={"en": "published", "fa": "published"})
    services.article_withdraw(article=article, user=editor, comment="Legal review")
    assert not Article.objects.public("en").exists()
    assert not Article.objects.public("fa").exists()
    with pytest.raises(services.WrongState):
        services.article_withdraw(article=article, user=editor)
    services.article_reinstate(article=article, user=editor)
    assert Article.objects.public("fa").exists()
    actions = list(article.workflow_events.values_list("action", flat=True))
    assert actions == [Action.REINSTATE, Action.WITHDRAW]


def test_translator_cannot_withdraw_or_schedule(translator):
    article = ArticleFactory()
    with pytest.raises(services.NotPermitted):
        services.article_withdraw(article=article, user=translator)
    with pytest.raises(services.NotPermitted):
        services.article_schedule(article=article, user=translator, publish_at=timezone.now())


def test_a_transition_on_a_missing_translation_is_refused_clearly(editor):
    article = ArticleFactory(languages={"en": "draft"})
    with pytest.raises(services.WrongState, match="no فارسی translation"):
        services.translation_publish(article=article, language="fa", user=editor)


def test_an_inactive_editor_can_do_nothing(editor):
    editor.is_active = False
    editor.save()
    article = ArticleFactory(languages={"en": "review"})
    with pytest.raises(services.NotPermitted):
        services.translation_publish(article=article, language="en", user=editor)

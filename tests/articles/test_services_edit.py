"""Editing an article goes through articles.services_edit.article_save, whoever saves it."""

from unittest import mock

import pytest
from django.db import transaction

from articles import services, services_edit
from articles.models import ArticleRevision
from core.events import content_changed
from tests.articles.admin_forms import change_url, open_form, open_translation, translate_url
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    sent = []

    def receive(changes, **kwargs):
        sent.append(changes)

    content_changed.connect(receive, dispatch_uid="test-services-edit", weak=False)
    yield sent
    content_changed.disconnect(dispatch_uid="test-services-edit")


def retitle(article, title):
    translation = article.get_translation("en")
    translation.title = title
    return lambda: (article.save(), translation.save())


def test_a_save_writes_the_text_records_a_revision_and_sends_one_event(editor, events):
    article = ArticleFactory(languages={"en": {"title": "Before"}})
    events.clear()
    with transaction.atomic():
        services_edit.article_save(
            article=article,
            language="en",
            user=editor,
            created=False,
            write_fields=retitle(article, "After"),
        )
    article.refresh_from_db()
    assert article.get_translation("en").title == "After"
    latest = article.revisions.order_by("-pk").first()
    assert latest.kind == ArticleRevision.Kind.SAVE and latest.user == editor
    assert latest.snapshot["translations"]["en"]["title"] == "After"
    (changes,) = events
    assert [(c.kind, c.id, c.public) for c in changes] == [("articles.article", article.pk, True)]


def test_a_user_who_may_not_edit_is_refused_and_nothing_is_written(author, other_author):
    article = ArticleFactory(created_by=other_author, languages={"en": {"title": "Theirs"}})
    with pytest.raises(services.NotPermitted):
        services_edit.article_save(
            article=article,
            language="en",
            user=author,
            created=False,
            write_fields=retitle(article, "Mine"),
        )
    assert article.translations.get(language_code="en").title == "Theirs"
    assert not article.revisions.exists()


def test_an_author_cannot_edit_her_own_piece_once_it_is_in_review(author):
    article = ArticleFactory(created_by=author, languages={"en": "review"})
    with pytest.raises(services.NotPermitted):
        services_edit.article_save(
            article=article,
            language="en",
            user=author,
            created=False,
            write_fields=retitle(article, "Changed in review"),
        )


def test_the_admin_change_form_saves_through_the_service(client, staff):
    article = ArticleFactory(languages={"en": {"title": "Old title"}})
    client.force_login(staff)
    data = open_form(client, article)
    data["title"] = "New title"
    with mock.patch.object(
        services_edit, "article_save", wraps=services_edit.article_save
    ) as article_save:
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    article_save.assert_called_once()
    assert article_save.call_args.kwargs["user"] == staff
    assert article.translations.get(language_code="en").title == "New title"
    assert article.revisions.order_by("-pk").first().snapshot["translations"]["en"]["title"] == (
        "New title"
    )


def test_the_side_by_side_view_saves_through_the_same_service(client, translator):
    article = ArticleFactory(languages={"en": {"title": "Tankers"}, "fa": "draft"})
    client.force_login(translator)
    data = open_translation(client, article, "fa")
    data["title"] = "نفتکش‌ها"
    with mock.patch.object(
        services_edit, "article_save", wraps=services_edit.article_save
    ) as article_save:
        response = client.post(translate_url(article, "fa"), data)
    assert response.status_code == 302
    article_save.assert_called_once()
    assert article_save.call_args.kwargs["language"] == "fa"
    assert article.translations.get(language_code="fa").title == "نفتکش‌ها"
    assert article.revisions.filter(snapshot__translations__fa__title="نفتکش‌ها").exists()


def test_a_translator_cannot_save_a_language_not_hers_even_through_the_service(translator):
    article = ArticleFactory(languages={"en": {"title": "Tankers"}, "ar": "draft"})
    with pytest.raises(services.NotPermitted):
        services_edit.article_save(
            article=article,
            language="ar",
            user=translator,
            created=False,
            write_fields=lambda: None,
        )

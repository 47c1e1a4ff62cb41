"""Deleting one translation in the admin: done through its service and kept in the log."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import ArticleTranslation, WorkflowEvent
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url

pytestmark = pytest.mark.django_db


def delete_url(article, language):
    return reverse("admin:articles_article_delete_translation", args=[article.pk, language])


def test_deleting_a_translation_in_the_admin_records_who_when_and_which_language(client, editor):
    article = ArticleFactory(languages={"en": "published", "fa": "review"})
    client.force_login(editor)
    assert client.get(delete_url(article, "fa")).status_code == 200  # The confirmation.

    response = client.post(delete_url(article, "fa"), {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert not ArticleTranslation.objects.filter(master=article, language_code="fa").exists()
    event = WorkflowEvent.objects.get(article=article)
    assert (event.action, event.language_code, event.user, event.from_state) == (
        "delete",
        "fa",
        editor,
        "review",
    )
    # The change form's workflow log and the history both show it.
    html = client.get(change_url(article)).content.decode()
    assert f"· {editor} · Translation deleted (فارسی)" in html
    history = reverse("admin:articles_article_history", args=[article.pk])
    assert "Translation deleted (فارسی)" in client.get(history).content.decode()


def test_the_last_translation_cannot_be_deleted_and_nothing_is_recorded(editor):
    article = ArticleFactory(languages={"en": "draft"})
    with pytest.raises(services.WrongState):
        services.translation_delete(article=article, language="en", user=editor)
    assert ArticleTranslation.objects.filter(master=article).count() == 1
    assert not WorkflowEvent.objects.exists()


def test_an_author_may_not_delete_a_translation(client, author):
    article = ArticleFactory(languages={"en": "draft", "ar": "draft"}, created_by=author)
    with pytest.raises(services.NotPermitted):
        services.translation_delete(article=article, language="ar", user=author)
    client.force_login(author)
    assert client.post(delete_url(article, "ar"), {"post": "yes"}).status_code == 403
    assert ArticleTranslation.objects.filter(master=article).count() == 2
    assert not WorkflowEvent.objects.exists()

"""
Deleting one translation in the admin: a deliberate act that says what will be lost, done
through its service, kept in the log, and its text kept in the history.
"""

import pytest
from django.urls import reverse

from articles import services
from articles.models import ArticleRevision, ArticleTranslation, WorkflowEvent
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url

pytestmark = pytest.mark.django_db

BODY = "<p>Seven words of Arabic body text here.</p>"


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


def test_the_confirmation_says_what_will_be_lost_and_that_the_history_keeps_it(client, editor):
    article = ArticleFactory(
        languages={"en": "published", "ar": {"state": "published", "title": "عنوان", "body": BODY}}
    )
    client.force_login(editor)
    html = client.get(delete_url(article, "ar")).content.decode()
    assert "You are about to delete the Arabic version of this article" in html
    assert "عنوان" in html and "Published" in html
    assert "7 words of body text" in html
    assert "its readers will get “page not found”" in html
    assert "Its text stays in the article" in html
    assert "The Institute: editorial administration" in html  # inside the admin, not bare
    assert 'value="Delete the Arabic version"' in html
    assert ArticleTranslation.objects.filter(master=article, language_code="ar").exists()


def test_deleting_keeps_the_text_in_a_revision_that_can_be_restored(client, editor):
    article = ArticleFactory(
        languages={"en": "draft", "ar": {"state": "draft", "title": "عنوان", "body": BODY}}
    )
    client.force_login(editor)
    response = client.post(delete_url(article, "ar"), {"post": "yes"})
    assert response.status_code == 302
    assert not ArticleTranslation.objects.filter(master=article, language_code="ar").exists()
    revisions = list(ArticleRevision.objects.filter(article=article).order_by("created_at", "id"))
    before, after = revisions[-2], revisions[-1]
    assert before.snapshot["translations"]["ar"]["title"] == "عنوان"
    assert before.snapshot["translations"]["ar"]["body"] == BODY
    assert "ar" not in after.snapshot["translations"]


def test_deleting_the_whole_article_keeps_django_s_own_confirmation(client, editor):
    article = ArticleFactory(languages={"en": "draft"})
    client.force_login(editor)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    html = client.get(url).content.decode()
    assert "You are about to delete the" not in html

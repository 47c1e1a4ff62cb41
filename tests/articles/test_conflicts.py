"""Two people edit the same article at once: neither loses what they saved."""

import threading

import pytest
from django.db import connection
from django.test import Client

from articles.models import ArticleTranslation
from tests.articles.factories import ArticleFactory, UserFactory

from .admin_forms import change_url, form_data, open_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(db):
    maya = Client()
    maya.force_login(UserFactory(username="maya", role="Editor"))
    omid = Client()
    omid.force_login(UserFactory(username="omid", role="Editor"))
    return maya, omid


def title(article, language="en"):
    return ArticleTranslation.objects.get(master=article, language_code=language).title


def test_the_second_of_two_saves_of_one_field_is_refused_and_shows_the_first(two_editors):
    maya, omid = two_editors
    article = ArticleFactory(languages={"en": {"title": "Original", "summary": "Old summary"}})
    maya_form = open_form(maya, article)
    omid_form = open_form(omid, article)

    maya_form["title"] = "Maya's title"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["title"] = "Omid's title"
    omid_form["summary"] = "Omid's summary"
    response = omid.post(change_url(article), omid_form)

    assert response.status_code == 200
    assert title(article) == "Maya's title"  # Nothing overwritten.
    html = response.content.decode()
    assert "Someone else changed this article after you opened it" in html
    assert "maya" in html and "<del>Original</del><ins>Maya&#x27;s title</ins>" in html
    form = response.context["adminform"].form
    assert form["summary"].value() == "Omid's summary"  # Omid's text is still in the form.

    # Keeping his title, having seen Maya's, is Omid's deliberate choice.
    again = {**form_data(response), "_keep_title": "mine"}
    assert omid.post(change_url(article), again).status_code == 302
    translation = ArticleTranslation.objects.get(master=article, language_code="en")
    assert (translation.title, translation.summary) == ("Omid's title", "Omid's summary")
    # Maya's version is still in the history.
    assert article.revisions.filter(snapshot__translations__en__title="Maya's title").exists()


def test_edits_to_different_languages_do_not_conflict(client, translator):
    editor = Client()
    editor.force_login(UserFactory(username="maya", role="Editor"))
    client.force_login(translator)
    article = ArticleFactory(languages={"en": "published", "fa": "draft"})
    english = open_form(editor, article, "en")
    farsi = open_form(client, article, "fa")

    english["title"] = "New English title"
    assert editor.post(change_url(article, "en"), english).status_code == 302
    farsi["title"] = "عنوان تازه"
    assert client.post(change_url(article, "fa"), farsi).status_code == 302
    assert (title(article, "en"), title(article, "fa")) == ("New English title", "عنوان تازه")


def test_a_shared_field_changed_meanwhile_is_kept_by_any_editor_form(two_editors):
    maya, omid = two_editors
    article = ArticleFactory(languages={"en": "published", "ar": "published"}, is_featured=False)
    maya_form = open_form(maya, article, "en")
    omid_form = open_form(omid, article, "ar")
    maya_form["is_featured"] = "on"
    assert maya.post(change_url(article, "en"), maya_form).status_code == 302
    omid_form["title"] = "عنوان"
    assert omid.post(change_url(article, "ar"), omid_form).status_code == 302
    article.refresh_from_db()
    assert article.is_featured  # Omid's form would have unticked it.
    assert title(article, "ar") == "عنوان"


@pytest.mark.django_db(transaction=True)
def test_two_truly_simultaneous_saves_one_wins_and_the_other_is_refused():
    """Two threads post at once: the row lock makes one wait, then see the other's save."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers with row locks: PostgreSQL (SQLite has one writer)")
    maya, omid = Client(), Client()
    maya.force_login(UserFactory(username="maya", role="Editor"))
    omid.force_login(UserFactory(username="omid", role="Editor"))
    article = ArticleFactory(languages={"en": {"title": "Original"}})
    forms = {"maya": open_form(maya, article), "omid": open_form(omid, article)}
    forms["maya"]["title"], forms["omid"]["title"] = "Maya's title", "Omid's title"
    start, results = threading.Barrier(2), {}

    def save(name, client):
        try:
            start.wait()
            results[name] = client.post(change_url(article), forms[name]).status_code
        finally:
            connection.close()  # This thread's own connection.

    threads = [
        threading.Thread(target=save, args=pair) for pair in (("maya", maya), ("omid", omid))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == [200, 302]
    winner = next(name for name, status in results.items() if status == 302)
    assert title(article) == forms[winner]["title"]


def test_the_change_form_page_carries_the_version_tokens(client, staff):
    """A browser posts only what the page renders: the tokens must be in the HTML."""
    article = ArticleFactory()
    client.force_login(staff)
    html = client.get(change_url(article)).content.decode()
    assert 'type="hidden" name="version"' in html
    assert 'type="hidden" name="base_revision"' in html

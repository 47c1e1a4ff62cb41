"""Admin papercuts found by trying the admin as a new editor would (issue 16)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from articles import services
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url, open_form, open_translation, translate_url

pytestmark = pytest.mark.django_db


def view_on_site(html):
    found = re.search(r'<a href="([^"]*)" class="viewsitelink">', html)
    return found.group(1) if found else None


def test_view_on_site_opens_the_tabs_language_when_it_is_public(client, editor):
    article = ArticleFactory(
        languages={
            "en": {"slug": "tankers"},
            "ar": {"slug": "naqilat"},
            "fa": {"slug": "naftkesh", "state": "draft"},
        }
    )
    client.force_login(editor)
    assert view_on_site(client.get(change_url(article, "en")).content.decode()) == (
        "/policy-analysis/tankers"
    )
    assert view_on_site(client.get(change_url(article, "ar")).content.decode()) == (
        "/ar/policy-analysis/naqilat"
    )
    # Not public in Farsi: no link to a page that does not exist.
    assert view_on_site(client.get(change_url(article, "fa")).content.decode()) is None


def test_view_on_site_is_absent_while_nothing_is_public(client, editor):
    article = ArticleFactory(languages={"en": "review"})
    client.force_login(editor)
    assert view_on_site(client.get(change_url(article, "en")).content.decode()) is None


def test_save_and_continue_keeps_the_language_once(client, editor):
    article = ArticleFactory(languages={"en": "draft", "ar": "draft"})
    client.force_login(editor)
    for language in ("en", "ar"):
        data = open_form(client, article, language)
        data["_continue"] = "1"
        response = client.post(change_url(article, language), data)
        assert response.status_code == 302
        assert response["Location"] == change_url(article, language)


def test_a_missing_translation_is_said_with_a_capital_like_the_other_states(client, editor):
    article = ArticleFactory(languages={"en": "draft"})
    client.force_login(editor)
    html = client.get(change_url(article, "fa")).content.decode()
    assert "State of this language: <strong>Missing</strong>" in html


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content if icon.streaming else [icon.content])[:4] == (
        b"\x00\x00\x01\x00"
    )
    assert 'rel="icon"' in client.get("/").content.decode()


def test_after_submitting_side_by_side_one_success_message_and_text_read_only(client, translator):
    article = ArticleFactory(
        languages={
            "en": {"body": "<p>Oil <strong>rose</strong>.</p><ul><li>One</li></ul>"},
            "fa": {
                "title": "نفت",
                "body": "<p>نفت <strong>بالا</strong> رفت.</p>",
                "state": "draft",
            },
        }
    )
    client.force_login(translator)
    data = open_translation(client, article, "fa")
    data["_workflow"] = "submit"
    response = client.post(translate_url(article, "fa"), data, follow=True)
    html = response.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "The فارسی translation was submitted for review."
    ]
    assert 'class="errornote"' not in html  # the read-only note is not an error
    assert '<p class="readonly-note">' in html
    # The translation is shown as text, rendered, not as inputs that look editable.
    assert 'name="title"' not in html and "rich-text-editor" not in html
    assert "<p>نفت <strong>بالا</strong> رفت.</p>" in html
    assert "&lt;strong&gt;" not in html


def test_an_author_reads_a_submitted_body_rendered_and_no_minor_edit_line(client, author):
    article = ArticleFactory(
        created_by=author,
        languages={"en": {"body": "<p>Oil <strong>rose</strong>.</p>", "state": "review"}},
    )
    client.force_login(author)
    html = client.get(change_url(article, "en")).content.decode()
    body = re.search(r'<div class="form-row field-body">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert "<p>Oil <strong>rose</strong>.</p>" in body
    assert "&lt;p&gt;" not in html
    assert "field-minor_edit" not in html and "Minor edit" not in html


def test_an_author_is_told_who_sets_the_publication_time(client, author):
    article = ArticleFactory(created_by=author, languages={"en": "draft"})
    client.force_login(author)
    html = client.get(change_url(article, "en")).content.decode()
    row = re.search(r'<div class="form-row field-published_at">.*?</div>\s*</div>', html, re.S)
    assert "Set by an editor." in row.group(0)


def test_a_translator_sees_only_the_work_lists_of_their_languages(client, translator):
    client.force_login(translator)
    html = client.get(reverse("admin:translations_language", args=["fa"])).content.decode()
    nav = re.search(r'<nav class="dashboard-tabs" aria-label="Languages">.*?</nav>', html, re.S)
    nav = nav.group(0)
    assert reverse("admin:translations_language", args=["en"]) not in nav
    assert reverse("admin:translations_language", args=["ar"]) not in nav


def test_an_editor_sees_every_language_work_list(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:translations_language", args=["fa"])).content.decode()
    assert reverse("admin:translations_language", args=["en"]) in html
    assert reverse("admin:translations_language", args=["ar"]) in html


def test_the_arabic_admin_dates_its_workflow_log_in_one_arabic_format(client, editor):
    with time_machine.travel(datetime(2026, 12, 1, 17, 44, tzinfo=UTC), tick=False):
        article = ArticleFactory(languages={"en": "review"})
        services.translation_publish(article=article, language="en", user=editor)
    client.force_login(editor)
    html = client.get(change_url(article, "en"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    log = re.search(r'<ul class="workflow-events">(.*?)</ul>', html, re.S).group(1)
    first = re.search(r"<li>([^·]*)·", log).group(1).strip()
    # Day, month, year and time in Arabic-Indic digits with Arabic commas, as the public
    # pages date (core/formats/ar): not "ديسمبر 1, 2026, 8:44 م".
    assert re.fullmatch(r"[٠-٩]{1,2} ديسمبر، ٢٠٢٦، [٠-٩]{1,2}:[٠-٩]{2} [صم]", first), first

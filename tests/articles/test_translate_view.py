"""
Translating an article side by side: the source read-only beside each target field, in
the target language's direction, with the workflow's rules on who may change what.
"""

import pytest
from django.contrib import admin
from django.utils import translation

from articles.models import Article, ArticleTranslation, SlugRedirect, State
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url, open_form, open_translation, translate_url

pytestmark = pytest.mark.django_db


def text(article, language):
    return ArticleTranslation.objects.get(master=article, language_code=language)


@pytest.fixture
def article():
    return ArticleFactory(
        source_language="en",
        languages={
            "en": {
                "title": "Tankers reroute",
                "summary": "Why the Strait matters.",
                "body": "<p>Insurance costs <strong>doubled</strong>.</p>",
                "author_note": "The author thanks the shipping desk.",
            },
            "fa": {"title": "نفتکش‌ها", "state": "draft"},
        },
    )


def test_the_source_is_shown_read_only_beside_each_target_field(client, translator, article):
    client.force_login(translator)
    response = client.get(translate_url(article, "fa"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["field"].name for row in rows] == [
        "title",
        "slug",
        "summary",
        "body",
        "author_note",
    ]
    sources = {row["field"].name: row["source"] for row in rows}
    assert "Tankers reroute" in sources["title"]
    assert "<strong>doubled</strong>" in sources["body"]  # Rich text, rendered.
    html = response.content.decode()
    assert 'class="side-by-side__source" dir="ltr" lang="en"' in html
    assert html.count('class="side-by-side__source"') == 5
    # The source is text on the page, never a form field that could be posted.
    assert 'name="title"' in html and html.count('name="title"') == 1


def test_farsi_and_arabic_target_fields_are_right_to_left(client, editor, article):
    client.force_login(editor)
    for language in ("fa", "ar"):
        response = client.get(translate_url(article, language))
        html, form = response.content.decode(), response.context["form"]
        for name in ("title", "summary", "author_note", "body"):
            assert form.fields[name].widget.attrs["dir"] == "rtl", (language, name)
            assert form.fields[name].widget.attrs["lang"] == language
        assert form.fields["slug"].widget.attrs["dir"] == "ltr"  # An ASCII address.
        assert '<div class="rich-text-editor" dir="rtl">' in html  # The editor too.


def test_directions_follow_the_languages_not_the_admin_interface(rf, editor):
    article = ArticleFactory(source_language="ar", languages={"ar": "published"})
    request = rf.get(translate_url(article, "en"))
    request.user = editor
    view = admin.site._registry[Article].translate_view
    with translation.override("fa"):  # The admin speaks Persian ...
        html = view(request, str(article.pk), "en").render().content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert 'class="side-by-side__source" dir="rtl" lang="ar"' in html  # ... the source is Arabic
    assert '<div class="rich-text-editor" dir="ltr">' in html  # ... and English is written ltr.
    assert 'dir="ltr" lang="en"' in html


def test_a_translator_saves_and_submits_for_review(client, translator, article):
    client.force_login(translator)
    data = open_translation(client, article, "fa")
    data.update(title="نفتکش‌ها مسیر عوض می‌کنند", _workflow="submit")
    response = client.post(translate_url(article, "fa"), data, follow=True)
    assert "The فارسی translation was submitted for review." in response.content.decode()
    fa = text(article, "fa")
    assert (fa.title, fa.state) == ("نفتکش‌ها مسیر عوض می‌کنند", State.REVIEW)
    assert article.revisions.filter(snapshot__translations__fa__title=fa.title).exists()
    # In review: the editors' now. The page says so and offers no buttons.
    response = client.get(translate_url(article, "fa"))
    assert response.context["editable"] is False and response.context["buttons"] == []
    assert "only editors can change it now" in response.content.decode()


def test_a_translator_reaches_only_their_assigned_languages(client, translator, article):
    client.force_login(translator)
    response = client.get(translate_url(article, "ar"))
    assert response.status_code == 200  # Everyone may read every article ...
    assert response.context["editable"] is False
    assert all(row["field"].field.disabled for row in response.context["rows"])
    response = client.post(translate_url(article, "ar"), {"title": "عنوان"})
    assert response.status_code == 403  # ... but not change another language.
    assert not ArticleTranslation.objects.filter(master=article, language_code="ar").exists()


def test_the_source_language_is_edited_in_the_change_form(client, editor, article):
    client.force_login(editor)
    response = client.get(translate_url(article, "en"))
    assert response.status_code == 302
    assert response["Location"] == change_url(article, "en")


def test_unknown_languages_and_articles_are_not_found(client, editor, article):
    client.force_login(editor)
    assert client.get(translate_url(article, "de")).status_code == 404
    article.pk = 999_999
    assert client.get(translate_url(article, "fa")).status_code == 404


def test_a_missing_translation_is_created_as_a_draft(client, translator):
    article = ArticleFactory(languages={"en": "published"})
    client.force_login(translator)
    data = open_translation(client, article, "fa")
    data.update(title="ترجمه تازه", body="<p>متن <em>تازه</em></p>")
    response = client.post(translate_url(article, "fa"), data)
    assert response.status_code == 302
    fa = text(article, "fa")
    assert (fa.state, fa.body) == (State.DRAFT, "<p>متن <em>تازه</em></p>")
    assert fa.slug.startswith("trjmh-")  # Made from the title.


def test_a_changed_slug_leaves_a_redirect(client, editor, article):
    client.force_login(editor)
    old = text(article, "fa").slug
    data = open_translation(client, article, "fa")
    data["slug"] = "naftkesh-ha"
    assert client.post(translate_url(article, "fa"), data).status_code == 302
    assert SlugRedirect.objects.filter(language_code="fa", old_slug=old).exists()


def test_hero_image_fields_appear_with_a_hero_image(client, editor, article):
    client.force_login(editor)
    names = [row["field"].name for row in client.get(translate_url(article, "fa")).context["rows"]]
    assert "hero_alt" not in names
    article.hero_image = "articles/harbour.jpg"
    article.save()
    names = [row["field"].name for row in client.get(translate_url(article, "fa")).context["rows"]]
    assert names[-2:] == ["hero_alt", "hero_credit"]


def test_a_save_over_someone_elses_change_is_refused(client, editor, translator, article):
    client.force_login(translator)
    stale = open_translation(client, article, "fa")
    client.force_login(editor)
    data = open_form(client, article, "fa")
    data["title"] = "ویرایش دبیر"
    assert client.post(change_url(article, "fa"), data).status_code == 302
    client.force_login(translator)
    stale["title"] = "ویرایش مترجم"
    response = client.post(translate_url(article, "fa"), stale)
    assert response.status_code == 200
    assert "Someone else changed this article after you opened it" in response.content.decode()
    assert text(article, "fa").title == "ویرایش دبیر"


def test_shared_changes_by_others_do_not_block_a_translation(client, editor, article):
    client.force_login(editor)
    stale = open_translation(client, article, "fa")
    data = open_form(client, article, "en")
    data["is_featured"] = "on"
    assert client.post(change_url(article, "en"), data).status_code == 302
    stale["title"] = "عنوان تازه"
    assert client.post(translate_url(article, "fa"), stale).status_code == 302
    assert text(article, "fa").title == "عنوان تازه"


def test_the_change_form_links_to_the_side_by_side_view(client, editor, article):
    client.force_login(editor)
    html = client.get(change_url(article, "fa")).content.decode()
    assert f'href="{translate_url(article, "fa")}"' in html
    html = client.get(change_url(article, "en")).content.decode()
    assert "Translate side by side" not in html

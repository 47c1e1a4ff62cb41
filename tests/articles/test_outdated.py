"""
Outdated translations: a normal edit of the source text flags every other translation,
a minor edit does not, an outdated translation shows what changed in its source, and
saving it as up to date clears the flag. Edits go through the admin as a browser sends them.
"""

import pytest
from django.urls import reverse

from articles import services_restore
from articles.models import Article, ArticleTranslation
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db


def outdated(article) -> set[str]:
    return set(
        ArticleTranslation.objects.filter(master=article)
        .outdated()
        .values_list("language_code", flat=True)
    )


def edit(client, article, language, **changes):
    data = open_form(client, article, language)
    data.update(changes)
    response = client.post(change_url(article, language), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def article():
    return ArticleFactory(
        source_language="en",
        languages={
            "en": {"title": "Tankers reroute", "summary": "Why the Strait matters."},
            "ar": "published",
            "fa": "draft",
        },
    )


def test_a_source_edit_marks_the_other_languages_outdated(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", summary="Why the Strait matters now.")
    assert outdated(article) == {"ar", "fa"}
    article.refresh_from_db()
    assert article.source_version == 1
    # Still public: outdated is a flag for the admin, not a state.
    assert ArticleTranslation.objects.public("ar").filter(master=article).exists()


def test_a_minor_edit_does_not_mark_translations_outdated(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", summary="Why the Strait maters.", minor_edit="on")
    assert outdated(article) == set()
    assert ArticleTranslation.objects.get(master=article, language_code="en").summary == (
        "Why the Strait maters."
    )


def test_a_change_outside_the_source_text_does_not_mark_them(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", slug="tankers-reroute-again", hero_credit="Photo: Reuters")
    assert outdated(article) == set()


def test_editing_a_translation_does_not_outdate_the_others(client, editor, article):
    client.force_login(editor)
    edit(client, article, "ar", title="ناقلات النفط تغير مسارها")
    assert outdated(article) == set()


def test_the_source_language_is_per_article(client, editor):
    article = ArticleFactory(
        source_language="ar", languages={"ar": "published", "en": "published", "fa": "draft"}
    )
    client.force_login(editor)
    edit(client, article, "en", title="An English title, edited")
    assert outdated(article) == set()
    edit(client, article, "ar", title="عنوان عربي جديد")
    assert outdated(article) == {"en", "fa"}


def test_opening_an_outdated_translation_shows_what_changed_in_the_source(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again", body="<p>New paragraph.</p>")
    html = client.get(change_url(article, "fa")).content.decode()
    assert "Outdated: the English source text changed" in html
    assert "Tankers reroute<ins> again</ins>" in html
    assert "<del>reroute — body</del><ins>paragraph.</ins>" in html  # The body, as text.
    # The source's own page has nothing to catch up with, only the minor-edit box.
    html = client.get(change_url(article, "en")).content.decode()
    assert "Outdated:" not in html and 'name="minor_edit"' in html


def test_the_diff_covers_every_change_since_the_translation_was_brought_up_to_date(
    client, editor, article
):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    edit(client, article, "en", title="Tankers reroute again and again")
    html = client.get(change_url(article, "ar")).content.decode()
    assert "Tankers reroute<ins> again and again</ins>" in html


def test_saving_as_up_to_date_clears_the_flag(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    edit(client, article, "fa", title="نفتکش‌ها دوباره مسیر عوض می‌کنند")
    assert outdated(article) == {"ar", "fa"}  # Saved, but not said to be up to date.
    edit(client, article, "fa", up_to_date="on")
    assert outdated(article) == {"ar"}
    html = client.get(change_url(article, "fa")).content.decode()
    assert "Outdated:" not in html and 'name="up_to_date"' not in html


def test_a_translator_clears_the_flag_of_their_language(client, editor, translator, article):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    client.force_login(translator)
    form = client.get(change_url(article, "fa")).context["adminform"].form
    assert not form.fields["up_to_date"].disabled
    edit(client, article, "fa", up_to_date="on")
    assert outdated(article) == {"ar"}


def test_a_new_translation_is_made_from_the_current_source(client, editor):
    article = ArticleFactory(languages={"en": "published"})
    client.force_login(editor)
    edit(client, article, "en", title="Revised before anyone translated it")
    edit(client, article, "fa", title="ترجمه تازه", body="<p>متن</p>")
    assert outdated(article) == set()


def test_restoring_older_source_text_outdates_the_translations(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    edit(client, article, "ar", up_to_date="on")
    edit(client, article, "fa", up_to_date="on")
    first = article.revisions.order_by("created_at", "id").first()
    services_restore.revision_restore(revision=first, user=editor)
    assert outdated(article) == {"ar", "fa"}
    html = client.get(change_url(article, "ar")).content.decode()
    assert "Tankers reroute<del> again</del>" in html


def test_revisions_record_the_source_version(client, editor, article):
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    versions = list(article.revisions.order_by("created_at", "id").values_list("source_version"))
    assert versions == [(0,), (1,)]


def test_the_article_list_flags_and_filters_outdated_translations(client, editor, article):
    untouched = ArticleFactory(languages={"en": "published", "ar": "published"})
    client.force_login(editor)
    edit(client, article, "en", title="Tankers reroute again")
    changelist = reverse("admin:articles_article_changelist")
    response = client.get(changelist, {"lang": "ar", "state": "outdated"})
    assert list(response.context["cl"].result_list) == [Article.objects.get(pk=article.pk)]
    html = client.get(changelist).content.decode()
    assert "AR Published, outdated" in html
    assert untouched.pk not in {a.pk for a in response.context["cl"].result_list}


def test_an_outdated_translation_without_recorded_text_says_so(client, editor):
    article = ArticleFactory(languages={"en": "published", "fa": "published"})
    Article.objects.filter(pk=article.pk).update(source_version=3)  # No revision at 0.
    client.force_login(editor)
    html = client.get(change_url(article, "fa")).content.decode()
    assert "The source text this translation was made from is not on record" in html

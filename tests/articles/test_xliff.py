"""
XLIFF exchange: the text comes back exactly (Arabic and Farsi included), imports land in
draft translations with a revision, the admin exports and imports, and an import sends one
event. A bad file is refused whole (test_xliff_refusals).
"""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from articles import xliff, xliff_import
from articles.models import ArticleRevision, ArticleTranslation, State
from core.events import content_changed
from tests.articles.factories import ArticleFactory, UserFactory

from .xliff_files import NS, articles_texts, drop_unit, edit, fields, set_target, set_targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(source_language="en", languages=articles_texts())


@pytest.fixture
def farsi(db):
    return UserFactory(username="omid", role="Translator", languages=["fa"])


@pytest.fixture
def exported(article):
    return xliff.export(type(article).objects.filter(pk=article.pk), "fa")


# The round trip


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_a_round_trip_brings_the_text_back_exactly(article, editor, language):
    before = fields(article, language)
    data = xliff.export(type(article).objects.filter(pk=article.pk), language)
    # The translator's tool clears and re-types nothing: the prefilled targets come back.
    ArticleTranslation.objects.filter(master=article, language_code=language).update(
        title="x", summary="", body="", author_note=""
    )
    xliff_import.xliff_import(data=data, user=editor)
    assert fields(article, language) == before


def test_the_source_text_travels_exactly_too(article):
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    (parsed,) = xliff.read(data)
    english = articles_texts()["en"]
    assert {name: source for name, (source, _target) in parsed.units.items()} == english
    assert (parsed.source_language, parsed.target_language) == ("en", "fa")


def test_a_farsi_translation_typed_into_the_file_arrives_as_a_draft(farsi):
    article = ArticleFactory(source_language="en", languages={"en": articles_texts()["en"]})
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    farsi_texts = {k: v for k, v in articles_texts()["fa"].items() if k != "state"}
    done = xliff_import.xliff_import(data=set_targets(data, farsi_texts), user=farsi)
    assert done == [(article, "fa")]
    assert fields(article, "fa") == {"state": State.DRAFT, "hero_alt": "", "hero_credit": "",
                                     **farsi_texts}  # fmt: skip
    revision = article.revisions.first()
    assert (revision.kind, revision.user) == (ArticleRevision.Kind.IMPORT, farsi)
    assert revision.snapshot["translations"]["fa"]["title"] == farsi_texts["title"]


def test_an_arabic_article_is_exported_for_english_and_farsi():
    article = ArticleFactory(source_language="ar", languages={"ar": articles_texts()["ar"]})
    data = xliff.export(type(article).objects.filter(pk=article.pk), "en")
    root = etree.fromstring(data)
    (node,) = root.findall("x:file", NS)
    assert (node.get("source-language"), node.get("target-language")) == ("ar", "en")
    assert node.get("original") == f"article-{article.pk}"
    ids = [unit.get("id") for unit in node.iterfind(".//x:trans-unit", NS)]
    assert ids == [
        f"article-{article.pk}/{name}" for name in ("title", "summary", "body", "author_note")
    ]
    assert root.get("version") == "1.2"


def test_a_file_made_before_a_source_change_lands_outdated(article, editor):
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    type(article).objects.filter(pk=article.pk).update(source_version=1)
    xliff_import.xliff_import(data=data, user=editor)
    assert ArticleTranslation.objects.filter(master=article, language_code="fa").outdated().exists()


def test_a_file_made_from_the_current_source_brings_an_outdated_translation_up_to_date(
    article, editor
):
    type(article).objects.filter(pk=article.pk).update(source_version=2)
    assert ArticleTranslation.objects.filter(master=article).outdated().count() == 2
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    xliff_import.xliff_import(data=data, user=editor)
    assert not ArticleTranslation.objects.filter(master=article, language_code="fa").outdated()


# In the admin


def test_the_admin_exports_one_article_and_imports_it_back(client, farsi, article):
    client.force_login(farsi)
    response = client.get(reverse("admin:articles_article_xliff_export", args=[article.pk, "fa"]))
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    assert f'filename="article-{article.pk}-fa.xlf"' in response["Content-Disposition"]
    data = set_targets(response.content, {"title": "عنوان تازه"})
    url = reverse("admin:articles_article_xliff_import_one", args=[article.pk]) + "?language=fa"
    upload = SimpleUploadedFile("back.xlf", data, content_type="application/x-xliff+xml")
    response = client.post(url, {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_translate", args=[article.pk, "fa"]
    )
    assert "Imported the فارسی translation of" in response.content.decode()
    assert fields(article, "fa")["title"] == "عنوان تازه"


def test_the_admin_lists_every_problem_of_a_refused_file(client, editor, article, exported):
    client.force_login(editor)
    data = edit(exported, drop_unit("/title"))
    data = edit(data, set_target("/summary", lambda t: setattr(t, "text", "")))
    upload = SimpleUploadedFile("bad.xlf", data)
    response = client.post(reverse("admin:articles_article_xliff_import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was refused; nothing was imported:" in html
    assert "The unit for the title of" in html and "has an empty target" in html


def test_the_source_language_is_not_exported_for_itself(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_xliff_export", args=[article.pk, "en"])
    assert client.get(url).status_code == 404


def test_a_selection_is_exported_from_the_article_list(client, editor, article):
    other = ArticleFactory(languages={"en": "published"})
    farsi_source = ArticleFactory(source_language="fa", languages={"fa": "published"})
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "export_xliff_fa", "_selected_action": [article.pk, other.pk, farsi_source.pk]},
    )
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    originals = [node.get("original") for node in root.findall("x:file", NS)]
    assert originals == [f"article-{article.pk}", f"article-{other.pk}"]
    assert 'filename="articles-fa.xlf"' in response["Content-Disposition"]


# The "content changed" event


def test_an_import_of_many_articles_sends_one_event_naming_each_as_a_draft_change(article, editor):
    other = ArticleFactory(languages={"en": "published"})
    data = xliff.export(type(article).objects.filter(pk__in=[other.pk, article.pk]), "fa")
    data = set_targets(data, {"title": "عنوان", "summary": "خلاصه", "body": "<p>متن</p>"})
    sent = []
    content_changed.connect(
        lambda changes, **kw: sent.append(changes), weak=False, dispatch_uid="x"
    )
    try:
        xliff_import.xliff_import(data=data, user=editor)
    finally:
        content_changed.disconnect(dispatch_uid="x")
    (changes,) = sent
    assert sorted((c.kind, c.id, c.languages, c.public) for c in changes) == sorted(
        ("articles.article", pk, frozenset({"fa"}), False) for pk in (article.pk, other.pk)
    )


def test_the_admin_import_runs_the_import_service(client, farsi, article):
    client.force_login(farsi)
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    data = set_targets(data, {"title": "عنوان تازه"})
    url = reverse("admin:articles_article_xliff_import_one", args=[article.pk]) + "?language=fa"
    upload = SimpleUploadedFile("back.xlf", data, content_type="application/x-xliff+xml")
    with mock.patch.object(
        xliff_import, "xliff_import", wraps=xliff_import.xliff_import
    ) as service:
        client.post(url, {"file": upload})
    service.assert_called_once()
    assert service.call_args.kwargs["user"] == farsi
    assert fields(article, "fa")["title"] == "عنوان تازه"

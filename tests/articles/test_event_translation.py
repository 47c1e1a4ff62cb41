"""
An event's place (venue, address, city) is translated with the article's text: beside the
source language's in the side-by-side view, and as units of the XLIFF exchange.
"""

import pytest
from django.test import Client

from articles import xliff, xliff_import
from articles.models import ArticleTranslation, Event
from articles.services_events import Place, event_place_of
from tests.articles.events import BERLIN_PLACES, save
from tests.articles.factories import ArticleFactory

from .admin_forms import open_translation, translate_url, translation_data
from .xliff_files import add_unit, drop_unit, edit, refusal, set_targets

pytestmark = pytest.mark.django_db

FARSI = {"venue": "هتل آدلون", "address": "اونتر دن لیندن ۷۷", "city": "برلین"}


@pytest.fixture
def forum(editor):
    """An event in Berlin, public in English, its Farsi translation a draft with no place."""
    article = ArticleFactory(languages={"en": {"slug": "energy-forum", "title": "Energy forum"},
                                        "fa": {"slug": "hamayesh", "title": "همایش انرژی",
                                               "state": "draft"}})  # fmt: skip
    save(article, editor, mode="in_person", places={"en": BERLIN_PLACES["en"]})
    return article


def farsi_place(article) -> Place:
    return event_place_of(Event.objects.get(article=article), "fa")


def test_the_side_by_side_view_shows_the_source_place_and_saves_the_farsi_one(
    client, translator, forum
):
    client.force_login(translator)
    response = client.get(translate_url(forum, "fa"))
    rows = {row["field"].name: row for row in response.context["rows"]}
    assert list(rows)[-3:] == ["venue", "address", "city"]
    assert "Hotel Adlon" in rows["venue"]["source"]
    assert "Unter den Linden 77" in rows["address"]["source"]
    assert 'name="venue"' in response.content.decode() and 'dir="rtl"' in str(
        rows["venue"]["field"]
    )

    data = {**open_translation(client, forum, "fa"), **FARSI}
    assert client.post(translate_url(forum, "fa"), data).status_code == 302

    assert farsi_place(forum) == Place(**FARSI)
    revision = forum.revisions.order_by("-created_at", "-id").first()
    assert revision.snapshot["event"]["places"]["fa"]["venue"] == "هتل آدلون"
    assert revision.changed_languages == ["fa"]
    ArticleTranslation.objects.filter(master=forum, language_code="fa").update(state="published")
    page = Client().get("/fa/policy-analysis/hamayesh").content.decode()
    assert "هتل آدلون" in page and "اونتر دن لیندن ۷۷" in page
    assert "Hotel Adlon" not in page  # The Farsi place, no longer the English fallback.


@pytest.mark.parametrize("online", [False, True])
def test_an_article_that_is_no_event_in_person_has_no_place_fields(
    client, translator, editor, online
):
    article = ArticleFactory(languages={"en": {"title": "Tankers"}, "fa": "draft"})
    if online:
        save(article, editor, mode="online", places={})
    client.force_login(translator)
    names = [row["field"].name for row in client.get(translate_url(article, "fa")).context["rows"]]
    assert "venue" not in names and names[0] == "title"


def test_a_translator_may_not_post_a_place_into_a_published_version(client, translator, forum):
    ArticleTranslation.objects.filter(master=forum, language_code="fa").update(state="published")
    client.force_login(translator)
    data = {"title": "همایش", "slug": "hamayesh", **FARSI}
    assert client.post(translate_url(forum, "fa"), data).status_code == 403
    assert farsi_place(forum) == Place()


def test_the_export_asks_for_the_place_and_fills_what_the_language_has(forum, editor):
    save(forum, editor, mode="in_person",
         places={"en": BERLIN_PLACES["en"], "fa": Place(venue=FARSI["venue"])})  # fmt: skip
    (parsed,) = xliff.read(xliff.export(type(forum).objects.filter(pk=forum.pk), "fa"))
    assert parsed.units["venue"] == ("Hotel Adlon", "هتل آدلون")
    assert parsed.units["address"] == ("Unter den Linden 77", "")
    assert parsed.units["city"] == ("Berlin", "")


def test_an_imported_place_lands_with_the_draft_and_its_revision(forum, translator):
    data = xliff.export(type(forum).objects.filter(pk=forum.pk), "fa")
    done = xliff_import.xliff_import(data=set_targets(data, {"title": "همایش", **FARSI}),
                                     user=translator)  # fmt: skip
    assert done == [(forum, "fa")]
    assert farsi_place(forum) == Place(**FARSI)
    assert forum.revisions.first().snapshot["event"]["places"]["fa"]["city"] == "برلین"
    assert event_place_of(Event.objects.get(article=forum), "en") == BERLIN_PLACES["en"]


def test_a_place_for_an_article_that_is_no_event_is_refused_whole(translator):
    article = ArticleFactory(languages={"en": {"title": "Tankers"}})
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    texts = {"title": "نفتکش‌ها", "summary": "چرا", "body": "<p>متن</p>"}
    data = edit(set_targets(data, texts), add_unit(f"article-{article.pk}/venue"))
    problems = refusal(data, translator)
    assert problems == [f"“{article}” (#{article.pk}) is not an event: the file gives it a venue "
                        "or address."]  # fmt: skip
    assert not article.translations.filter(language_code="fa").exists()


def test_a_file_without_place_units_leaves_the_language_s_place(forum, editor, translator):
    save(forum, editor, mode="in_person",
         places={"en": BERLIN_PLACES["en"], "fa": Place(**FARSI)})  # fmt: skip
    data = xliff.export(type(forum).objects.filter(pk=forum.pk), "fa")
    for name in ("venue", "address", "city"):
        data = edit(data, drop_unit(f"/{name}"))  # as exported before places travelled
    xliff_import.xliff_import(data=set_targets(data, {"title": "همایش"}), user=translator)
    assert farsi_place(forum) == Place(**FARSI)


def test_a_place_too_long_for_its_field_is_refused_whole(forum, translator):
    data = xliff.export(type(forum).objects.filter(pk=forum.pk), "fa")
    problems = refusal(set_targets(data, {"title": "همایش", "venue": "ه" * 301}), translator)
    assert problems == [f"The venue of “{forum}” (#{forum.pk}) is too long."]
    assert farsi_place(forum) == Place()


def test_a_side_by_side_save_merges_the_place_with_what_another_saved_meanwhile(
    client, translator, editor, forum
):
    client.force_login(translator)
    stale = open_translation(client, forum, "fa")
    other = Client()
    other.force_login(editor)
    theirs = {**open_translation(other, forum, "fa"), "venue": "هتل آدلون", "city": "برلین"}
    assert other.post(translate_url(forum, "fa"), theirs).status_code == 302

    # The address only they did not touch: kept with theirs, and no question asked.
    stale["address"] = FARSI["address"]
    assert client.post(translate_url(forum, "fa"), stale).status_code == 302
    assert farsi_place(forum) == Place(**FARSI)

    # Both change the venue: nothing is written until the translator chooses.
    stale = open_translation(client, forum, "fa")
    theirs = {**open_translation(other, forum, "fa"), "venue": "تالار آدلون"}
    assert other.post(translate_url(forum, "fa"), theirs).status_code == 302
    stale["venue"] = "مهمانسرای آدلون"
    conflict = client.post(translate_url(forum, "fa"), stale)
    assert "Someone else changed this article after you opened it" in conflict.content.decode()
    assert farsi_place(forum).venue == "تالار آدلون"
    again = {**translation_data(conflict), "_keep_venue": "mine"}
    assert client.post(translate_url(forum, "fa"), again).status_code == 302
    assert farsi_place(forum) == Place(**{**FARSI, "venue": "مهمانسرای آدلون"})

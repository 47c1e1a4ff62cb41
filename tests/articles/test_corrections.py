"""Corrections: appended by editors to a published translation, shown, kept, recorded."""

import json
import re
from datetime import UTC, datetime

import feedparser
import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from articles.models import Correction, WorkflowEvent
from articles.models_corrections import CorrectionsAreKept
from articles.services import NotPermitted, WrongState
from articles.services_corrections import correction_append
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def piece():
    return ArticleFactory(
        languages={"en": {"slug": "oil-deal"}, "fa": {"slug": "oil-fa"}, "ar": "draft"}
    )


def test_an_editor_appends_a_correction_shown_dated_at_the_end_of_the_page(piece, editor):
    text = "<p>The deal was signed in <b>2019</b>.<script>x()</script></p>"
    correction_append(article=piece, language="en", user=editor, text=text)
    page = Client().get("/policy-analysis/oil-deal").content.decode()
    assert "Correction, " in page
    assert "The deal was signed in <b>2019</b>." in page
    assert "<script>x()" not in page
    assert page.index('class="corrections"') > page.index('class="body"')


def test_the_cached_page_shows_the_correction_right_after_it_is_appended(piece, editor):
    cache.clear()
    client = Client()
    assert 'class="corrections"' not in client.get("/policy-analysis/oil-deal").content.decode()
    correction_append(article=piece, language="en", user=editor, text="A date was wrong.")
    assert "A date was wrong." in client.get("/policy-analysis/oil-deal").content.decode()


def test_the_farsi_page_dates_its_correction_in_the_solar_hijri_calendar(piece, editor):
    correction_append(article=piece, language="fa", user=editor, text="تاریخ اصلاح شد.")
    page = Client().get("/fa/policy-analysis/oil-fa").content.decode()
    assert "تاریخ اصلاح شد." in page
    assert "۱۴۰۵" in page  # December 2026 is Azar 1405
    assert "تاریخ اصلاح شد." not in Client().get("/policy-analysis/oil-deal").content.decode()


@pytest.mark.parametrize("role", ["author", "translator"])
def test_authors_and_translators_cannot_append_corrections(piece, role, request):
    user = request.getfixturevalue(role)
    with pytest.raises(NotPermitted):
        correction_append(article=piece, language="fa", user=user, text="Mine.")
    assert not Correction.objects.exists()


def test_only_a_published_translation_is_corrected_and_the_text_is_required(piece, editor):
    with pytest.raises(WrongState):
        correction_append(article=piece, language="ar", user=editor, text="Draft.")
    with pytest.raises(WrongState):
        correction_append(
            article=piece, language="en", user=editor, text="<p> <script></script></p>"
        )
    assert not Correction.objects.exists()


def test_a_correction_cannot_be_deleted_or_rewritten_only_amended(piece, editor):
    first = correction_append(article=piece, language="en", user=editor, text="Signed 2019.")
    with pytest.raises(CorrectionsAreKept):
        first.delete()
    with pytest.raises(CorrectionsAreKept):
        Correction.objects.all().delete()
    first.text = "Silently changed."
    with pytest.raises(CorrectionsAreKept):
        first.save()
    second = correction_append(article=piece, language="en", user=editor,
                               text="Signed in 2018, not 2019.", amends=first)  # fmt: skip
    assert Correction.objects.get(pk=first.pk).text == "Signed 2019."
    page = Client().get("/policy-analysis/oil-deal").content.decode()
    assert f'href="#correction-{first.pk}"' in page
    assert page.index("Signed 2019.") < page.index("Signed in 2018")
    with pytest.raises(WrongState):
        correction_append(article=piece, language="fa", user=editor, text="x", amends=second)


def test_the_revision_history_shows_the_correction(piece, editor):
    correction_append(article=piece, language="en", user=editor, text="A date was wrong.")
    event = WorkflowEvent.objects.get(action=WorkflowEvent.Action.CORRECT)
    assert event.language_code == "en" and event.comment == "A date was wrong."
    revision = piece.revisions.get(event=event)
    assert revision.describe() == "Correction appended (English)"
    assert revision.snapshot["corrections"]["en"][0]["text"] == "A date was wrong."


def json_ld(page: str) -> dict:
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(data)


def test_json_ld_lists_the_corrections_and_dates_the_version_modified_by_the_newest(piece, editor):
    with time_machine.travel(datetime(2027, 1, 2, 9, 30, tzinfo=UTC)):
        correction_append(article=piece, language="en", user=editor, text="<p>Signed 2019.</p>")
    data = json_ld(Client().get("/policy-analysis/oil-deal").content.decode())
    [entry] = data["correction"]
    assert entry["@type"] == "CorrectionComment"
    assert entry["text"] == "Signed 2019."
    assert entry["datePublished"] == "2027-01-02T09:30:00+00:00"
    assert entry["url"].endswith(
        f"/policy-analysis/oil-deal#correction-{Correction.objects.get().pk}"
    )
    assert data["dateModified"] == "2027-01-02T09:30:00+00:00"
    assert "correction" not in json_ld(Client().get("/fa/policy-analysis/oil-fa").content.decode())


def test_feeds_date_the_corrected_item_updated_and_leave_the_others(piece, editor):
    other = ArticleFactory(languages={"en": {"slug": "other"}})
    with time_machine.travel(datetime(2027, 1, 3, 8, 0, tzinfo=UTC)):
        correction_append(article=piece, language="en", user=editor, text="A date was wrong.")
    entries = {e.link.rsplit("/", 1)[-1]: e for e in feedparser.parse(
        Client().get("/feeds/atom").content).entries}  # fmt: skip
    assert entries["oil-deal"].updated_parsed[:5] == (2027, 1, 3, 8, 0)
    assert entries["other"].updated_parsed[:3] != (2027, 1, 3)
    assert (
        other.translations.get().changed_at < piece.translations.get(language_code="en").changed_at
    )


def test_the_sitemap_dates_the_corrected_version_by_its_correction(piece, editor):
    with time_machine.travel(datetime(2027, 1, 3, 8, 0, tzinfo=UTC)):
        correction_append(article=piece, language="fa", user=editor, text="تاریخ اصلاح شد.")
    sitemap = Client().get("/sitemap-articles.xml").content.decode()
    fa = sitemap.split("/fa/policy-analysis/oil-fa</loc>", 1)[1].split("</url>", 1)[0]
    assert "<lastmod>2027-01-03" in fa


def test_the_corrections_page_lists_public_corrections_of_its_language_newest_first(
    piece, editor, settings
):
    settings.LISTING_PAGE_SIZE = 2
    hidden = ArticleFactory(languages={"en": {"slug": "gone", "title": "Gone piece"}})
    for text in ("First fix.", "Second fix.", "Third fix."):
        correction_append(article=piece, language="en", user=editor, text=text)
    correction_append(article=hidden, language="en", user=editor, text="Hidden fix.")
    correction_append(article=piece, language="fa", user=editor, text="اصلاح فارسی.")
    hidden.is_withdrawn = True
    hidden.save()
    client = Client()
    first = client.get("/corrections/")
    page = first.content.decode()
    assert first.status_code == 200
    assert page.index("Third fix.") < page.index("Second fix.")
    assert "First fix." not in page and "Hidden fix." not in page and "اصلاح فارسی." not in page
    newest = Correction.objects.get(text="Third fix.")
    assert f'href="/policy-analysis/oil-deal#correction-{newest.pk}"' in page
    [older] = re.findall(r'rel="next" href="([^"]+)"', page)
    rest = client.get("/corrections/" + older.replace("&amp;", "&")).content.decode()
    assert "First fix." in rest and "Second fix." not in rest
    farsi = client.get("/fa/corrections/").content.decode()
    assert "اصلاح فارسی." in farsi and 'href="/fa/policy-analysis/oil-fa#correction-' in farsi
    assert client.get("/corrections/?after=nonsense").status_code == 200


def test_the_corrections_page_queries_a_fixed_number_of_times(
    piece, editor, django_assert_num_queries
):
    for number in range(3):
        other = ArticleFactory(languages={"en": {"slug": f"piece-{number}"}})
        correction_append(article=other, language="en", user=editor, text=f"Fix {number}.")
    cache.clear()
    with django_assert_num_queries(2):
        response = Client().get("/corrections/")
    assert response.content.decode().count('class="correction"') == 3


def test_an_appended_correction_updates_the_cached_corrections_page(piece, editor):
    client = Client()
    assert "No corrections in this language." in client.get("/corrections/").content.decode()
    correction_append(article=piece, language="en", user=editor, text="A date was wrong.")
    assert "A date was wrong." in client.get("/corrections/").content.decode()


def admin_url(article, language):
    return f"/admin/articles/article/{article.pk}/corrections/{language}/"


def test_an_editor_appends_a_correction_in_the_admin(piece, editor, client):
    client.force_login(editor)
    change = client.get(f"/admin/articles/article/{piece.pk}/change/?language=fa").content.decode()
    assert f'href="{admin_url(piece, "fa")}"' in change
    form = client.get(admin_url(piece, "fa"))
    assert form.status_code == 200 and 'dir="rtl"' in form.content.decode()
    response = client.post(admin_url(piece, "fa"), {"text": "<p>تاریخ اصلاح شد.</p>"}, follow=True)
    assert "The correction was appended to the فارسی version." in response.content.decode()
    [correction] = Correction.objects.all()
    assert (correction.language_code, correction.created_by) == ("fa", editor)
    response = client.post(
        admin_url(piece, "fa"), {"text": "<p>دوباره.</p>", "amends": correction.pk}, follow=True
    )
    assert Correction.objects.get(text="<p>دوباره.</p>").amends == correction


def test_the_admin_form_refuses_bad_input_with_a_message_and_loses_nothing(piece, editor, client):
    client.force_login(editor)
    empty = client.post(admin_url(piece, "en"), {"text": "<p> </p>"})
    assert empty.status_code == 200
    assert "Write the correction: the text is required." in empty.content.decode()
    other = correction_append(article=piece, language="fa", user=editor, text="Farsi fix.")
    wrong = client.post(admin_url(piece, "en"), {"text": "<p>Mine.</p>", "amends": other.pk})
    assert wrong.status_code == 200 and "Mine." in wrong.content.decode()
    assert client.post(admin_url(piece, "en"), {"text": "x", "amends": "abc"}).status_code == 200
    assert Correction.objects.count() == 1
    draft = client.get(admin_url(piece, "ar")).content.decode()
    assert "Only a published translation can be corrected" in draft and 'name="text"' not in draft
    assert client.post(admin_url(piece, "ar"), {"text": "<p>x</p>"}).status_code == 200
    assert Correction.objects.count() == 1
    assert client.get(admin_url(piece, "xx")).status_code == 404
    assert client.get("/admin/articles/article/999999/corrections/en/").status_code == 404


@pytest.mark.parametrize("role", ["author", "translator"])
def test_authors_and_translators_cannot_open_the_corrections_form(piece, role, request, client):
    client.force_login(request.getfixturevalue(role))
    assert client.get(admin_url(piece, "fa")).status_code == 403
    assert client.post(admin_url(piece, "fa"), {"text": "<p>x</p>"}).status_code == 403
    change = client.get(f"/admin/articles/article/{piece.pk}/change/?language=fa").content.decode()
    assert admin_url(piece, "fa") not in change
    assert not Correction.objects.exists()

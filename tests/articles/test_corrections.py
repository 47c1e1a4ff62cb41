"""Corrections: appended by editors to a published translation, shown, kept, recorded."""

import pytest
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
    assert "Corrections" not in client.get("/policy-analysis/oil-deal").content.decode()
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

"""The PDF edition of every article: made in the background, served from storage, read back."""

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from articles import pdf_edition, pdf_files
from articles.models import ArticleTranslation, State
from articles.services import translation_unpublish
from articles.services_corrections import correction_append
from articles.services_links import article_authors_set
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db

ARABIC = "خطاب خامنئي يرسم حدود المشاركة مع الغرب"
FARSI = "نگاهی به سیاست ایران در برابر پیمان‌شکنی"
ENGLISH = "Khamenei's Speech Sets Limits on Engagement with the West"


@pytest.fixture
def renders(monkeypatch):
    """Count the PDFs WeasyPrint renders."""
    made = []
    real = pdf_edition.render_pdf

    def counted(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf_edition, "render_pdf", counted)
    return made


@pytest.fixture
def piece():
    author = ExpertFactory(names={"en": "Mehdi Khalaji", "ar": "مهدي خلجي", "fa": "مهدی خلجی"})
    return ArticleFactory(
        authors=[author],
        languages={
            "en": {"title": ENGLISH, "slug": "speech", "author_note": "Written in Washington."},
            "ar": {"title": ARABIC, "slug": "khitab", "body": "<p>نص المقال عن الطاقة.</p>"},
            "fa": {"title": FARSI, "slug": "negahi", "body": "<p>متن مقاله درباره انرژی.</p>"},
        },
    )


def text_of(response) -> str:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    ("prefix", "slug", "title", "name"),
    [
        ("", "speech", ENGLISH, "Mehdi Khalaji"),
        ("/ar", "khitab", ARABIC, "مهدي خلجي"),
        ("/fa", "negahi", FARSI, "مهدی خلجی"),
    ],
)
def test_the_pdf_holds_the_title_as_typed_in_each_language(
    piece, settings, prefix, slug, title, name
):
    settings.SITE_URL = "https://www.example.org"
    response = Client().get(f"{prefix}/policy-analysis/{slug}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{slug}.pdf"'
    assert "public" in response["Cache-Control"] and response["ETag"]
    text = text_of(response)
    # In logical order, as typed: a PDF draws right-to-left text in visual order, and only a
    # correct ToUnicode map per glyph lets it be read back this way. A ZWNJ is drawn as no
    # glyph at all, so it is the one character that does not come back.
    assert title.replace("\u200c", "") in text.replace("\u200c", "")
    assert name in text
    assert f"https://www.example.org{prefix}/policy-analysis/{slug}" in "".join(text.split())


def test_the_pdf_has_byline_date_body_author_note_and_public_address(piece, settings):
    settings.SITE_URL = "https://www.example.org"
    ArticleTranslation.objects.filter(language_code="en").update(
        body='<p>The body, <a href="/policy-analysis/earlier">as argued before</a>.</p>'
    )
    text = text_of(Client().get("/policy-analysis/speech/pdf"))
    assert "by Mehdi Khalaji" in text
    assert str(piece.published_at.year) in text
    assert "as argued before" in text and "Written in Washington." in text
    flat = "".join(text.split())
    # The page's own address, and a link's printed beside it (print.css), in full.
    assert "https://www.example.org/policy-analysis/speech" in flat
    assert "(https://www.example.org/policy-analysis/earlier)" in flat


def test_the_pdf_html_states_its_language_and_direction(piece):
    versions = {v.language_code: v for v in ArticleTranslation.objects.select_related("master")}
    assert '<html lang="ar" dir="rtl">' in pdf_edition.Edition(versions["ar"]).html
    assert '<html lang="fa" dir="rtl">' in pdf_edition.Edition(versions["fa"]).html
    assert '<html lang="en" dir="ltr">' in pdf_edition.Edition(versions["en"]).html


@pytest.mark.parametrize(
    ("language", "path"),
    [
        ("en", "/policy-analysis/speech"),
        ("ar", "/ar/policy-analysis/khitab"),
        ("fa", "/fa/policy-analysis/negahi"),
    ],
)
def test_every_article_page_links_to_its_pdf(piece, language, path):
    # The label in the page's language (locale/pending/pdf.*.po until folded in).
    with translation.override(language):
        label = gettext("Download PDF")
    page = Client().get(path).content.decode()
    assert f'<a href="{path}/pdf" type="application/pdf">{label}</a>' in page


def test_a_version_that_is_not_public_has_no_pdf(editor):
    article = ArticleFactory(
        languages={"en": {"slug": "live"}, "ar": {"slug": "musawwada", "state": State.DRAFT}}
    )
    client = Client()
    assert client.get("/policy-analysis/live/pdf").status_code == 200
    assert client.get("/ar/policy-analysis/musawwada/pdf").status_code == 404
    translation_unpublish(article=article, language="en", user=editor)
    assert client.get("/policy-analysis/live/pdf").status_code == 404
    ahead = ArticleFactory(
        languages={"en": {"slug": "ahead"}}, published_at=timezone.now() + timedelta(days=1)
    )
    assert ahead.pk and client.get("/policy-analysis/ahead/pdf").status_code == 404


def test_the_task_makes_the_pdf_and_the_view_serves_it_without_rendering(settings, renders):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    ArticleFactory(languages={"en": {"slug": "made", "title": ENGLISH}, "ar": {"slug": "suna"}})
    assert len(renders) == 2  # one per public version, by the task the event enqueued
    response = Client().get("/policy-analysis/made/pdf")
    assert ENGLISH in text_of(response)
    assert len(renders) == 2
    assert Client().get("/ar/policy-analysis/suna/pdf").status_code == 200
    assert len(renders) == 2


def test_the_first_request_renders_the_pdf_once_and_stores_it(piece, renders):
    client = Client()
    first = client.get("/policy-analysis/speech/pdf")
    second = client.get("/policy-analysis/speech/pdf")
    assert text_of(first) == text_of(second)
    assert len(renders) == 1
    again = client.get("/policy-analysis/speech/pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and len(renders) == 1


def test_a_new_version_makes_a_new_pdf_and_removes_the_old_one(piece, settings, renders):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    client = Client()
    before = client.get("/policy-analysis/speech/pdf")
    old = pdf_edition.Edition(
        ArticleTranslation.objects.select_related("master").get(language_code="en")
    ).name
    first = text_of(before)
    assert default_storage.exists(old) and f"{ENGLISH} — body" in first
    translation = ArticleTranslation.objects.get(language_code="en")
    translation.title = "A Second Look at the Speech"
    translation.body = "<p>The text as revised.</p>"
    translation.save()
    assert len(renders) == 2  # the first request, then the task for the edit
    after = client.get("/policy-analysis/speech/pdf")
    text = text_of(after)
    assert "A Second Look at the Speech" in text and "The text as revised." in text
    assert f"{ENGLISH} — body" not in text
    assert after["ETag"] != before["ETag"]
    assert not default_storage.exists(old)
    assert len(renders) == 2


def test_unpublishing_removes_the_stored_pdf(piece, editor, settings):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    Client().get("/fa/policy-analysis/negahi/pdf")
    folder = pdf_edition.folder(piece.pk, "fa")
    assert default_storage.listdir(folder)[0]
    translation_unpublish(article=piece, language="fa", user=editor)
    assert default_storage.listdir(folder)[0] == []


def test_the_storage_path_cannot_be_guessed_without_the_site_s_secret(piece, settings):
    version = ArticleTranslation.objects.select_related("master").get(language_code="en")
    name = pdf_edition.Edition(version).name
    root, folder, key, filename = name.split("/")
    assert (root, filename, len(folder), len(key)) == ("pdf-editions", "speech.pdf", 32, 24)
    assert folder != pdf_edition.folder(piece.pk, "ar").split("/")[1]
    settings.SECRET_KEY = "another-secret"
    assert pdf_edition.folder(piece.pk, "en") != f"{root}/{folder}"


def test_serving_a_stored_pdf_costs_a_fixed_number_of_queries(piece, django_assert_num_queries):
    client = Client()
    client.get("/ar/policy-analysis/khitab/pdf")
    # The versions; the type, authors, topics and regions of the HTML that names the file;
    # its corrections. The file itself comes from storage.
    with django_assert_num_queries(6):
        response = client.get("/ar/policy-analysis/khitab/pdf")
    assert response.status_code == 200


def test_a_correction_makes_a_new_pdf_that_ends_with_it(piece, editor, settings, renders):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    client = Client()
    client.get("/fa/policy-analysis/negahi/pdf")
    correction_append(
        article=piece, language="fa", user=editor, text="<p>تاریخ سخنرانی اصلاح شد.</p>"
    )
    assert len(renders) == 2  # the first request, then the task for the correction
    text = text_of(client.get("/fa/policy-analysis/negahi/pdf"))
    # (pypdf puts a line's final full stop at the wrong end of right-to-left text.)
    assert "تاریخ سخنرانی اصلاح شد" in text
    assert len(renders) == 2


def test_a_renamed_author_is_in_the_next_pdf_never_a_stale_one(piece, renders):
    client = Client()
    assert "مهدي خلجي" in text_of(client.get("/ar/policy-analysis/khitab/pdf"))
    author = piece.authors.get()
    author.set_current_language("ar")
    author.name = "مهدي خلجي الأصغر"
    author.save()
    assert "مهدي خلجي الأصغر" in text_of(client.get("/ar/policy-analysis/khitab/pdf"))
    assert len(renders) == 2


# What the PDF shows changes: a new one, made by the task, never a stale one.


def test_a_slug_rename_makes_a_new_pdf_that_prints_the_new_address(piece, settings, renders):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    settings.SITE_URL = "https://www.example.org"
    client = Client()
    before = client.get("/policy-analysis/speech/pdf")
    old = pdf_edition.Edition(
        ArticleTranslation.objects.select_related("master").get(language_code="en")
    ).name
    assert before.status_code == 200 and len(renders) == 1
    translation = ArticleTranslation.objects.get(language_code="en")
    translation.slug = "speech-limits"
    translation.save()
    assert len(renders) == 2  # the task the rename enqueued
    after = client.get("/policy-analysis/speech-limits/pdf")
    assert 'filename="speech-limits.pdf"' in after["Content-Disposition"]
    flat = "".join(text_of(after).split())
    assert "https://www.example.org/policy-analysis/speech-limits" in flat
    assert after["ETag"] != before["ETag"] and not default_storage.exists(old)
    assert len(renders) == 2


def test_a_new_byline_makes_a_new_pdf_in_every_language(piece, editor, settings, renders):
    settings.PDF_EDITIONS_IN_BACKGROUND = True
    coauthor = ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"})
    article_authors_set(article=piece, experts=[*piece.authors.all(), coauthor], user=editor)
    assert len(renders) == 3  # one per public version, by the task
    assert "Leila Karimi" in text_of(Client().get("/policy-analysis/speech/pdf"))
    assert "لیلا کریمی" in text_of(Client().get("/fa/policy-analysis/negahi/pdf"))
    assert len(renders) == 3


# Concurrent first requests: one renders, the others wait for its file.


def english(piece) -> pdf_edition.Edition:
    return pdf_edition.Edition(
        ArticleTranslation.objects.select_related("master").get(master=piece, language_code="en")
    )


def test_concurrent_makers_of_a_pdf_render_it_once(piece, renders):
    editions = [english(piece) for _ in range(4)]  # each request builds its own
    start = threading.Barrier(len(editions))

    def make(edition):
        start.wait()
        return edition.make(wait=30)

    with ThreadPoolExecutor(len(editions)) as pool:
        names = list(pool.map(make, editions))
    assert names == [editions[0].name] * 4
    assert len(renders) == 1 and default_storage.exists(names[0])


def test_a_request_waits_for_the_pdf_another_process_is_making(piece, renders):
    edition = english(piece)
    assert cache.add(edition.lock, "another process", 60)

    def finish():
        time.sleep(0.5)
        edition._store()
        cache.delete(edition.lock)

    maker = threading.Thread(target=finish)
    maker.start()
    response = Client().get("/policy-analysis/speech/pdf")
    maker.join()
    assert response.status_code == 200 and ENGLISH in text_of(response)
    assert len(renders) == 1  # the other process's, not the request's


def test_past_the_wait_a_request_gets_a_503_with_retry_after(piece, renders, monkeypatch):
    monkeypatch.setattr(pdf_files, "WAIT_SECONDS", 0.3)
    edition = english(piece)
    cache.add(edition.lock, "a process that is slow or died rendering", 60)
    response = Client().get("/policy-analysis/speech/pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    assert "being made" in response.content.decode()
    assert renders == []
    cache.delete(edition.lock)  # Its lock expired: the next request makes it.
    assert Client().get("/policy-analysis/speech/pdf").status_code == 200
    assert len(renders) == 1


def test_a_slow_render_of_older_text_never_removes_the_newer_pdf(piece, renders):
    slow = english(piece)  # A request read the text, then took its time rendering.
    ArticleTranslation.objects.filter(master=piece, language_code="en").update(
        title="A Second Look at the Speech"
    )
    newer = english(piece)
    newer.make()  # The edit's PDF, stored meanwhile.
    slow.make()  # The slow one finishes last.
    assert default_storage.exists(newer.name)
    response = Client().get("/policy-analysis/speech/pdf")
    assert "A Second Look at the Speech" in text_of(response)
    assert len(renders) == 2  # Served from storage: the newer PDF was not removed.

"""PDF attachments: checked on upload, listed on the page, served only while public."""

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client

from articles.models import Attachment, WorkflowEvent
from articles.revisions import snapshot
from articles.services import NotPermitted
from articles.services_attachments import attachment_add, attachment_remove
from tests.articles.factories import ArticleFactory
from tests.articles.pdfs import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def piece():
    return ArticleFactory(
        languages={"en": {"slug": "oil-report"}, "fa": {"slug": "naft"}, "ar": "draft"}
    )


def admin_url(article, language):
    return f"/admin/articles/article/{article.pk}/attachments/{language}/"


def test_an_editor_attaches_a_pdf_that_readers_see_listed_and_download(piece, editor, client):
    content = pdf_bytes(12)
    client.force_login(editor)
    change = client.get(f"/admin/articles/article/{piece.pk}/change/?language=en").content
    assert admin_url(piece, "en").encode() in change
    response = client.post(
        admin_url(piece, "en"),
        {"title": "The full report", "file": upload(content, "Full Report (2026).pdf")},
        follow=True,
    )
    assert "“The full report” was attached." in response.content.decode()
    [attachment] = Attachment.objects.all()
    assert (attachment.pages, attachment.size, attachment.language_code) == (12, len(content), "en")
    assert attachment.file.name.endswith("/full-report-2026.pdf")
    page = Client().get("/policy-analysis/oil-report").content.decode()
    link = f'href="/policy-analysis/oil-report/files/{attachment.pk}"'
    assert link in page and "The full report" in page and "12 pages" in page
    download = Client().get(f"/policy-analysis/oil-report/files/{attachment.pk}")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert b"".join(download.streaming_content) == content
    assert WorkflowEvent.objects.filter(action="attach", language_code="en").exists()
    assert snapshot(piece)["attachments"]["en"][0]["pages"] == 12


def test_the_farsi_page_lists_its_own_attachments_in_farsi_digits(piece, editor):
    attachment_add(article=piece, language="fa", user=editor, file=upload(pdf_bytes(3)),
                   title="گزارش کامل")  # fmt: skip
    farsi = Client().get("/fa/policy-analysis/naft").content.decode()
    assert "گزارش کامل" in farsi and "۳" in farsi
    assert "گزارش کامل" not in Client().get("/policy-analysis/oil-report").content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "This file is not a PDF."),
        (b"<html><script>alert(1)</script></html>", "This file is not a PDF."),
        (pdf_bytes(2)[:200], "This PDF is damaged or incomplete"),
        (pdf_bytes(1, password="secret"), "This PDF is encrypted"),
        (b"", "The submitted file is empty."),
    ],
)
def test_what_is_not_a_whole_readable_pdf_is_refused_with_a_reason(
    piece, editor, client, content, message
):
    client.force_login(editor)
    response = client.post(admin_url(piece, "en"), {"title": "Report", "file": upload(content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(piece, editor, client, settings):
    settings.ATTACHMENT_MAX_MB = 1
    big = pdf_bytes(1) + b"%" + b"x" * (1024 * 1024)
    client.force_login(editor)
    response = client.post(admin_url(piece, "en"), {"title": "Big", "file": upload(big)})
    assert "the limit is 1 MB" in response.content.decode()
    assert not Attachment.objects.exists()
    missing = client.post(admin_url(piece, "en"), {"title": "", "file": upload(pdf_bytes())})
    assert missing.status_code == 200 and not Attachment.objects.exists()


def test_a_translator_attaches_to_a_draft_of_their_language_and_nothing_else(translator):
    piece = ArticleFactory(
        languages={"en": "published", "fa": "draft", "ar": "draft"}, source_language="en"
    )
    attachment_add(article=piece, language="fa", user=translator, file=upload(pdf_bytes()),
                   title="گزارش")  # fmt: skip
    for language in ("ar", "en"):  # not their language; published, the editors' now
        with pytest.raises(NotPermitted):
            attachment_add(article=piece, language=language, user=translator,
                           file=upload(pdf_bytes()), title="x")  # fmt: skip
    assert list(Attachment.objects.values_list("language_code", flat=True)) == ["fa"]


def test_a_translator_sees_but_cannot_change_a_published_version_s_attachments(
    piece, editor, translator, client
):
    attachment_add(article=piece, language="fa", user=editor, file=upload(pdf_bytes()),
                   title="گزارش")  # fmt: skip
    client.force_login(translator)
    listing = client.get(admin_url(piece, "fa"))
    assert listing.status_code == 200 and "گزارش" in listing.content.decode()
    assert 'type="file"' not in listing.content.decode()
    removal = client.post(admin_url(piece, "fa"), {"_remove": Attachment.objects.get().pk})
    assert removal.status_code == 403 and Attachment.objects.count() == 1


def test_only_a_public_version_s_attachment_is_served(piece, editor):
    draft = attachment_add(article=piece, language="ar", user=editor, file=upload(pdf_bytes()),
                           title="تقرير")  # fmt: skip
    public = attachment_add(article=piece, language="en", user=editor, file=upload(pdf_bytes()),
                            title="Report")  # fmt: skip
    client = Client()
    ar_slug = piece.translations.get(language_code="ar").slug
    assert client.get(f"/ar/policy-analysis/{ar_slug}/files/{draft.pk}").status_code == 404
    # Another language's address, another piece's id, no such id: not found.
    assert client.get(f"/fa/policy-analysis/naft/files/{public.pk}").status_code == 404
    assert client.get("/policy-analysis/oil-report/files/99999999").status_code == 404
    assert client.get(f"/policy-analysis/oil-report/files/{public.pk}").status_code == 200
    piece.is_withdrawn = True
    piece.save()
    assert client.get(f"/policy-analysis/oil-report/files/{public.pk}").status_code == 404


def test_removing_an_attachment_takes_it_off_the_cached_page_and_deletes_its_file(
    piece, editor, client
):
    cache.clear()
    reader = Client()
    attachment = attachment_add(article=piece, language="en", user=editor,
                                file=upload(pdf_bytes()), title="Old report")  # fmt: skip
    assert "Old report" in reader.get("/policy-analysis/oil-report").content.decode()
    name = attachment.file.name
    assert default_storage.exists(name)
    client.force_login(editor)
    response = client.post(admin_url(piece, "en"), {"_remove": attachment.pk}, follow=True)
    assert "“Old report” was removed." in response.content.decode()
    assert not Attachment.objects.exists() and not default_storage.exists(name)
    assert "Old report" not in reader.get("/policy-analysis/oil-report").content.decode()
    assert WorkflowEvent.objects.filter(action="detach").exists()
    again = client.post(admin_url(piece, "en"), {"_remove": "nonsense"}, follow=True)
    assert again.status_code == 200


def test_an_author_cannot_attach_to_someone_else_s_piece(piece, author):
    with pytest.raises(NotPermitted):
        attachment_add(article=piece, language="ar", user=author, file=upload(pdf_bytes()),
                       title="x")  # fmt: skip
    with pytest.raises(NotPermitted):
        attachment_remove(
            attachment=Attachment(article=piece, language_code="ar", title="x"), user=author
        )

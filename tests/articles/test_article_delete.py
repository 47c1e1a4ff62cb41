"""Deleting articles in the admin takes their PDF and audio files with them."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Attachment
from articles.services import NotPermitted, articles_delete
from articles.services_attachments import attachment_add
from articles.services_podcast import episode_save
from tests.articles.audio import mp3_bytes
from tests.articles.factories import ArticleFactory
from tests.articles.pdfs import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    piece, other = ArticleFactory(), ArticleFactory()
    report = attachment_add(article=piece, language="en", user=editor,
                            file=upload(pdf_bytes()), title="Report")  # fmt: skip
    episode = episode_save(article=piece, user=editor, episode_number=1,
                           audio=SimpleUploadedFile("talk.mp3", mp3_bytes(5),
                                                    content_type="audio/mpeg"))  # fmt: skip
    kept = attachment_add(article=other, language="en", user=editor,
                          file=upload(pdf_bytes()), title="Kept")  # fmt: skip
    return piece, other, report.file.name, episode.audio.name, kept.file.name


def test_deleting_an_article_in_the_admin_deletes_its_files(client, editor, files):
    piece, _other, report, audio, kept = files
    assert default_storage.exists(report) and default_storage.exists(audio)
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{piece.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=piece.pk).exists()
    assert not default_storage.exists(report) and not default_storage.exists(audio)
    assert default_storage.exists(kept)


def test_the_delete_action_deletes_the_files_of_each_article(client, editor, files):
    piece, other, report, audio, kept = files
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [piece.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert not any(default_storage.exists(name) for name in (report, audio, kept))


def test_a_file_another_article_uses_is_kept(editor, files):
    piece, other, report, _audio, _kept = files
    Attachment.objects.filter(article=other).update(file=report)  # shared, as an import may
    articles_delete(articles=[piece], user=editor)
    assert default_storage.exists(report)


def test_an_author_may_not_delete_articles(author, files):
    piece, *_rest = files
    with pytest.raises(NotPermitted):
        articles_delete(articles=[piece], user=author)
    assert Article.objects.filter(pk=piece.pk).exists()

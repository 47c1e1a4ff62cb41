"""A podcast episode in real Chromium: the page's own <audio> player loads, seeks and plays it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.services_podcast import episode_save
from tests.articles.audio import mp3_bytes
from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def episode(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    piece = ArticleFactory(
        languages={
            "en": {"slug": "oil-talk", "title": "Oil talk"},
            "fa": {"slug": "naft", "title": "گفتگوی نفت"},
        }
    )
    editor = UserFactory(is_superuser=True, is_staff=True)
    return episode_save(article=piece, user=editor, episode_number=3,
                        audio=SimpleUploadedFile("talk.mp3", mp3_bytes(95),
                                                 content_type="audio/mpeg"))  # fmt: skip


def loaded(page):
    """Ask the player for the audio and wait until the browser knows its length."""
    player = page.locator(".episode audio")
    player.evaluate("audio => { audio.preload = 'metadata'; audio.load(); }")
    page.wait_for_function(
        "() => document.querySelector('.episode audio').readyState >= 1", timeout=15_000
    )
    return player


@pytest.mark.parametrize("path", ["/policy-analysis/oil-talk", "/fa/policy-analysis/naft"])
def test_the_player_reads_the_episode_s_length_from_the_file(page, episode, path):
    page.goto(path)
    player = loaded(page)
    assert round(player.evaluate("audio => audio.duration")) == 95
    assert player.evaluate("audio => audio.error") is None


def test_the_player_seeks_into_the_file_and_plays_on_from_there(page, episode):
    page.goto("/policy-analysis/oil-talk")
    player = loaded(page)
    # Seeking far in asks the server for a byte range (audio_files answers 206).
    player.evaluate(
        """audio => new Promise((done, failed) => {
            audio.addEventListener('seeked', done, {once: true});
            audio.addEventListener('error', () => failed(audio.error.message), {once: true});
            audio.currentTime = 60;
        })"""
    )
    assert player.evaluate("audio => Math.floor(audio.currentTime)") == 60
    player.evaluate("audio => { audio.muted = true; return audio.play(); }")
    page.wait_for_function(
        "() => document.querySelector('.episode audio').currentTime > 60.2", timeout=15_000
    )
    assert not player.evaluate("audio => audio.paused")


def test_the_download_link_offers_the_same_file(page, episode):
    page.goto("/policy-analysis/oil-talk")
    link = page.locator(".episode a[download]")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "audio/mpeg"
    assert len(response.body()) == episode.size

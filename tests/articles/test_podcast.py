"""Podcast episodes: audio checked on upload, played on the page, in the feed and JSON-LD."""

import io
import wave
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.feeds_podcast import podcast_guid
from articles.models import Episode, WorkflowEvent
from articles.revisions import snapshot
from articles.services import NotPermitted, WrongState
from articles.services_podcast import episode_save
from core.audio import clock, iso_duration
from tests.articles.audio import m4a_bytes, mp3_bytes
from tests.articles.factories import ArticleFactory
from tests.articles.test_metadata import head
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/articles/article/{}/episode/"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def wav_bytes() -> bytes:
    """A second of real audio in a format the podcast does not take."""
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(8000)
        file.writeframes(bytes(16000))
    return out.getvalue()


def explicit_values(content: bytes) -> list[str]:
    """
    The items' itunes:explicit as written: Apple's "true" and "false", which feedparser
    does not map (it knows the older "yes" and "clean" only).
    """
    return [item.findtext(f"{ITUNES}explicit") for item in ET.fromstring(content).iter("item")]


def upload(content: bytes, name: str = "episode.mp3") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="audio/mpeg")


@pytest.fixture
def piece():
    return ArticleFactory(
        languages={
            "en": {"slug": "oil-talk", "title": "Oil talk", "body": "<p>HOST: Welcome.</p>"},
            "fa": {"slug": "naft", "title": "گفتگوی نفت"},
            "ar": "draft",
        }
    )


@pytest.fixture
def episode(piece, editor):
    guest = ExpertFactory(languages=("en", "fa"), names={"en": "Leila Karimi", "fa": "لیلا کریمی"})
    return episode_save(article=piece, user=editor, audio=upload(mp3_bytes(723)),
                        episode_number=7, season_number=2, guests=[guest],
                        outside_guests="Jane Roe, ,  John Doe ")  # fmt: skip


def test_the_generated_mp3_and_m4a_are_real_audio_with_their_lengths():
    from core.audio import validate_audio

    mp3 = validate_audio(upload(mp3_bytes(723)))
    assert (mp3.mime_type, mp3.duration_seconds) == ("audio/mpeg", 723)
    m4a = validate_audio(upload(m4a_bytes(95), "episode.m4a"))
    assert (m4a.mime_type, m4a.duration_seconds) == ("audio/mp4", 95)
    assert (iso_duration(723), clock(723)) == ("PT12M3S", "12:03")
    assert (iso_duration(3605), clock(3605)) == ("PT1H0M5S", "1:00:05")


def test_an_editor_makes_an_article_an_episode_that_readers_play_and_download(
    piece, editor, client
):
    guest = ExpertFactory(names={"en": "Leila Karimi"})
    content = mp3_bytes(723)
    client.force_login(editor)
    change = client.get(f"/admin/articles/article/{piece.pk}/change/?language=en").content
    assert ADMIN.format(piece.pk).encode() in change
    response = client.post(
        ADMIN.format(piece.pk),
        {"audio": upload(content, "Oil Talk (ep 7).mp3"), "episode_number": "7",
         "season_number": "", "guests": [guest.pk], "outside_guests": "Jane Roe"},
        follow=True,
    )  # fmt: skip
    assert "The podcast episode was saved." in response.content.decode()
    episode = Episode.objects.get()
    assert (episode.duration_seconds, episode.size, episode.mime_type) == (723, len(content),
                                                                          "audio/mpeg")  # fmt: skip
    assert episode.audio.name.endswith("/oil-talk-ep-7.mp3")
    assert WorkflowEvent.objects.filter(article=piece, action="episode").exists()
    assert snapshot(piece)["episode"]["duration_seconds"] == 723
    page = Client().get("/policy-analysis/oil-talk").content.decode()
    assert '<audio controls preload="none">' in page
    assert '<source src="/policy-analysis/oil-talk/audio" type="audio/mpeg">' in page
    assert '<time datetime="PT12M3S">12:03</time>' in page
    assert 'href="/policy-analysis/oil-talk/audio" download' in page
    assert "Transcript" in page and "HOST: Welcome." in page
    assert f'href="{guest.get_absolute_url()}"' in page and "Leila Karimi" in page
    assert "Jane Roe" in page
    download = Client().get("/policy-analysis/oil-talk/audio")
    assert download.status_code == 200
    assert download["Content-Type"] == "audio/mpeg"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Accept-Ranges"] == "bytes"
    assert b"".join(download.streaming_content) == content


def test_the_player_gets_the_byte_range_it_asks_for(episode):
    client = Client()
    whole = b"".join(client.get("/policy-analysis/oil-talk/audio").streaming_content)
    part = client.get("/policy-analysis/oil-talk/audio", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == whole[100:200]
    tail = client.get("/policy-analysis/oil-talk/audio", headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == whole[-10:]
    beyond = client.get(
        "/policy-analysis/oil-talk/audio", headers={"Range": f"bytes={len(whole)}-"}
    )
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(whole)}"
    odd = client.get("/policy-analysis/oil-talk/audio", headers={"Range": "bytes=5-1,7-9"})
    assert odd.status_code == 200  # a range this does not serve: the whole file


def test_the_farsi_page_shows_the_duration_and_numbers_in_farsi_digits(episode):
    farsi = Client().get("/fa/policy-analysis/naft").content.decode()
    assert '<time datetime="PT12M3S">۱۲:۰۳</time>' in farsi
    assert 'src="/fa/policy-analysis/naft/audio"' in farsi
    assert "لیلا کریمی" in farsi and "۷" in farsi


def test_only_a_public_version_s_audio_is_served(piece, episode):
    client = Client()
    ar_slug = piece.translations.get(language_code="ar").slug
    assert client.get(f"/ar/policy-analysis/{ar_slug}/audio").status_code == 404
    assert client.get("/policy-analysis/nothing-here/audio").status_code == 404
    plain = ArticleFactory(languages={"en": {"slug": "no-audio"}})
    assert plain and client.get("/policy-analysis/no-audio/audio").status_code == 404
    assert client.get("/policy-analysis/oil-talk/audio").status_code == 200
    piece.is_withdrawn = True
    piece.save()
    assert client.get("/policy-analysis/oil-talk/audio").status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "This file is not audio."),
        (b"%PDF-1.4\n" + b"0" * 100, "This file is not audio."),
        (m4a_bytes(5, sound=False), "This audio is not MP3 or M4A (AAC)"),
        (wav_bytes(), "This audio is not MP3 or M4A (AAC)"),
        (m4a_bytes(5)[:60], "This audio file is damaged or incomplete"),
        (b"ID3" + bytes(100), "This audio file is damaged or incomplete"),
        (b"", "The submitted file is empty."),
    ],
)
def test_what_is_not_mp3_or_m4a_audio_is_refused_with_a_reason(
    piece, editor, client, content, message
):
    client.force_login(editor)
    response = client.post(ADMIN.format(piece.pk), {"audio": upload(content), "episode_number": 1})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Episode.objects.exists()


def test_audio_over_the_size_limit_or_missing_is_refused(piece, editor, client, settings):
    settings.PODCAST_AUDIO_MAX_MB = 1
    client.force_login(editor)
    response = client.post(
        ADMIN.format(piece.pk), {"audio": upload(mp3_bytes(300)), "episode_number": 1}
    )
    assert "the limit is 1 MB" in response.content.decode()
    response = client.post(ADMIN.format(piece.pk), {"episode_number": 1})
    assert "An episode needs its audio file" in response.content.decode()
    assert not Episode.objects.exists()


def test_replacing_the_audio_rereads_it_and_deletes_the_old_file(piece, editor, episode):
    old = episode.audio.name
    episode_save(article=piece, user=editor, audio=upload(m4a_bytes(95), "new.m4a"),
                 episode_number=8)  # fmt: skip
    episode.refresh_from_db()
    assert (episode.mime_type, episode.duration_seconds, episode.episode_number) == (
        "audio/mp4", 95, 8)  # fmt: skip
    assert episode.audio.name.endswith(".m4a") and not default_storage.exists(old)
    kept = episode.audio.name
    episode_save(article=piece, user=editor, episode_number=9)  # numbers only: the file stays
    episode.refresh_from_db()
    assert episode.audio.name == kept and episode.episode_number == 9
    assert list(episode.guests.all()) == []


def test_only_who_may_change_shared_fields_changes_the_episode(piece, author, translator, client):
    for user in (author, translator):
        with pytest.raises(NotPermitted):
            episode_save(article=piece, user=user, audio=upload(mp3_bytes()), episode_number=1)
    client.force_login(translator)
    response = client.post(ADMIN.format(piece.pk), {"audio": upload(mp3_bytes()),
                                                    "episode_number": 1})  # fmt: skip
    assert response.status_code == 403 and not Episode.objects.exists()
    assert client.get(ADMIN.format(999999999)).status_code == 404


def test_a_new_episode_without_audio_is_refused(piece, editor):
    with pytest.raises(WrongState):
        episode_save(article=piece, user=editor, episode_number=1)


def test_saving_an_episode_takes_effect_on_the_cached_page(piece, editor):
    cache.clear()
    reader = Client()
    assert "<audio" not in reader.get("/policy-analysis/oil-talk").content.decode()
    assert b"<item>" not in reader.get("/feeds/podcast").content
    episode_save(article=piece, user=editor, audio=upload(mp3_bytes()), episode_number=1)
    page = reader.get("/policy-analysis/oil-talk").content.decode()
    assert "<audio" in page
    assert 'type="application/rss+xml" title="Podcast feed" href="/feeds/podcast"' in page
    assert b"<item>" in reader.get("/feeds/podcast").content


def test_the_podcast_feed_lists_public_episodes_of_its_language_with_their_audio(
    piece, episode, editor
):
    ArticleFactory(languages={"en": {"slug": "not-an-episode", "title": "Plain brief"}})
    response = Client().get("/feeds/podcast")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert feed.namespaces["podcast"] == "https://podcastindex.org/namespace/1.0"
    assert feed.feed.image.href == "http://testserver/static/img/podcast.png"
    assert feed.feed.podcast_guid == podcast_guid("http://testserver/feeds/podcast")
    [item] = feed.entries
    assert item.title == "Oil talk"
    [enclosure] = item.enclosures
    assert enclosure.href == "http://testserver/policy-analysis/oil-talk/audio"
    assert (int(enclosure.length), enclosure.type) == (episode.size, "audio/mpeg")
    assert item.itunes_duration == "723"
    assert explicit_values(response.content) == ["false"]
    assert (item.itunes_episode, item.itunes_season) == ("7", "2")
    assert item.id == f"tag:testserver,{piece.created_at:%Y-%m-%d}:article/{piece.pk}/en"
    assert item.guidislink is False
    farsi = feedparser.parse(Client().get("/fa/feeds/podcast").content)
    [farsi_item] = farsi.entries
    assert farsi_item.enclosures[0].href == "http://testserver/fa/policy-analysis/naft/audio"
    # The Arabic version is a draft: nothing in the Arabic feed.
    assert feedparser.parse(Client().get("/ar/feeds/podcast").content).entries == []


def test_an_explicit_episode_says_so_in_the_feed(piece, editor):
    episode_save(article=piece, user=editor, audio=upload(mp3_bytes()), episode_number=1,
                 explicit=True)  # fmt: skip
    content = Client().get("/feeds/podcast").content
    [item] = feedparser.parse(content).entries
    assert explicit_values(content) == ["true"]
    assert "itunes_season" not in item


def test_an_episode_page_s_json_ld_is_a_podcast_episode_with_its_audio(client, episode):
    [data] = head(client, "/policy-analysis/oil-talk").json_ld
    assert data["@type"] == "PodcastEpisode"
    assert data["episodeNumber"] == 7
    assert data["partOfSeason"] == {"@type": "PodcastSeason", "seasonNumber": 2}
    assert data["associatedMedia"] == {
        "@type": "AudioObject",
        "contentUrl": "http://testserver/policy-analysis/oil-talk/audio",
        "duration": "PT12M3S",
        "encodingFormat": "audio/mpeg",
        "contentSize": str(episode.size),
    }
    assert data["partOfSeries"]["webFeed"] == "http://testserver/feeds/podcast"
    [plain] = head(client, "/policy-analysis/" + ArticleFactory(
        languages={"en": {"slug": "plain"}}).translations.get().slug).json_ld  # fmt: skip
    assert plain["@type"] == "Article" and "associatedMedia" not in plain


def test_an_episode_page_costs_one_query_more_than_an_article_page_for_its_guests(episode):
    from tests.articles.test_article_page import page_queries

    ArticleFactory(languages={"en": {"slug": "plain-brief"}})
    client = Client()
    cache.clear()
    plain = page_queries(client, "/policy-analysis/plain-brief")
    cache.clear()
    assert page_queries(client, "/policy-analysis/oil-talk") == plain + 1

"""Corrections and podcast episodes travel in bundles: exported, imported, checked."""

import hashlib
import json
from datetime import UTC, datetime
from io import StringIO

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles.models import Article, Correction, Episode
from articles.services_corrections import correction_append
from articles.services_podcast import episode_save
from bundle.services import bundle_import
from tests.articles.audio import mp3_bytes
from tests.bundle.test_round_trip import empty_site
from tests.experts.factories import ExpertFactory


@pytest.fixture
def corrected(site, importer):
    """The first article corrected in English, then that correction amended; an episode."""
    article = site[0]
    first = correction_append(article=article, language="en", user=importer,
                              text="<p>An earlier version gave the wrong year.</p>")  # fmt: skip
    correction_append(article=article, language="en", user=importer, amends=first,
                      text="<p>The year is 2019.</p>")  # fmt: skip
    guest = ExpertFactory(slug="the-guest")
    episode_save(article=site[1], user=importer, episode_number=12, season_number=3,
                 audio=SimpleUploadedFile("talk.mp3", mp3_bytes(61), content_type="audio/mpeg"),
                 guests=[guest], outside_guests="Jane Roe")  # fmt: skip
    return article


def export(path) -> list[dict]:
    call_command("export_content", str(path), stdout=StringIO())
    lines = (path / "articles.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_corrections_and_an_episode_come_back_as_they_were(corrected, importer, tmp_path, client):
    records = export(tmp_path / "bundle")
    [record] = [r for r in records if r["corrections"]]
    assert [(c["language"], c["amends"]) for c in record["corrections"]] == [
        ("en", None),
        ("en", 0),
    ]
    dates = list(Correction.objects.order_by("created_at").values_list("created_at", flat=True))
    empty_site()
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert not report.problems
    corrections = list(Correction.objects.order_by("created_at", "id"))
    assert [c.created_at for c in corrections] == dates
    assert corrections[1].amends == corrections[0]
    assert "The year is 2019." in client.get("/corrections/").content.decode()
    episode = Episode.objects.get()
    assert (episode.episode_number, episode.season_number, episode.duration_seconds) == (12, 3, 61)
    assert [g.slug for g in episode.guests.all()] == ["the-guest"]
    assert episode.outside_guests == "Jane Roe"
    feed = feedparser.parse(client.get("/feeds/podcast").content)
    assert [int(e.itunes_episode) for e in feed.entries] == [12]


def test_a_second_import_adds_no_correction_and_stores_no_second_audio(
    corrected, importer, tmp_path
):
    export(tmp_path / "bundle")
    empty_site()
    bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    audio = Episode.objects.get().audio.name
    records = [json.loads(line) for line in (tmp_path / "bundle/articles.jsonl").open()]
    for record in records:  # a changed record: imported again, its parts compared
        record["is_featured"] = not record["is_featured"]
    (tmp_path / "bundle/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert report.counts["articles", "updated"] == 4 and not report.problems
    assert Correction.objects.count() == 2
    assert Episode.objects.get().audio.name == audio


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["corrections"][0].update(language="de"), "correction 1 needs"),
        (lambda r: r["corrections"][0].update(created_at="2026-01-01T10:00"), "correction 1"),
        (lambda r: r["corrections"][0].update(amends=0), "correction 1"),
        (lambda r: r["corrections"][1].update(amends=5), "correction 2"),
        (lambda r: r["corrections"][0].update(text="<p> </p>"), "needs its text"),
    ],
)
def test_a_bad_correction_refuses_its_article(corrected, importer, tmp_path, change, message):
    records = export(tmp_path / "bundle")
    for record in records:
        if record["corrections"]:
            change(record)
    (tmp_path / "bundle/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    empty_site()
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert report.counts["articles", "refused"] == 1
    assert message in str(report.problems[0])
    assert not Correction.objects.exists()
    assert Article.objects.count() == 3  # the others came in; nothing of the refused one


def test_an_episode_whose_file_is_not_audio_refuses_its_article(corrected, importer, tmp_path):
    records = export(tmp_path / "bundle")
    [record] = [r for r in records if r["episode"]]
    path = tmp_path / "bundle" / record["episode"]["audio"]["path"]
    path.write_bytes(b"not audio at all")
    record["episode"]["audio"]["sha256"] = hashlib.sha256(b"not audio at all").hexdigest()
    (tmp_path / "bundle/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    empty_site()
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert report.counts["articles", "refused"] == 1
    assert "not audio" in str(report.problems[0])
    assert not Episode.objects.exists()


def test_a_correction_keeps_its_own_date_not_the_import_s(corrected, importer, tmp_path):
    records = export(tmp_path / "bundle")
    for record in records:
        for correction in record["corrections"]:
            correction["created_at"] = "2020-05-01T09:30:00+00:00"
    (tmp_path / "bundle/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    empty_site()
    bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert set(Correction.objects.values_list("created_at", flat=True)) == {
        datetime(2020, 5, 1, 9, 30, tzinfo=UTC)
    }

"""Events travel in bundles: exported, imported with their places and speakers, checked."""

import json

import pytest

from articles.models import Article, Event
from bundle.services import bundle_import
from tests.articles.events import BERLIN_PLACES, UPCOMING, save
from tests.bundle.test_parts import export
from tests.bundle.test_round_trip import empty_site


@pytest.fixture
def held(site, importer):
    """The third article is an upcoming hybrid event in Berlin, with a speaker."""
    save(site[2], importer, speakers=[site[2].authors.first()], outside_speakers="Jane Roe",
         registration_url="https://example.org/r", status="postponed")  # fmt: skip
    return site[2]


def rewrite(tmp_path, records):
    (tmp_path / "bundle/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_an_event_comes_back_as_it_was(held, importer, tmp_path):
    speaker = held.authors.first().slug
    records = export(tmp_path / "bundle")
    [record] = [r for r in records if r["event"]]
    assert record["event"]["time_zone"] == "Europe/Berlin"
    assert record["event"]["places"]["fa"]["venue"] == BERLIN_PLACES["fa"].venue
    empty_site()
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert not report.problems
    event = Event.objects.get()
    assert (event.starts_at, event.ends_at) == UPCOMING
    assert (event.mode, event.status, event.outside_speakers) == ("hybrid", "postponed",
                                                                   "Jane Roe")  # fmt: skip
    assert [s.slug for s in event.speakers.all()] == [speaker]
    assert {p.language_code: p.city for p in event.translations.all()} == {
        code: place.city for code, place in BERLIN_PLACES.items()
    }


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda e: e.update(starts_at="2030-06-12T18:30"), "start and end"),
        (lambda e: e.update(ends_at=None), "start and end"),
        (lambda e: e.update(ends_at="2030-06-12T10:00:00+02:00"), "cannot end before"),
        (lambda e: e.update(time_zone="Mars/Olympus"), "is not a time zone"),
        (lambda e: e.update(registration_url="javascript:alert(1)"), "valid URL"),
        (lambda e: e.update(mode="teleport"), "not a valid choice"),
        (lambda e: e.update(places=["Berlin"]), "places must map"),
        (lambda e: e.update(speakers=["expert-999@nowhere"]), "unknown speaker"),
    ],
)
def test_a_bad_event_refuses_its_article(held, importer, tmp_path, change, message):
    records = export(tmp_path / "bundle")
    for record in records:
        if record["event"]:
            change(record["event"])
    rewrite(tmp_path, records)
    empty_site()
    report = bundle_import(path=str(tmp_path / "bundle"), user=importer, progress=False)
    assert report.counts["articles", "refused"] == 1
    assert message in str(report.problems[0])
    assert not Event.objects.exists()
    assert Article.objects.count() == 3  # the others came in; nothing of the refused one

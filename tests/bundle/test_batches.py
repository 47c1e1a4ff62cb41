"""New articles are imported a batch at a time: checked one by one, written together."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleTranslation, Authorship, SlugRedirect
from bundle import batches
from bundle.models import ExternalId
from bundle.services import bundle_import
from core.events import SITE, content_changed
from tests.bundle.test_round_trip import empty_site


@pytest.fixture
def bundle(site, tmp_path):
    call_command("export_content", str(tmp_path / "bundle"), stdout=StringIO())
    empty_site()
    return tmp_path / "bundle"


def articles_file(path) -> list[dict]:
    return [json.loads(line) for line in (path / "articles.jsonl").read_text().splitlines()]


def write_articles(path, records) -> None:
    (path / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def copies(path, count, change=lambda n, record: None) -> list[dict]:
    """count new article records made from the bundle's second one (no attachments)."""
    model = articles_file(path)[1]
    made = []
    for n in range(count):
        record = copy.deepcopy(model)
        record["id"] = f"copy-{n}"
        record["redirects"] = []
        for language, values in record["translations"].items():
            values["slug"] = f"copy-{language}-{n}"
            values["title"] = f"Copy {n} {values['title']}"
        change(n, record)
        made.append(record)
    return made


def test_new_articles_cost_the_same_queries_however_many(bundle, importer, monkeypatch):
    # The import's own queries: the work its "content changed" event hands to tasks is theirs.
    monkeypatch.setattr(content_changed, "receivers", [])
    counts = []
    for count in (3, 9):
        write_articles(bundle, copies(bundle, count))
        with CaptureQueriesContext(connection) as queries:
            report = bundle_import(path=str(bundle), user=importer, progress=False)
        assert report.counts["articles", "created"] == count
        counts.append(len(queries))
        empty_site()
    assert counts[0] == counts[1]


def test_a_batch_writes_every_part_of_each_article(bundle, importer):
    records = copies(bundle, 3)
    records[2]["redirects"] = [{"language": "en", "old_slug": "where-it-was"}]
    write_articles(bundle, records)
    bundle_import(path=str(bundle), user=importer, progress=False)
    article = Article.objects.get(translations__slug="copy-en-2")
    model = records[2]
    assert sorted(article.translations.values_list("language_code", flat=True)) == sorted(
        model["translations"]
    )
    assert article.created_by == importer
    authors = Authorship.objects.filter(article=article).order_by("position")
    assert len(authors) == len(model["authors"])
    assert article.topics.count() == len(model["topics"])
    assert article.regions.count() == len(model["regions"])
    assert SlugRedirect.objects.get(old_slug="where-it-was").article == article
    assert ExternalId.objects.get(kind="article", external_id="copy-2").object_id == article.pk


def test_a_bad_record_in_a_batch_is_refused_alone(bundle, importer):
    records = copies(bundle, 3)
    records[1]["authors"] = ["nobody-we-know"]
    write_articles(bundle, records)
    report = bundle_import(path=str(bundle), user=importer, progress=False)
    assert report.counts["articles", "created"] == 2
    assert report.counts["articles", "refused"] == 1
    assert ["unknown author nobody-we-know" in str(p) for p in report.problems] == [True]
    assert not ArticleTranslation.objects.filter(slug__startswith="copy-en-1").exists()
    assert Article.objects.count() == 2


def test_two_records_of_a_batch_with_one_slug_refuse_the_second(bundle, importer):
    records = copies(bundle, 2)
    records[1]["translations"]["ar"]["slug"] = "copy-ar-0"
    write_articles(bundle, records)
    report = bundle_import(path=str(bundle), user=importer, progress=False)
    assert report.counts["articles", "created"] == 1
    assert "the slug copy-ar-0 is already used in ar" in str(report.problems[0])
    assert ArticleTranslation.objects.filter(slug="copy-ar-0").count() == 1


def test_a_batch_the_database_refuses_is_retried_one_by_one(bundle, importer, monkeypatch):
    records = copies(bundle, 4)
    write_articles(bundle, records[:1])
    bundle_import(path=str(bundle), user=importer, progress=False)
    # The batch's check sees no slug taken (as if an editor took it meanwhile): the database's
    # own constraint refuses the batch, and each record is then tried on its own.
    monkeypatch.setattr(batches, "namespace_taken", lambda pairs: set())
    records[1]["translations"]["en"]["slug"] = "copy-en-0"
    records[1]["id"] = "another"
    write_articles(bundle, records)
    report = bundle_import(path=str(bundle), user=importer, progress=False)
    assert report.counts["articles", "unchanged"] == 1
    assert report.counts["articles", "created"] == 2
    assert report.counts["articles", "refused"] == 1
    assert "the slug copy-en-0 is already used in en" in str(report.problems[0])
    assert Article.objects.count() == 3
    assert not ArticleTranslation.objects.filter(slug="copy-ar-1").exists()


def test_a_record_twice_in_one_batch_is_one_article(bundle, importer):
    records = copies(bundle, 1)
    again = copy.deepcopy(records[0])
    again["translations"]["en"]["title"] = "The second word on it"
    write_articles(bundle, [records[0], again])
    report = bundle_import(path=str(bundle), user=importer, progress=False)
    assert report.counts["articles", "created"] == 1
    assert report.counts["articles", "updated"] == 1
    assert list(ArticleTranslation.objects.filter(language_code="en").values_list("title")) == [
        ("The second word on it",)
    ]


def test_a_batch_reports_its_articles_so_search_finds_them(
    bundle, importer, client, django_capture_on_commit_callbacks
):
    records = copies(bundle, 2)
    for record in records:
        record["translations"]["en"]["state"] = "published"
    records[1]["translations"]["en"]["title"] = "Zanzibar cloves and the sanctions"
    write_articles(bundle, records)
    with django_capture_on_commit_callbacks(execute=True):
        bundle_import(path=str(bundle), user=importer, progress=False)
    page = client.get("/search/?q=zanzibar").content.decode()
    assert "cloves and the sanctions" in page  # its title, the query's word highlighted
    assert "Copy 0" not in page


def test_a_large_import_reports_one_change_of_everything(bundle, importer, monkeypatch):
    monkeypatch.setattr(batches, "BULK_EVENT_ARTICLES", 3)
    sent = []
    monkeypatch.setattr(content_changed, "receivers", [])
    content_changed.connect(lambda changes, **kw: sent.extend(changes), weak=False)
    write_articles(bundle, copies(bundle, 3))
    bundle_import(path=str(bundle), user=importer, progress=False)
    # Not one per term, expert or article: each would reindex and refresh its neighbours.
    assert [(c.kind, c.public) for c in sent] == [(SITE, True)]
    assert Article.objects.count() == 3


def test_a_small_import_reports_each_new_article(bundle, importer, monkeypatch):
    sent = []
    monkeypatch.setattr(content_changed, "receivers", [])
    content_changed.connect(lambda changes, **kw: sent.extend(changes), weak=False)
    write_articles(bundle, copies(bundle, 3))
    bundle_import(path=str(bundle), user=importer, progress=False)
    ids = sorted(c.id for c in sent if c.kind == "articles.article")
    assert ids == sorted(Article.objects.values_list("pk", flat=True))

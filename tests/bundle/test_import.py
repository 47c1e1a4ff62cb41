"""Importing: a second run changes nothing, a changed record updates, a dry run writes nothing."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleTranslation, Attachment, SlugRedirect
from bundle.services import bundle_import
from core import images
from tests.bundle.test_round_trip import empty_site


@pytest.fixture
def bundle(site, tmp_path):
    call_command("export_content", str(tmp_path / "bundle"), stdout=StringIO())
    empty_site()
    return tmp_path / "bundle"


def run(path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_content", str(path), *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


def rewrite(path, kind, change):
    lines = (path / f"{kind}.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    change(records)
    (path / f"{kind}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_a_second_import_changes_nothing(bundle, importer):
    run(bundle)
    changed_at = list(ArticleTranslation.objects.order_by("pk").values_list("changed_at"))
    out, _err = run(bundle)
    assert "articles: 4 unchanged" in out
    assert "created" not in out and "updated" not in out
    assert list(ArticleTranslation.objects.order_by("pk").values_list("changed_at")) == changed_at


def test_a_changed_record_updates_the_article(bundle, importer):
    run(bundle)
    rewrite(bundle, "articles", lambda r: r[0]["translations"]["en"].update(title="New title"))
    out, _err = run(bundle)
    assert "articles: 1 updated" in out and "articles: 3 unchanged" in out
    assert ArticleTranslation.objects.filter(title="New title").count() == 1
    assert Article.objects.count() == 4


def test_a_dry_run_reports_and_writes_nothing(bundle, importer):
    out, _err = run(bundle, "--dry-run")
    assert "Dry run" in out and "articles: 4 created" in out
    assert not Article.objects.exists()


def test_old_urls_become_permanent_redirects(bundle, importer, client):
    run(bundle)
    assert SlugRedirect.objects.filter(old_slug="an-old-slug").exists()
    response = client.get("/policy-analysis/an-old-slug")
    assert response.status_code == 301


def test_bodies_go_through_the_sanitiser(bundle, importer):
    rewrite(
        bundle,
        "articles",
        lambda r: r[0]["translations"]["en"].update(body="<p>ok</p><script>alert(1)</script>"),
    )
    run(bundle)
    record = json.loads((bundle / "articles.jsonl").read_text().splitlines()[0])
    slug = record["translations"]["en"]["slug"]
    translation = ArticleTranslation.objects.get(slug=slug, language_code="en")
    assert translation.body == "<p>ok</p>"


def same_slug(records):
    records[1]["translations"]["en"]["slug"] = records[0]["translations"]["en"]["slug"]


BAD_RECORDS = {
    "unknown language de": lambda r: r[0]["translations"].update(de={"title": "x"}),
    "unknown author nobody": lambda r: r[0].update(authors=["nobody"]),
    "already used": same_slug,
    "does not match its checksum": lambda r: r[0]["hero_image"].update(sha256="0" * 64),
    "missing from the bundle": lambda r: r[0]["hero_image"].update(path="files/nothing.jpg"),
    # An old URL that is not an object, in a record written one by one (it has attachments)
    # and in one written with a batch.
    "an old URL must be given": lambda r: r[0].update(redirects=["an-old-slug"]),
    "old URL must be given as": lambda r: r[1].update(redirects=[["en", "an-old-slug"]]),
}


@pytest.mark.parametrize("message", BAD_RECORDS)
def test_bad_records_are_reported_one_by_one(bundle, importer, message):
    rewrite(bundle, "articles", BAD_RECORDS[message])
    out, err = run(bundle)
    assert message in err
    assert "articles.jsonl:" in err
    assert Article.objects.count() == 3  # The others are in; the bad one is not, not half.


def test_a_broken_image_is_refused_like_an_upload(bundle, importer):
    record = json.loads((bundle / "articles.jsonl").read_text().splitlines()[0])
    image = bundle / record["hero_image"]["path"]
    image.write_bytes(image.read_bytes()[:200])
    sha = hashlib.sha256(image.read_bytes()).hexdigest()
    rewrite(bundle, "articles", lambda r: r[0]["hero_image"].update(sha256=sha))
    _out, err = run(bundle)
    assert "articles.jsonl:1" in err
    assert Article.objects.count() == 3


def test_bad_json_is_reported_with_its_line(bundle, importer):
    with open(bundle / "articles.jsonl", "a") as out:
        out.write("{not json\n")
    _out, err = run(bundle)
    assert "articles.jsonl:5: bad JSON" in err
    assert Article.objects.count() == 4


def test_a_directory_without_a_manifest_is_a_clear_error(importer, tmp_path):
    with pytest.raises(CommandError, match="no manifest.json"):
        run(tmp_path)


def test_another_format_version_is_refused(bundle, importer):
    manifest = json.loads((bundle / "manifest.json").read_text())
    (bundle / "manifest.json").write_text(json.dumps({**manifest, "version": 99}))
    with pytest.raises(CommandError, match="version 99"):
        run(bundle)


def test_the_service_returns_the_report(bundle, importer):
    report = bundle_import(path=str(bundle), user=importer, progress=False)
    assert report.counts["articles", "created"] == 4 and not report.problems


def test_imported_images_get_their_renditions(bundle, importer, django_capture_on_commit_callbacks):
    names = {
        json.loads(line)["hero_image"]["path"].removeprefix("files/")
        for line in (bundle / "articles.jsonl").read_text().splitlines()
        if json.loads(line).get("hero_image")
    }
    assert names
    for name in names:  # as on a site that never had these images
        for width in images.WIDTHS:
            default_storage.delete(images._rendition_name(name, width))
    with django_capture_on_commit_callbacks(execute=True):
        run(bundle)
    for name in names:
        assert default_storage.exists(images._rendition_name(name, 160)), name


def test_reimporting_the_sites_own_export_changes_nothing(site, importer, tmp_path):
    call_command("export_content", str(tmp_path / "own"), stdout=StringIO())
    changed_at = list(ArticleTranslation.objects.order_by("pk").values_list("changed_at"))
    out, err = run(tmp_path / "own")
    assert "articles: 4 unchanged" in out and "experts: 2 unchanged" in out, out + err
    assert "created" not in out and "updated" not in out
    assert Article.objects.count() == 4
    assert list(ArticleTranslation.objects.order_by("pk").values_list("changed_at")) == changed_at


def test_an_edited_own_export_updates_the_same_articles(site, importer, tmp_path):
    call_command("export_content", str(tmp_path / "own"), stdout=StringIO())
    rewrite(tmp_path / "own", "articles", lambda r: r[0]["translations"]["en"].update(title="Re"))
    out, _err = run(tmp_path / "own")
    assert "articles: 1 updated" in out and "articles: 3 unchanged" in out
    assert Article.objects.count() == 4
    assert ArticleTranslation.objects.get(master=site[0], language_code="en").title == "Re"


def test_another_sites_ids_are_never_taken_for_local_ones(site, importer, tmp_path):
    call_command("export_content", str(tmp_path / "other"), stdout=StringIO())
    manifest = json.loads((tmp_path / "other" / "manifest.json").read_text())
    for kind in ("types", "topics", "regions", "experts", "articles"):
        path = tmp_path / "other" / f"{kind}.jsonl"
        # The same local ids, as another site of the same age would number them.
        path.write_text(path.read_text().replace(manifest["origin"], "0123456789ab"))
    for kind in ("types", "topics", "regions"):  # slugs of their own, or they would clash
        rewrite(tmp_path / "other", kind, lambda r: [
            t.update(slug=f"{t['slug']}-x") for rec in r for t in rec["translations"].values()
        ])  # fmt: skip
    rewrite(tmp_path / "other", "experts", lambda r: [e.update(slug=f"{e['slug']}-x") for e in r])
    rewrite(tmp_path / "other", "articles", lambda r: [
        t.update(slug=f"{t['slug']}-x") for rec in r for t in rec["translations"].values()
    ])  # fmt: skip
    out, err = run(tmp_path / "other")
    assert "articles: 4 created" in out, out + err
    assert Article.objects.count() == 8


def test_a_tar_gz_is_unpacked_and_cleaned_up(site, importer, tmp_path, monkeypatch):
    import tempfile

    archive = tmp_path / "site.tar.gz"
    call_command("export_content", str(archive), stdout=StringIO())
    empty_site()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out, err = run(archive)
    assert "articles: 4 created" in out, err
    assert list(scratch.iterdir()) == []


def test_a_broken_archive_is_a_clear_error(importer, tmp_path):
    import tarfile

    archive = tmp_path / "broken.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(__file__, arcname="manifest.json")
    archive.write_bytes(archive.read_bytes()[:700])
    with pytest.raises(CommandError, match="cannot be unpacked|no manifest"):
        run(archive)


def test_attachments_come_in_with_their_files_pages_and_languages(bundle, importer, client):
    run(bundle)
    article = Attachment.objects.get(language_code="en").article
    reports = {a.language_code: a for a in article.attachments.all()}
    assert (reports["en"].title, reports["ar"].title) == ("The full report", "التقرير الكامل")
    assert reports["en"].pages == 3 and reports["en"].size > 100
    slug = article.translations.get(language_code="en").slug
    download = client.get(f"/policy-analysis/{slug}/files/{reports['en'].pk}")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    run(bundle)  # again: nothing changes
    assert set(Attachment.objects.values_list("pk", flat=True)) == {r.pk for r in reports.values()}


def test_a_file_that_is_not_a_pdf_refuses_its_article_like_an_upload(bundle, importer):
    [record] = [
        json.loads(line)
        for line in (bundle / "articles.jsonl").read_text().splitlines()
        if json.loads(line)["attachments"]
    ]
    pdf = bundle / record["attachments"][0]["file"]["path"]
    pdf.write_bytes(b"<html><script>alert(1)</script></html>")
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    rewrite(bundle, "articles", lambda rs: [r["attachments"][0]["file"].update(sha256=sha)
                                            for r in rs if r["id"] == record["id"]])  # fmt: skip
    _out, err = run(bundle)
    assert "This file is not a PDF." in err
    assert Article.objects.count() == 3 and not Attachment.objects.exists()


def test_a_bundle_without_attachments_leaves_an_article_s_own(site, importer, tmp_path):
    call_command("export_content", str(tmp_path / "b"), stdout=StringIO())
    rewrite(tmp_path / "b", "articles", lambda rs: [r.pop("attachments") for r in rs] and [
        r["translations"]["en"].update(title=r["translations"]["en"]["title"] + " (new)")
        for r in rs])  # fmt: skip
    run(tmp_path / "b")
    assert Attachment.objects.count() == 2
    assert ArticleTranslation.objects.filter(title__endswith=" (new)").count() == 4

"""The two operations of the bundle app: export the site's content, import a bundle."""

from contextlib import nullcontext

from django.db import transaction
from tqdm import tqdm

from core.events import one_change_for_everything

from . import batches
from .export import KINDS, bundle_export
from .importer import TERMS, DryRun, Importer, Report
from .reader import BundleError, count_lines, open_bundle, records

__all__ = ["BundleError", "Report", "bundle_export", "bundle_import"]


def bundle_import(*, path: str, user, dry_run: bool = False, progress: bool = True) -> Report:
    """
    Import the bundle at path, each record in its own transaction (new articles a batch
    at a time, bundle.batches); return the report. A large bundle is reported as one change
    of everything at the end (BULK_EVENT_ARTICLES). A dry run does the same work inside one
    outer transaction and rolls it all back, so it reports exactly what a real run would
    change and refuse. Raise BundleError if the bundle as a whole cannot be read.
    """
    report = Report()
    try:
        with (
            open_bundle(path) as (root, _manifest),
            transaction.atomic() if dry_run else nullcontext(),
            tqdm(total=None, unit="", disable=not progress) as bar,
        ):
            large = count_lines(root, "articles") >= batches.BULK_EVENT_ARTICLES
            with one_change_for_everything() if large else nullcontext():
                _import(root, report, user, bar)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return report


def _import(root, report: Report, user, bar) -> None:
    importer = Importer(root=root, user=user, report=report)
    bar.total = sum(count_lines(root, kind) for kind in KINDS)
    for kind in KINDS:
        bar.set_description(kind)
        counted = _counted(records(root, kind, report.problems), bar)
        if kind == "articles":
            batches.articles_import(importer, counted)
            continue
        write = importer.term(TERMS[kind][1]) if kind in TERMS else importer.expert
        for record in counted:
            importer.run(record, write)
    for record in records(root, "articles", []):
        importer.pins(record.data)


def _counted(items, bar):
    """Yield items, moving the progress bar on as each is taken."""
    for item in items:
        yield item
        bar.update()

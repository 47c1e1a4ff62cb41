"""
Keep the stored recommendations current: rebuild every list, refresh the lists a change
touches (recommendations.incremental does the work), or rewrite a renamed expert's copied
name. The "content changed" subscriber and the management commands call these.
"""

import logging
import queue
import threading

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from articles.models import Authorship

from . import incremental
from .build import compute, queries_for
from .catalogue import load, pins
from .models import Recommendation, TextStatistic
from .store import Names, write

logger = logging.getLogger(__name__)

#: Sent with article_ids= (whose lists changed; None: any) when stored lists were rewritten,
#: after the content's own change invalidated the pages showing it: pages show the lists,
#: so the page cache listens (thinktank.subscribers).
lists_refreshed = Signal()


def recommendations_rebuild(*, progress=None) -> int:
    """Recompute every list from scratch, in one transaction; return the rows written."""
    started = timezone.now()
    cat = load(now=started)
    queries = queries_for(cat)
    if progress:
        progress.reset(total=sum(len(q) for q in queries.values()))
    names, written = Names(), 0
    with transaction.atomic():
        Recommendation.objects.all().delete()
        TextStatistic.objects.all().delete()
        TextStatistic.objects.bulk_create(
            [
                TextStatistic(language=lang, word=word[:100], documents=df)
                for lang, counts in cat.document_frequency.items()
                for word, df in counts.items()
                if df >= 2
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        # Score the next blocks (numpy, mostly outside the GIL) while writing this one.
        for language, chunk, rows in ahead(compute(cat, queries, pins(cat))):
            written += write(cat, language, rows, names, started)
            if progress:
                progress.update(len(chunk))
    lists_refreshed.send(sender=Recommendation, article_ids=None)
    return written


def ahead(iterator, depth: int = 2):
    """Yield the items of iterator, computed in a worker thread up to depth items ahead."""
    results: queue.Queue = queue.Queue(maxsize=depth)
    done = object()

    def work():
        try:
            for item in iterator:
                results.put(item)
        except BaseException as error:  # handed to the consumer
            results.put(error)
        results.put(done)

    threading.Thread(target=work, daemon=True).start()
    while (item := results.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item


def recommendations_refresh(*, article_ids) -> None:
    """Bring the stored lists up to date after articles ids changed."""
    ids = {int(i) for i in article_ids}
    if not ids:
        return
    now = timezone.now()
    with transaction.atomic():
        cat = incremental.recompute_own(ids, now)
        rewritten: set[int] = set()
        refill = incremental.merge(cat, ids, now, rewritten)
        refill -= ids
        if refill:
            incremental.recompute_own(refill, now)
    lists_refreshed.send(sender=Recommendation, article_ids=ids | refill | rewritten)


def recommendations_rescore(*, article_ids) -> None:
    """
    Recompute the lists of articles ids themselves (readers went on from them to other
    pieces: only their own lists weigh those paths); no other list moves.
    """
    ids = {int(i) for i in article_ids}
    if not ids:
        return
    with transaction.atomic():
        incremental.recompute_own(ids, timezone.now())
    lists_refreshed.send(sender=Recommendation, article_ids=ids)


def recommendations_rename_expert(*, expert_id: int) -> int:
    """Rewrite the copied author names in rows showing the expert's articles; return rows."""
    names = Names()
    articles = Authorship.objects.filter(expert_id=expert_id).values("article_id")
    bylines: dict[int, list[int]] = {}
    rows = Recommendation.objects.filter(candidate_id__in=articles).only(
        "id", "article_id", "candidate_id", "candidate_language", "authors"
    )
    changed = []
    for row in rows.iterator(chunk_size=2000):
        if row.candidate_id not in bylines:
            bylines[row.candidate_id] = list(
                Authorship.objects.filter(article_id=row.candidate_id)
                .order_by("position", "id")
                .values_list("expert_id", flat=True)
            )
        row.authors = names.authors(bylines[row.candidate_id], row.candidate_language)
        changed.append(row)
    Recommendation.objects.bulk_update(changed, ["authors"], batch_size=1000)
    lists_refreshed.send(sender=Recommendation, article_ids={row.article_id for row in changed})
    return len(changed)

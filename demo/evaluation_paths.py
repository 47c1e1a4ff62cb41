"""
The evaluation's reading paths and editor pins (demo.evaluation measures the rest).

- Simulated reading paths: readers of a piece go on to another piece public in the page's
  language, mostly (STAY) one of its own story cluster, else any; some pieces draw more
  readers than others (a heavy-tailed popularity). The counts are written as
  readership.DailyPath rows, as the flush would, so the engine reads them as it reads real
  ones; precision@k is then measured with and without them.
- Editor pins: how often the engine, with the pins hidden from it, ranks the piece an
  editor pinned among its top k, on the seeded demo corpus (seed_demo; its pins are pieces
  of the same story, demo.corpus.pin_target).
"""

import random
from collections import Counter

from django.utils import timezone

from articles.models import Article, RelatedArticle
from readership.models import DailyPath
from recommendations.selectors import recommended
from recommendations.services import recommendations_rebuild

from .evaluation import LANGS, Corpus

#: Readers who went on from each piece, per language, in the period; and the share of
#: them who stayed within its story cluster.
READERS = 30
STAY = 0.8


def simulate(corpus: Corpus, *, readers: int = READERS, stay: float = STAY, seed: int = 13):
    """Write simulated reading paths between the corpus's public pieces; return how many."""
    rng = random.Random(seed)
    today = timezone.localdate()
    counts: Counter = Counter()
    for language in LANGS:
        public = sorted(Article.objects.public(language).values_list("pk", flat=True))
        if len(public) < 2:
            continue
        popularity = {pk: rng.paretovariate(1.5) for pk in public}
        by_cluster: dict[int, list[int]] = {}
        for pk in public:
            by_cluster.setdefault(corpus.cluster_of[pk], []).append(pk)
        for pk in public:
            mates = [m for m in by_cluster[corpus.cluster_of[pk]] if m != pk]
            everyone = [m for m in public if m != pk]
            for _ in range(readers):
                pool = mates if mates and rng.random() < stay else everyone
                target = rng.choices(pool, weights=[popularity[m] for m in pool])[0]
                counts[pk, target, language] += 1
    DailyPath.objects.bulk_create(
        [
            DailyPath(from_article_id=a, to_article_id=b, language=lang, day=today, count=n)
            for (a, b, lang), n in counts.items()
        ],
        batch_size=2000,
    )
    return sum(counts.values())


def pins_found(k: int) -> tuple[int, int]:
    """
    (pins in the engine's top k, pins measured): every pin, in each language where both
    pieces are public, after the pins were deleted and the lists rebuilt without them.
    """
    pins = list(RelatedArticle.objects.values_list("article_id", "target_id"))
    RelatedArticle.objects.all().delete()
    recommendations_rebuild()
    found = measured = 0
    public = {
        lang: set(Article.objects.public(lang).values_list("pk", flat=True)) for lang in LANGS
    }
    articles = Article.objects.in_bulk({a for a, _t in pins})
    for article_id, target_id in pins:
        for lang in LANGS:
            if article_id in public[lang] and target_id in public[lang]:
                measured += 1
                chosen = [r.candidate_id for r in recommended(articles[article_id], lang, k)]
                found += target_id in chosen
    return found, measured

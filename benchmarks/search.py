"""
Search latency on a large corpus: p50 and p95 per language and query length.

Seed and index first (seed_demo indexes what it creates), then run against the
same database:

    createdb -h 127.0.0.1 -U postgres wt_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_bench
    .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py seed_demo --articles 100000
    DEBUG=0 .venv/bin/python manage.py collectstatic --noinput --settings=benchmarks.settings
    .venv/bin/python -m benchmarks.search [--repeat 5]

Each sample is one full results page as the search view asks for it: matching,
visibility, the five facet counts, the page of 20 hits loaded as articles with
their authors and content types, and the highlighted titles and snippets. A last
line times the whole page through Django's test client (view and template too). Queries
are typed as a reader types them (the last word is a prefix). The queries are
one-, two- and three-word searches made from the demo vocabulary, the same ideas
in each language, from very common words ("Iran") to rarer pairs.

Then the recall on spelling variants (demo.variants, and the demo's synonym sets of
demo.vocabulary.SYNONYMS in every language): one probe piece per spelling, of a content
type of its own, is added (and removed at the end); each spelling is searched for with
that type as the filter, and recall is the share of the (spelling, piece of its group)
pairs found; "stray" counts probe pieces of other groups found. `--recall-only` skips
the latency part.
"""

import argparse
import os
import random
import statistics
import sys
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from demo import vocabulary  # noqa: E402
from demo.variants import SYNONYM_GROUPS, VARIANTS  # noqa: E402
from search.engine import search  # noqa: E402
from search.indexing import index_articles  # noqa: E402
from search.query import parse  # noqa: E402

LANGS = ("en", "ar", "fa")
# (English, Arabic, Farsi): the same search in each language.
QUERIES = {
    1: [
        ("Iran", "إيران", "ایران"),
        ("sanctions", "العقوبات", "تحریم‌ها"),
        ("inflation", "التضخم", "تورم"),
        ("uranium", "اليورانيوم", "اورانیوم"),
        ("militias", "الميليشيات", "شبه‌نظامیان"),
        ("deterrence", "الردع", "بازدارندگی"),
        ("Lebanon", "لبنان", "لبنان"),
        ("Riyadh", "الرياض", "ریاض"),
    ],
    2: [
        ("nuclear deal", "الاتفاق النووي", "توافق هسته‌ای"),
        ("oil exports", "صادرات النفط", "صادرات نفت"),
        ("ballistic missiles", "الصواريخ الباليستية", "موشک‌های بالستیک"),
        ("air defenses", "الدفاعات الجوية", "پدافند هوایی"),
        ("Iran sanctions", "إيران العقوبات", "ایران تحریم"),
        ("drone warfare", "الطائرات المسيرة", "جنگ پهپادی"),
        ("Revolutionary Guard", "الحرس الثوري", "سپاه پاسداران"),
        ("Washington Tehran", "واشنطن طهران", "واشنگتن تهران"),
    ],
    3: [
        ("Iran nuclear program", "البرنامج النووي الإيراني", "برنامه هسته‌ای ایران"),
        ("oil exports Iraq", "صادرات النفط العراق", "صادرات نفت عراق"),
        ("uranium enrichment Iran", "تخصيب اليورانيوم إيران", "غنی‌سازی اورانیوم ایران"),
        ("security assistance Lebanon", "المساعدات الأمنية لبنان", "کمک‌های امنیتی لبنان"),
        ("sanctions relief Tehran", "تخفيف العقوبات طهران", "کاهش تحریم‌ها تهران"),
        ("air defenses Syria", "الدفاعات الجوية سوريا", "پدافند هوایی سوریه"),
        ("Moscow nuclear deal", "موسكو الاتفاق النووي", "مسکو توافق هسته‌ای"),
        ("armed militias Yemen", "الميليشيات المسلحة اليمن", "شبه‌نظامیان مسلح یمن"),
    ],
}


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def variant_groups() -> dict[str, list[list[str]]]:
    """Return language -> groups of spellings: the variants and the synonym sets."""
    names = [spellings for _name, spellings in getattr(vocabulary, "SYNONYMS", [])]
    names += [g for g in SYNONYM_GROUPS if g not in names]
    return {lang: [*VARIANTS.get(lang, []), *names] for lang in LANGS}


def recall():
    """Print the recall on the spelling variants, per language (probe pieces, then gone)."""
    from tests.articles.factories import ArticleFactory
    from tests.taxonomy.factories import ArticleTypeFactory

    probe_type = ArticleTypeFactory(languages=LANGS)
    groups = variant_groups()
    owner = {}  # article id -> (language, group number)
    for lang, lang_groups in groups.items():
        for number, group in enumerate(lang_groups):
            for spelling in group:
                article = ArticleFactory(
                    article_type=probe_type, languages={lang: {"title": f"{spelling} ."}}
                )
                owner[article.pk] = (lang, number)
    index_articles(owner)
    print(f"{'language':<9}{'groups':>7}{'pairs':>7}{'found':>7}{'recall':>8}{'stray':>7}")
    try:
        for lang, lang_groups in groups.items():
            pairs = found = stray = 0
            for number, group in enumerate(lang_groups):
                for spelling in group:
                    results = search(
                        language=lang,
                        query=parse(spelling + " ", lang),
                        filters={"type": [probe_type.pk]},
                        per_page=100,
                    )
                    hits = [owner.get(hit.article.pk) for hit in results.hits]
                    pairs += len(group)
                    found += sum(1 for hit in hits if hit == (lang, number))
                    # Another group's piece, unless the two groups share a spelling.
                    stray += sum(
                        1
                        for hit in hits
                        if hit is not None
                        and hit[1] != number
                        and not set(group) & set(lang_groups[hit[1]])
                    )
            print(
                f"{lang:<9}{len(lang_groups):>7}{pairs:>7}{found:>7}{found / pairs:>8.1%}{stray:>7}"
            )
    finally:
        from articles.models import Article

        Article.objects.filter(pk__in=list(owner)).delete()
        probe_type.delete()
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="Samples per query (default 5).")
    parser.add_argument("--recall-only", action="store_true", help="Skip the latency part.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL (see the docstring).")
    recall()
    if args.recall_only:
        return

    jobs = [
        (n, lang, texts[LANGS.index(lang)])
        for n, triplets in QUERIES.items()
        for texts in triplets
        for lang in LANGS
    ]
    for _n, lang, text in jobs:  # warm the caches once, untimed
        search(language=lang, query=parse(text, lang))
    samples = {(n, lang): [] for n in QUERIES for lang in LANGS}
    per_query = {}
    totals = {}
    rng = random.Random(1)
    for _ in range(args.repeat):
        rng.shuffle(jobs)
        for n, lang, text in jobs:
            start = time.perf_counter()
            results = search(language=lang, query=parse(text, lang))
            elapsed = (time.perf_counter() - start) * 1000
            samples[n, lang].append(elapsed)
            per_query.setdefault((lang, text), []).append(elapsed)
            totals[lang, text] = results.total

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        documents = cursor.fetchone()[0]
    print(f"{documents} indexed translations; {args.repeat} samples per query, facets on\n")
    print(f"{'language':<9}{'words':>6}{'queries':>9}{'matches (median)':>18}", end="")
    print(f"{'p50 ms':>9}{'p95 ms':>9}")
    everything = []
    for lang in LANGS:
        for n in QUERIES:
            times = samples[n, lang]
            everything += times
            matches = statistics.median(
                totals[lang, texts[LANGS.index(lang)]] for texts in QUERIES[n]
            )
            print(
                f"{lang:<9}{n:>6}{len(QUERIES[n]):>9}{matches:>18.0f}"
                f"{percentile(times, 50):>9.1f}{percentile(times, 95):>9.1f}"
            )
    print(
        f"{'all':<9}{'':>6}{len(jobs):>9}{'':>18}"
        f"{percentile(everything, 50):>9.1f}{percentile(everything, 95):>9.1f}"
    )
    pages = []
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _ in range(args.repeat):
            for _n, lang, text in jobs:
                prefix = "" if lang == "en" else f"/{lang}"
                start = time.perf_counter()
                response = client.get(f"{prefix}/search/", {"q": text})
                pages.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    sys.exit(f"/search/?q={text} answered {response.status_code}")
    print(
        f"{'whole page (view, template; page cache off)':<42}"
        f"{percentile(pages, 50):>9.1f}{percentile(pages, 95):>9.1f}"
    )

    print("\nslowest queries (median ms, matches):")
    slowest = sorted(per_query, key=lambda key: -statistics.median(per_query[key]))[:5]
    for lang, text in slowest:
        median = statistics.median(per_query[lang, text])
        print(f"  {lang} {text!r}: {median:.1f} ms, {totals[lang, text]} matches")


if __name__ == "__main__":
    main()

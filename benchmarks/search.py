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

from search.engine import search  # noqa: E402
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="Samples per query (default 5).")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL (see the docstring).")

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

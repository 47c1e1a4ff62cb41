"""
Measure the sitemap and the feeds on the configured database, and print the figures.

    DEBUG=1 python manage.py seed_demo --articles 100000
    DEBUG=1 python benchmarks/distribution.py [--repeat 3]

For each URL: the best wall time of --repeat runs, the number of queries, the size of
the response and, for sitemap pages, the number of entries. The first and the last page
of the article sitemap show whether deep pages cost more than the first.

Figures on PostgreSQL, 100,000 demo articles, the 2-core development machine
(PAGE_CACHE_SECONDS=0, --repeat 3):

    database: postgresql; articles: 100,000; public translations: 184,367; article sitemap pages: 19
    url                                  best s  queries       bytes  entries
    /robots.txt                           0.001        0          91        0
    /sitemap.xml                          0.693        7       2,823        0
    /sitemap-articles.xml                 1.591        3   5,839,879    10000
    /sitemap-articles.xml?p=19            0.906        3   2,582,737     4367
    /sitemap-experts.xml                  0.014        3      33,315       72
    /feeds/rss                            0.076        5      31,895       50
    /ar/feeds/atom                        0.067        5      45,785       50
    /fa/feeds/rss                         0.077        5      38,606       50
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, ArticleTranslation  # noqa: E402
from thinktank.sitemaps import ArticleSitemap  # noqa: E402


def measure(client, url, repeat):
    best, queries, response = None, 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    body = response.content
    entries = sum(body.count(tag) for tag in (b"<url>", b"<item>", b"<entry>"))
    return best, queries, len(body), entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    client = Client(HTTP_HOST="localhost")
    public = ArticleTranslation.objects.public().count()
    pages = ArticleSitemap().paginator.num_pages
    print(f"database: {connection.vendor}; articles: {Article.objects.count():,}; "
          f"public translations: {public:,}; article sitemap pages: {pages}")  # fmt: skip
    urls = [
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        f"/sitemap-articles.xml?p={pages}",
        "/sitemap-experts.xml",
        "/feeds/rss",
        "/ar/feeds/atom",
        "/fa/feeds/rss",
    ]
    print(f"{'url':34} {'best s':>8} {'queries':>8} {'bytes':>11} {'entries':>8}")
    for url in urls:
        seconds, queries, size, entries = measure(client, url, args.repeat)
        print(f"{url:34} {seconds:8.3f} {queries:8d} {size:11,d} {entries:8d}")


if __name__ == "__main__":
    main()

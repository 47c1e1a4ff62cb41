"""
Measure the translation dashboard on the configured database, and print the figures.

    DEBUG=1 python manage.py seed_demo --articles 100000
    DEBUG=1 python benchmarks/translations.py [--repeat 3]

For each page: the best wall time of --repeat runs (as an editor, in-process) and the
number of queries, which must not depend on the number of articles.

Figures on PostgreSQL, 100,000 demo articles, the 2-core development machine
(PAGE_CACHE_SECONDS=0, --repeat 3):

    database: postgresql; articles: 100,000; outdated translations: 9,509
    url                                               best s  queries
    /admin/translations/                               0.159       12
    /admin/translations/fa/                            0.461       21
    /admin/translations/fa/?p=100                      0.575       21
    /admin/translations/ar/?status=outdated            0.391       21
    /admin/translations/ar/?topic=1&type=1             0.236       21
    /admin/translations/fa/?list=experts               0.175       20
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, ArticleTranslation  # noqa: E402
from taxonomy.models import ArticleType, Topic  # noqa: E402


def measure(client, url, repeat):
    best, queries = None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    return best, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    editor = get_user_model().objects.filter(is_superuser=True).first()
    if editor is None:
        sys.exit("No superuser: run seed_demo first.")
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    topic, kind = Topic.objects.first(), ArticleType.objects.first()
    pages = [
        "/admin/translations/",
        "/admin/translations/fa/",
        "/admin/translations/fa/?p=100",
        "/admin/translations/ar/?status=outdated",
        f"/admin/translations/ar/?topic={topic.pk}&type={kind.pk}",
        "/admin/translations/fa/?list=experts",
    ]
    print(
        f"database: {connection.vendor}; articles: {Article.objects.count():,}; "
        f"outdated translations: {ArticleTranslation.objects.outdated().count():,}"
    )
    print(f"{'url':48} {'best s':>7} {'queries':>8}")
    for url in pages:
        best, queries = measure(client, url, args.repeat)
        print(f"{url:48} {best:7.3f} {queries:8}")


if __name__ == "__main__":
    main()

"""
Time a full rebuild of the stored recommendations, and one incremental refresh.

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python manage.py \
        seed_demo --articles 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python \
        benchmarks/rebuild_recommendations.py

Prints the catalogue size, the rebuild time and rows, and the time of refreshing one article
(as a save in the admin does).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from tqdm import tqdm  # noqa: E402

from articles.models import Article, ArticleTranslation  # noqa: E402
from recommendations.services import (  # noqa: E402
    recommendations_rebuild,
    recommendations_refresh,
)


def main():
    articles = Article.objects.count()
    published = ArticleTranslation.objects.filter(state="published").count()
    print(f"database: {connection.vendor}; {articles} articles, {published} published translations")
    started = time.monotonic()
    with tqdm(total=0, desc="rebuild", unit=" pages", mininterval=5) as bar:
        rows = recommendations_rebuild(progress=bar)
    rebuild = time.monotonic() - started
    print(f"rebuild_recommendations: {rebuild:.1f} s, {rows} rows")
    sample = list(Article.objects.public("en").values_list("pk", flat=True)[:3])
    timings = []
    for pk in sample:
        started = time.monotonic()
        recommendations_refresh(article_ids=[pk])
        timings.append(time.monotonic() - started)
    print(
        f"refresh of one article: median {sorted(timings)[len(timings) // 2]:.2f} s "
        f"(of {len(timings)})"
    )


if __name__ == "__main__":
    main()

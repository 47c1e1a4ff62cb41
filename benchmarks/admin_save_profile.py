"""
Where an admin save's time goes (README "Benchmarks"): the change-form POST of published
articles' English body, in-process through Django's test client (the same view, form and
service as over HTTP, without gunicorn), under cProfile, with its SQL queries counted and
timed. Tasks are only enqueued here (no worker runs), as in the request.
"""

import argparse
import cProfile
import os
import pstats
import random
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticleTranslation  # noqa: E402
from benchmarks import editing  # noqa: E402
from tests.thinktank.servers import form_fields  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--top", type=int, default=30, help="functions listed")
    args = parser.parse_args()
    editing.ensure_editor()
    client = Client()
    client.force_login(get_user_model().objects.get(username=editing.USERNAME))
    ids = list(
        ArticleTranslation.objects.public("en")
        .order_by("pk")
        .values_list("master_id", flat=True)[:20000]
    )
    profile, times, queries, sql_ms = cProfile.Profile(), [], [], []
    for i, article_id in enumerate(random.Random(7).sample(ids, args.saves + 2)):
        path = f"/admin/articles/article/{article_id}/change/?language=en"
        fields = form_fields(client.get(path).content.decode(), "article_form")
        data = {}
        for name, value in fields + [["_save", "Save"]]:
            data.setdefault(name, []).append(value)
        data["body"] = [data["body"][0] + f"<p>profiled save {time.time_ns()}</p>"]
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            if i >= 2:  # the first two load code and caches
                profile.enable()
            response = client.post(path, data)
            profile.disable()
            elapsed = time.perf_counter() - start
        if response.status_code != 302:
            raise SystemExit(f"{path} answered {response.status_code}")
        if i >= 2:
            times.append(elapsed * 1000)
            queries.append(len(captured))
            sql_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    print(
        f"{len(times)} saves in-process: p50 {editing.percentile(times, 0.5):.0f} ms, "
        f"p95 {editing.percentile(times, 0.95):.0f} ms; SQL queries per save "
        f"{min(queries)}-{max(queries)}, SQL time p50 {editing.percentile(sql_ms, 0.5):.0f} ms"
    )
    profile.dump_stats(editing.ROOT / "var" / "bench" / "admin_save.prof")
    stats = pstats.Stats(profile).sort_stats("cumulative")
    stats.print_stats(args.top)
    # The commit's subscribers (core.events) and the admin's own steps, one level down.
    stats.print_stats(r"content_changes_send|_changeform_view|article_save|_update|_schedule")


if __name__ == "__main__":
    main()

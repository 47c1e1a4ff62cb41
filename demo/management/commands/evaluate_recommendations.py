"""Measure recommendation quality on a generated corpus, in a throw-away database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import evaluation


class Command(BaseCommand):
    help = (
        "Create a throw-away database (never the real one), fill it with articles in known "
        "story clusters, rebuild the recommendations and print precision@3 per language next "
        "to the 'newest in the same topic' and 'random' baselines."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clusters", type=int, default=40, help="Story clusters (40).")
        parser.add_argument(
            "--per-cluster", type=int, default=25, help="Articles per cluster (25)."
        )

    def handle(self, *args, clusters, per_cluster, **options):
        if clusters < 2 or per_cluster < 2:
            raise CommandError("--clusters and --per-cluster must be at least 2.")
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor != "sqlite":
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_evaluation"
        original = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            self.stdout.write(f"Throw-away database; {clusters} clusters × {per_cluster} articles.")
            scores = evaluation.run(clusters=clusters, per_cluster=per_cluster)
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)
        k = settings.RECOMMENDATIONS_COUNT
        self.stdout.write(evaluation.summary_line(scores, k))

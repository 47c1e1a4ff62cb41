"""Measure recommendation quality on a generated corpus, in a throw-away database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import evaluation_report


class Command(BaseCommand):
    help = (
        "Create a throw-away database (never the real one), fill it with articles in known "
        "story clusters, rebuild the recommendations and print precision@3 per language next "
        "to the 'newest in the same topic' and 'random' baselines, then with simulated "
        "reading paths, then how often editor pins of the seeded demo corpus rank in the "
        "top 3 with the pins hidden. --tune first tunes the weights on other clusters."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clusters", type=int, default=40, help="Story clusters (40).")
        parser.add_argument(
            "--per-cluster", type=int, default=25, help="Articles per cluster (25)."
        )
        parser.add_argument(
            "--seeded",
            type=int,
            default=300,
            help="Articles of the seeded demo corpus the pins are measured on (300; 0: none).",
        )
        parser.add_argument(
            "--tune",
            action="store_true",
            help="Tune the weights on training clusters first and measure with them.",
        )

    def handle(self, *args, clusters, per_cluster, seeded, tune, **options):
        if clusters < 2 or per_cluster < 2:
            raise CommandError("--clusters and --per-cluster must be at least 2.")
        if seeded < 0:
            raise CommandError("--seeded must be at least 0.")
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor != "sqlite":
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_evaluation"
        original = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            self.stdout.write(f"Throw-away database; {clusters} clusters × {per_cluster} articles.")
            evaluation_report.report(
                clusters=clusters,
                per_cluster=per_cluster,
                tune=tune,
                seeded=seeded,
                out=self.stdout.write,
            )
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)

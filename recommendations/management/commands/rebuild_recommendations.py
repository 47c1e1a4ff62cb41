"""Recompute every article's recommendations in every language."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from recommendations.services import recommendations_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the stored recommendations of every article in every language, with a "
        "progress bar. Edits keep them current on their own; run this after a bulk import, "
        "and nightly so that recency and word statistics stay fresh."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        with tqdm(total=0, desc="recommendations", unit=" pages", disable=None) as bar:
            rows = recommendations_rebuild(progress=bar)
        self.stdout.write(
            f"Recommendations rebuilt: {rows} rows in {time.monotonic() - started:.1f} s."
        )

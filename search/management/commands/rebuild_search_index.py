"""Rebuild the search index from the articles in the database."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from core import i18n
from search.indexing import BATCH_SIZE, index_articles
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every article (or of one language), "
        "with a progress bar. Safe to run while the site serves: each batch is swapped "
        "in its own transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=i18n.language_codes(),
            help="Rebuild only this language.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, language, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        languages = [language] if language else None
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        orphans = SearchDocument.objects.exclude(article_id__in=Article.objects.values("pk"))
        orphans.delete()
        written = 0
        quiet = options["verbosity"] == 0
        with tqdm(total=len(ids), desc="articles", unit="", disable=quiet) as bar:
            for start in range(0, len(ids), batch_size):
                batch = ids[start : start + batch_size]
                written += index_articles(batch, languages)
                bar.update(len(batch))
        self.stdout.write(f"Search index: {written} documents for {len(ids)} articles.")

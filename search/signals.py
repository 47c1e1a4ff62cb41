"""
The one model hook search keeps: a deleted translation takes its document with it.

Reindexing follows the "content changed" event (search.subscribers). This is a
cascade, not a reindex: the document's key is the translation's, without a database
cascade (Django's collector would load the translations with deferred fields, which
parler cannot build), so it must go in the same transaction as the translation.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from articles.models import ArticleTranslation

from .models import SearchDocument


@receiver(post_delete, sender=ArticleTranslation)
def translation_deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(translation_id=instance.pk).delete()

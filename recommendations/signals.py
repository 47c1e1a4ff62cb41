"""
The one model hook recommendations keep: who showed a deleted article.

Refreshing follows the "content changed" event (recommendations.subscribers). The
rows that say which lists showed an article go with it, so they are read before it
is deleted and those lists reported as changed.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from articles.models import Article
from core.events import content_change

from .models import Recommendation


@receiver(pre_delete, sender=Article)
def _article_deleting(sender, instance, **kwargs):
    holders = set(
        Recommendation.objects.filter(candidate=instance).values_list("article_id", flat=True)
    )
    holders.discard(instance.pk)
    for article_id in holders:
        content_change(kind="articles.article", id=article_id, public=True)

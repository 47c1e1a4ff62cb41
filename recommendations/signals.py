"""
Keep the stored lists current. Changes are collected per transaction and refreshed once,
when it commits: an admin save touches the article, its translations, its terms and its
authors, and should cost one refresh.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article, ArticleTranslation, Authorship, RelatedArticle
from experts.models import Expert, ExpertTranslation
from taxonomy.models import ArticleTypeTranslation

from . import services
from .models import Recommendation

logger = logging.getLogger(__name__)


class _Batch:
    def __init__(self):
        self.ids: set[int] = set()

    def run(self):
        services.recommendations_refresh(article_ids=self.ids)


def schedule(article_ids) -> None:
    """Refresh the recommendations of article_ids once the current transaction commits."""
    connection = transaction.get_connection()
    batch = getattr(connection, "_recommendations_batch", None)
    pending = batch is not None and any(entry[1] == batch.run for entry in connection.run_on_commit)
    if not pending:
        batch = _Batch()
        connection._recommendations_batch = batch
        batch.ids.update(article_ids)
        transaction.on_commit(batch.run, robust=True)
    else:
        batch.ids.update(article_ids)


@receiver(post_save, sender=Article)
@receiver(post_save, sender=ArticleTranslation)
@receiver(post_delete, sender=ArticleTranslation)
@receiver(post_save, sender=Authorship)
@receiver(post_delete, sender=Authorship)
@receiver(post_save, sender=RelatedArticle)
@receiver(post_delete, sender=RelatedArticle)
def _article_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    article_id = {
        Article: lambda: instance.pk,
        ArticleTranslation: lambda: instance.master_id,
        Authorship: lambda: instance.article_id,
        RelatedArticle: lambda: instance.article_id,
    }[sender]()
    if article_id:
        schedule([article_id])


@receiver(m2m_changed, sender=Article.topics.through)
@receiver(m2m_changed, sender=Article.regions.through)
def _terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        schedule([instance.pk])
    elif pk_set:
        schedule(pk_set)


@receiver(pre_delete, sender=Article)
def _article_deleted(sender, instance, **kwargs):
    """Refresh the lists that showed a deleted article (its rows go with it)."""
    holders = set(
        Recommendation.objects.filter(candidate=instance).values_list("article_id", flat=True)
    )
    holders.discard(instance.pk)
    if holders:
        schedule(holders)


@receiver(post_save, sender=ExpertTranslation)
@receiver(post_save, sender=Expert)
def _expert_renamed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    expert_id = instance.pk if sender is Expert else instance.master_id
    transaction.on_commit(
        lambda: services.recommendations_rename_expert(expert_id=expert_id), robust=True
    )


@receiver(post_save, sender=ArticleTypeTranslation)
def _type_renamed(sender, instance, raw=False, **kwargs):
    if raw or not instance.master_id:
        return
    Recommendation.objects.filter(
        candidate__article_type_id=instance.master_id,
        candidate_language=instance.language_code,
    ).update(type_name=instance.name)

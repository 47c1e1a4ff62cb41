"""
Keep the search index in step with every change readers could search for.

Model signals rather than calls from the editorial services, so that whatever
saves an article, a translation, an author or a term (admin, services, shell)
keeps the index current. Each handler recomputes only the documents it affects:
a renamed topic reindexes the pieces filed under it, in that language only.
Bulk writes that bypass signals (`seed_demo`, `QuerySet.update`) must call
`search.indexing.index_articles` themselves, or run `rebuild_search_index`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article, ArticleTranslation, Authorship
from experts.models import ExpertTranslation
from taxonomy.models import (
    ArticleType,
    ArticleTypeTranslation,
    Region,
    RegionTranslation,
    Topic,
    TopicTranslation,
)

from .indexing import index_articles
from .models import SearchDocument


@receiver(post_save, sender=ArticleTranslation)
def translation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_articles([instance.master_id], [instance.language_code])


@receiver(post_delete, sender=ArticleTranslation)
def translation_deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(translation_id=instance.pk).delete()


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    # Publication time, withdrawal and content type are copied into the documents.
    if not raw:
        index_articles([instance.pk])


@receiver([post_save, post_delete], sender=Authorship)
def authorship_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_articles([instance.article_id])


@receiver(m2m_changed, sender=Article.topics.through)
@receiver(m2m_changed, sender=Article.regions.through)
def terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            index_articles([instance.pk])
        return
    # From the term's side: topic.articles.add(...) or .clear().
    if action == "pre_clear":
        instance._search_cleared = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_cleared", []))
    else:
        index_articles(pk_set or [])


@receiver([post_save, post_delete], sender=ExpertTranslation)
def expert_renamed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ids = Authorship.objects.filter(expert_id=instance.master_id).values_list(
        "article_id", flat=True
    )
    index_articles(ids, [instance.language_code])


@receiver([post_save, post_delete], sender=TopicTranslation)
@receiver([post_save, post_delete], sender=RegionTranslation)
@receiver([post_save, post_delete], sender=ArticleTypeTranslation)
def term_renamed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    term = sender._meta.get_field("master").related_model
    if term is ArticleType:
        ids = Article.objects.filter(article_type_id=instance.master_id)
    else:
        field = "topics" if term is Topic else "regions"
        ids = Article.objects.filter(**{field: instance.master_id})
    index_articles(ids.values_list("pk", flat=True), [instance.language_code])


@receiver(pre_delete, sender=Topic)
@receiver(pre_delete, sender=Region)
def term_deleting(sender, instance, **kwargs):
    # The links go with the term: note its pieces now, reindex them once it is gone.
    instance._search_articles = list(instance.articles.values_list("pk", flat=True))


@receiver(post_delete, sender=Topic)
@receiver(post_delete, sender=Region)
def term_deleted(sender, instance, **kwargs):
    index_articles(getattr(instance, "_search_articles", []))

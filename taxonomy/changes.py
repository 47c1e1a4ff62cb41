"""
Report every change to terms (topics, regions, content types) as a "content changed"
event (core.events), kind "taxonomy.topic" and so on. Terms show on public pages
(listings, article pages), so every change is public.
"""

from django.db.models.signals import post_delete, post_save

from core.events import content_change

from .models import (
    ArticleType,
    ArticleTypeTranslation,
    Region,
    RegionTranslation,
    Topic,
    TopicTranslation,
)

TERMS = {Topic: TopicTranslation, Region: RegionTranslation, ArticleType: ArticleTypeTranslation}


def _term_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        content_change(kind=sender._meta.label_lower, id=instance.pk, public=True)


def _translation_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.master_id:
        return
    term = sender._meta.get_field("master").related_model
    content_change(
        kind=term._meta.label_lower,
        id=instance.master_id,
        languages=[instance.language_code],
        public=True,
    )


def connect() -> None:
    for term, translation in TERMS.items():
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            uid = f"changes-{term._meta.label_lower}-{name}"
            signal.connect(_term_changed, sender=term, dispatch_uid=uid)
            signal.connect(_translation_changed, sender=translation, dispatch_uid=f"{uid}-tr")

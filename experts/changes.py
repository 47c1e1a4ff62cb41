"""
Report every change to experts as a "content changed" event (core.events).

Model signals, so that whatever writes an expert, a translation of one or a link
reaches the subscribers. Experts show on public pages (their page, bylines), so every
change is public.
"""

from django.db.models.signals import post_delete, post_save

from core.events import content_change

from .models import Expert, ExpertLink, ExpertTranslation

KIND = "experts.expert"


def _expert_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        content_change(kind=KIND, id=instance.pk, public=True)


def _translation_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.master_id:
        content_change(
            kind=KIND, id=instance.master_id, languages=[instance.language_code], public=True
        )


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        content_change(kind=KIND, id=instance.expert_id, public=True)


def connect() -> None:
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(_expert_changed, sender=Expert, dispatch_uid=f"changes-expert-{name}")
        signal.connect(
            _translation_changed, sender=ExpertTranslation, dispatch_uid=f"changes-et-{name}"
        )
        signal.connect(_link_changed, sender=ExpertLink, dispatch_uid=f"changes-link-{name}")

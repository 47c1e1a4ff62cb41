"""Writing synonym sets: every save and delete comes here (the admin, seed_demo)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.events import content_change

from .models import SynonymSet

#: The kind of the "content changed" event a synonym set sends: search pages go stale.
SYNONYMS = SynonymSet._meta.label_lower


def _check(user, action: str) -> None:
    # user None: the system itself (seed_demo), which needs no permission.
    if user is not None and not user.has_perm(f"search.{action}_synonymset"):
        raise PermissionDenied(_("You may not change synonym sets."))


def synonym_set_save(*, synonym_set: SynonymSet, user) -> SynonymSet:
    """
    Check, validate and save a synonym set; what every language's search finds changes
    with it (read at query time), so the event marks its search pages stale.
    """
    _check(user, "change" if synonym_set.pk else "add")
    synonym_set.full_clean()
    with transaction.atomic():
        synonym_set.save()
        content_change(kind=SYNONYMS, id=synonym_set.pk, public=True)
    return synonym_set


def synonym_set_delete(*, synonym_set: SynonymSet, user) -> None:
    """Delete a synonym set: its spellings stop finding each other."""
    _check(user, "delete")
    with transaction.atomic():
        pk = synonym_set.pk
        synonym_set.delete()
        content_change(kind=SYNONYMS, id=pk, public=True)

"""
Saving a translatable object (an expert, a term): the checks and steps every such save
shares, for the apps' own services (experts.services.expert_save,
taxonomy.services.term_save) to build on.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.events import content_change

from .policy import can_translate


@transaction.atomic
def translatable_save(
    *,
    obj,
    language: str,
    user,
    created: bool,
    write_fields: Callable[[], None],
    write_relations: Callable[[], None] = lambda: None,
    public: bool = True,
) -> None:
    """
    Check that user may save obj in language, then write its fields and translation
    (write_fields) and its relations (write_relations) in one transaction, and record
    the change.
    """
    opts = obj._meta
    if created:
        allowed = user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
    else:
        allowed = can_translate(user, type(obj), language)
    if not allowed:
        raise PermissionDenied(_("You may not change this."))
    write_fields()
    write_relations()
    content_change(kind=opts.label_lower, id=obj.pk, public=public)

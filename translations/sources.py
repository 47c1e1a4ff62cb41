"""
Keeping translations in step with their source text (articles, experts and terms).

A SourceVersioned object's `source_version` goes up by one whenever its source text
changes in a normal save; a minor edit (a typo fix) leaves it alone. Each translation
records the version it was made from, so it is *outdated* while it is behind
(`translations.models.outdated_q` states the rule for queries). Saving a translation as
"up to date" catches it up. The admin's saves and revision restores call these functions;
an XLIFF import records the version its file was exported at (articles.xliff_import).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.diffs import word_diff
from core.html import html_to_text
from translations.models import MadeFromText

MINOR_EDIT = "minor_edit"
UP_TO_DATE = "up_to_date"
#: Fields holding HTML: their differences are shown as text, one line per paragraph.
RICH_TEXT_FIELDS = {"body", "short_bio", "full_bio"}
LABELS = {
    MINOR_EDIT: _("Minor edit (a typo fix): do not mark the translations outdated"),
    UP_TO_DATE: _("This translation is up to date with the source text"),
}


def tracking_field(obj, language: str) -> str | None:
    """
    Return the checkbox a form editing obj in language offers: "minor_edit" in the source
    language of a saved object, "up_to_date" in an outdated translation, else None.
    """
    if obj is None or obj.pk is None:
        return None
    if language == obj.get_source_language():
        return MINOR_EDIT
    return UP_TO_DATE if obj.is_outdated(language) else None


def _translation_model(obj):
    return obj._parler_meta.root_model


def source_text(obj) -> dict[str, str]:
    """Return obj's source text now, {field: value} ({} if it has none in that language)."""
    row = (
        _translation_model(obj)
        .objects.filter(master_id=obj.pk, language_code=obj.get_source_language())
        .values(*obj.source_fields)
        .first()
    )
    return row or {}


def _catch_up(obj, language: str) -> None:
    """Record that obj's translation in language follows the current source version."""
    # Only bookkeeping that readers never see changes here: no page-cache invalidation.
    _translation_model(obj).objects.filter(master_id=obj.pk, language_code=language).update(
        made_from_version=obj.source_version
    )


def _bump(obj, previous_text: dict | None) -> None:
    """Move obj's source version on; the translations that followed it fall behind."""
    model = _translation_model(obj)
    if issubclass(model, MadeFromText) and previous_text is not None:
        # Those up to date were made from the text just replaced: keep it, to show them
        # what changed. (Articles find it in their revisions instead.)
        model.objects.filter(master_id=obj.pk, made_from_version=obj.source_version).exclude(
            language_code=obj.get_source_language()
        ).update(made_from_text=previous_text)
    type(obj).objects.filter(pk=obj.pk).update(source_version=F("source_version") + 1)
    obj.refresh_from_db(fields=["source_version"])
    _catch_up(obj, obj.get_source_language())


@transaction.atomic
def translation_text_saved(
    *,
    obj,
    language: str,
    changed_fields,
    created: bool,
    minor: bool = False,
    up_to_date: bool = False,
    previous_text: dict | None = None,
) -> bool:
    """
    Record what a save of obj's text in language means for its translations: a normal
    change of the source text (previous_text: as it was before) outdates the others; a
    new translation, or one saved as up to date, follows the current source. Return True
    if the source version went up.
    """
    if language == obj.get_source_language():
        if created:
            _catch_up(obj, language)
        elif set(changed_fields) & set(obj.source_fields) and not minor:
            _bump(obj, previous_text)
            return True
    elif created or up_to_date:
        _catch_up(obj, language)
    return False


@dataclass
class SourceChanges:
    """What changed in the source text since a translation was brought up to date."""

    rows: list[dict]  # {"field": label, "old": text, "new": text, "diff": marked-up words}
    known: bool  # False: the text it was made from is not on record; all is shown as new.


def source_changes(obj, language: str) -> SourceChanges | None:
    """Return the source changes an outdated translation has to catch up with, else None."""
    if not obj.is_outdated(language):
        return None
    old = obj.made_from_source_text(language)
    new = source_text(obj)
    model = _translation_model(obj)
    rows = []
    for field in obj.source_fields:
        a, b = (old or {}).get(field) or "", new.get(field) or ""
        if field in RICH_TEXT_FIELDS:
            a, b = html_to_text(a), html_to_text(b)
        if a != b:
            label = capfirst(model._meta.get_field(field).verbose_name)
            rows.append({"field": label, "old": a, "new": b, "diff": word_diff(a, b)})
    return SourceChanges(rows=rows, known=old is not None)

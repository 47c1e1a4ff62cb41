"""Readable differences between two revisions: names instead of ids, words marked up."""

from django.utils import dateparse, formats
from django.utils.translation import gettext as _

from core import i18n
from core.diffs import word_diff
from core.html import html_to_text
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Article, Event, State

RELATED_MODELS = {
    "article_type": ArticleType,
    "authors": Expert,
    "topics": Topic,
    "regions": Region,
    "related": Article,
    "speakers": Expert,
    "guests": Expert,
}
CHOICES = {"state": State.choices, "mode": Event.Mode.choices, "status": Event.Status.choices}


def _names(model, ids) -> dict:
    objects = model.objects.filter(pk__in=ids)
    if hasattr(model, "translations"):
        objects = objects.prefetch_related("translations")
    return {obj.pk: str(obj) for obj in objects}


def display(field: str, value) -> str:
    """Return a value of a snapshot as an editor would read it."""
    if value in (None, "", []):
        return "—"
    if field in RELATED_MODELS:
        ids = value if isinstance(value, list) else [value]
        names = _names(RELATED_MODELS[field], ids)
        return ", ".join(names.get(pk, f"#{pk} ({_('deleted')})") for pk in ids)
    if field in ("published_at", "starts_at", "ends_at"):
        return formats.date_format(dateparse.parse_datetime(value), "DATETIME_FORMAT")
    if field in ("is_featured", "is_withdrawn", "explicit"):
        return _("yes") if value else _("no")
    if field in CHOICES:
        return str(dict(CHOICES[field]).get(value, value))
    if field == "source_language":
        return i18n.language_name(value)
    if field == "body":
        return html_to_text(value)
    return str(value)


def rows(changes) -> list[dict]:
    """Return changes as rows for a template: language, field, old, new, and a word diff."""
    out = []
    for change in changes:
        old, new = display(change.field, change.old), display(change.field, change.new)
        out.append(
            {
                "language": i18n.language_name(change.language)
                if i18n.is_site_language(change.language)
                else _("All languages"),
                "field": change.label,
                "old": old,
                "new": new,
                "diff": word_diff("" if old == "—" else old, "" if new == "—" else new),
            }
        )
    return out

"""Readable differences between two revisions: names instead of ids, words marked up."""

import difflib
import re
from html import unescape

from django.conf import settings
from django.utils import dateparse, formats
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Article, State

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TOKENS = re.compile(r"\s+|[^\s]+")
RELATED_MODELS = {
    "article_type": ArticleType,
    "authors": Expert,
    "topics": Topic,
    "regions": Region,
    "related": Article,
}


def html_to_text(value: str) -> str:
    """Return rich text as plain text, one line per paragraph, heading or list item."""
    return unescape(strip_tags(_BLOCK_END.sub("\n", value or ""))).strip()


def word_diff(old: str, new: str):
    """Return new with inserted words in <ins> and removed ones in <del>, escaped."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))


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
    if field == "published_at":
        return formats.date_format(dateparse.parse_datetime(value), "DATETIME_FORMAT")
    if field in ("is_featured", "is_withdrawn"):
        return _("yes") if value else _("no")
    if field == "state":
        return str(dict(State.choices).get(value, value))
    if field == "source_language":
        return str(dict(settings.LANGUAGES).get(value, value))
    if field == "body":
        return html_to_text(value)
    return str(value)


def rows(changes) -> list[dict]:
    """Return changes as rows for a template: language, field, old, new, and a word diff."""
    languages = dict(settings.LANGUAGES)
    out = []
    for change in changes:
        old, new = display(change.field, change.old), display(change.field, change.new)
        out.append(
            {
                "language": languages.get(change.language, _("All languages")),
                "field": change.label,
                "old": old,
                "new": new,
                "diff": word_diff("" if old == "—" else old, "" if new == "—" else new),
            }
        )
    return out

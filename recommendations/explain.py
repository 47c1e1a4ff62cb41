"""Say in words why a piece is recommended: each score component with its points."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.i18n import localize_digits


def _points(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def age(days: int) -> str:
    if days < 1:
        return _("new")
    if days < 60:
        return ngettext("%(n)d day old", "%(n)d days old", days) % {"n": days}
    if days < 730:
        months = round(days / 30.4)
        return ngettext("%(n)d month old", "%(n)d months old", months) % {"n": months}
    years = round(days / 365.25)
    return ngettext("%(n)d year old", "%(n)d years old", years) % {"n": years}


def explain(row) -> str:
    """E.g. "2 shared topics +4.1, same author +2.0, 3 months old −0.4"."""
    parts = []
    if row.shared_topics:
        label = ngettext("%(n)d shared topic", "%(n)d shared topics", row.shared_topics)
        parts.append((label % {"n": row.shared_topics}, row.topic_points))
    if row.shared_regions:
        label = ngettext("%(n)d shared region", "%(n)d shared regions", row.shared_regions)
        parts.append((label % {"n": row.shared_regions}, row.region_points))
    if row.shared_authors:
        label = ngettext("same author", "%(n)d shared authors", row.shared_authors)
        parts.append((label % {"n": row.shared_authors}, row.author_points))
    if row.type_points:
        parts.append((_("same content type"), row.type_points))
    if row.text_points >= 0.05:
        parts.append((_("similar wording"), row.text_points))
    if row.neighbourhood_points >= 0.05:
        parts.append((_("like the article's closest pieces"), row.neighbourhood_points))
    if row.went_on:
        label = ngettext("%(n)d reader went on to it", "%(n)d readers went on to it", row.went_on)
        parts.append((label % {"n": row.went_on}, row.path_points))
    parts.append((age(row.age_days), row.recency_points))
    text = ", ".join(f"{label} {_points(points)}" for label, points in parts)
    return localize_digits(text)

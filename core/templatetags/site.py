"""Template tags and filters for public pages."""

import datetime

from django import template
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.utils import timezone, translation
from django.utils.encoding import escape_uri_path
from django.utils.html import conditional_escape, format_html
from django.utils.http import escape_leading_slashes, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from core import calendars, i18n
from core.pagination import AFTER, BEFORE

register = template.Library()


@register.filter
def digits(value):
    """Write a number or text's digits in the page language's own digits."""
    if isinstance(value, int | float):
        return i18n.localize_number(value)
    return i18n.localize_digits(str(value))


@register.filter(expects_localtime=True)
def local_date(value, fmt="DATE_FORMAT"):
    """Format a date for the page language: its calendar, month names and digits."""
    if not value:
        return ""
    return calendars.format_date(value, fmt)


@register.simple_tag
def date_tag(value, fmt="DATE_FORMAT", beside=False):
    """
    Return a <time> element of a date for readers: ISO 8601 in its datetime attribute, the
    date in the page language's calendar as its text, and the date in the language's second
    calendar (Gregorian on Farsi pages) as its title, and beside it when beside is true.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    first, other = calendars.format_dates(value, fmt)
    element = format_html(
        '<time datetime="{}"{}>{}</time>',
        value.isoformat(),
        format_html(' title="{}"', other) if other else "",
        first,
    )
    if beside and other:
        element += format_html(' <span class="date-other">({})</span>', other)
    return element


@register.filter
def minutes(duration):
    """Return a timedelta as a whole number of minutes (at least 1), in native digits."""
    return i18n.localize_digits(str(max(1, round(duration.total_seconds() / 60))))


@register.filter
def native_name(language):
    return i18n.native_name(language)


def shown_language(thing) -> str | None:
    """Return the language a thing on the page is named in (a parler object's translation)."""
    get = getattr(thing, "get_current_language", None)
    return get() if get is not None else None


@register.filter
def lang_attrs(thing):
    """
    Return ' lang="en" dir="ltr"' for a name shown in another language than the page's
    (an author or a term untranslated in it), so it is read and laid out as its own
    language inside the page's text; nothing for a name in the page's language.
    """
    language = shown_language(thing)
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', language, i18n.direction_of(language))


@register.simple_tag
def byline(people, links=True):
    """
    Join names as a byline in the page language: "A, B and C", "A، B وC". A name in
    another language than the page's carries its own lang and dir (lang_attrs).
    """
    names = [
        format_html(
            '<a href="{}"{}>{}</a>', person.get_absolute_url(), lang_attrs(person), person.name
        )
        if links
        else _marked(person)
        for person in people
    ]
    if len(names) < 2:
        return mark_safe("".join(names))
    separator = pgettext("list separator", ", ")
    last = pgettext("list, before the last item", " and ")
    return mark_safe(separator.join(names[:-1]) + last + names[-1])


def _marked(person):
    attrs = lang_attrs(person)
    return (
        format_html("<span{}>{}</span>", attrs, person.name)
        if attrs
        else conditional_escape(person.name)
    )


def absolute(request, path: str) -> str:
    """
    Return the absolute URL of a path of this site, on the request's host. A path that
    starts with // stays on it (build_absolute_uri reads it as another host's address).
    On a host we do not serve, the path: only the 400 page refusing that request renders.
    """
    path = escape_leading_slashes(path)
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


@register.simple_tag(takes_context=True)
def language_versions(context):
    """
    Return the site's languages with the URL of this page in each.

    A view that knows which languages its item exists in puts them in `alternates`
    ({language: url}); a language missing there leads to that language's home page.
    Without `alternates`, every language gets the same page (path and query).
    """
    request = context["request"]
    current = translation.get_language()
    alternates = context.get("alternates")
    versions = []
    for code in i18n.language_codes():
        if code == current:  # "//host/..." must not become a link to that host
            url = escape_leading_slashes(request.get_full_path())
        elif alternates is not None:
            url = alternates.get(code) or i18n.url_in(code, "home")
        else:
            url = i18n.path_in(code, request.get_full_path())
        versions.append(
            {
                "code": code,
                "name": i18n.native_name(code),
                "url": url,
                "absolute_url": absolute(request, url),
                "current": code == current,
                "exists": alternates is None or code == current or code in alternates,
                "dir": i18n.direction_of(code),
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """Return this page's canonical absolute URL: its path, and its page position if any."""
    request = context["request"]
    try:
        params = request.GET
    except TooManyFieldsSent:  # a page that reads none, such as the 404 page, still renders
        params = {}
    position = {key: params[key] for key in (AFTER, BEFORE) if key in params}
    # Escaped as get_full_path() does: a raw tab or line break would be dropped by URL
    # parsers, so that "/\t/host" would read as "//host".
    path = escape_uri_path(request.path)
    path += f"?{urlencode(position)}" if position and context.get("page") else ""
    return absolute(request, path)


@register.simple_tag(takes_context=True)
def x_default_url(context):
    """Return the absolute URL for hreflang="x-default": the view's choice, else English."""
    request = context["request"]
    path = context.get("x_default") or i18n.path_in("en", request.get_full_path())
    return absolute(request, path)


@register.simple_tag(takes_context=True)
def page_url(context, position):
    """Return this page's query string moved to another page (filters kept)."""
    query = context["request"].GET.copy()
    for key in (AFTER, BEFORE):
        query.pop(key, None)
    query.update(position)
    return f"?{query.urlencode()}"

"""
The site's languages: the one place that reads them from the settings (LANGUAGES,
LANGUAGE_NATIVE_NAMES, RTL_LANGUAGES), with URLs in a given language and native digits.
"""

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import numberformat, translation
from django.utils.formats import number_format
from django.utils.http import escape_leading_slashes

NATIVE_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}
# (decimal, thousands) separators written with native digits: the Arabic ones, which both
# languages use (Django's locales give "." and "," there, which read as each other in Arabic).
NATIVE_SEPARATORS = {"ar": ("٫", "٬"), "fa": ("٫", "٬")}
# What Django's <slug:...> converter matches: such a slug is its own URL form (no quoting).
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
SLUG_MARKER = "slug-marker-0"


def language_codes() -> list[str]:
    """Return the site's language codes, in the settings' order (English first)."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """Return (code, name) for each site language, named as the site names it: choices."""
    return [(code, native_name(code)) for code in language_codes()]


def is_site_language(language) -> bool:
    """Return True if language is one of the site's language codes."""
    return language in dict(settings.LANGUAGES)


def language_name(language: str) -> str:
    """
    Return the language's name as the site shows it, in its own script (العربية), in any
    interface language; the code if it is not a site language.
    """
    return settings.LANGUAGE_NATIVE_NAMES.get(language, language)


def native_name(language: str) -> str:
    """Return the language's name in its own script: English, العربية, فارسی."""
    return settings.LANGUAGE_NATIVE_NAMES[language]


def is_rtl(language: str) -> bool:
    return language in settings.RTL_LANGUAGES


def direction_of(language: str | None) -> str:
    """Return the text direction of language, "rtl" or "ltr" (the HTML dir attribute)."""
    return "rtl" if language in settings.RTL_LANGUAGES else "ltr"


def url_in(language: str, viewname: str, **kwargs) -> str:
    """
    Reverse a URL as it is in language (with its /ar/ or /fa/ prefix).

    A page shows dozens of links (authors, terms, language versions, cards), so a URL with
    no argument or only a slug is built from the view's URL in that language, reversed once
    per process: its parts before and after the slug, put around the slug.
    """
    if not kwargs or (len(kwargs) == 1 and SLUG.match(kwargs.get("slug") or "")):
        key = (get_urlconf(), get_script_prefix(), language, viewname, bool(kwargs))
        parts = _url_parts.get(key)
        if parts is None:
            with translation.override(language):
                url = reverse(viewname, kwargs={"slug": SLUG_MARKER} if kwargs else None)
            parts = _url_parts[key] = tuple(url.split(SLUG_MARKER)) if kwargs else (url,)
        return kwargs["slug"].join(parts) if kwargs else parts[0]
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


# (URL configuration, script prefix, language, view name, with a slug) -> the URL's parts.
_url_parts: dict[tuple, tuple[str, ...]] = {}


def _forget_url_parts(**_signal) -> None:
    # Tests change ROOT_URLCONF, LANGUAGES and the like: reverse() answers differently then.
    _url_parts.clear()


setting_changed.connect(_forget_url_parts)


def path_in(language: str, path: str) -> str:
    """Return the same page's path (and query) in language, or that language's home page."""
    path = escape_leading_slashes(path)  # "//host/..." is a path here, never another host
    if language == translation.get_language():
        return path
    translated = translate_url(path, language)
    return url_in(language, "home") if translated == path else translated


def localize_digits(text: str, language: str | None = None) -> str:
    """Write ASCII digits in the language's own digits (Arabic-Indic, Persian)."""
    digits = NATIVE_DIGITS.get(language or translation.get_language())
    if not digits:
        return text
    return str(text).translate(str.maketrans("0123456789", digits))


def localize_number(value, language: str | None = None) -> str:
    """Write a number grouped in thousands, in the language's digits and separators."""
    language = language or translation.get_language()
    if language not in NATIVE_DIGITS:
        with translation.override(language):
            return number_format(value, force_grouping=True)
    decimal, thousands = NATIVE_SEPARATORS[language]
    text = numberformat.format(value, ".", grouping=3, thousand_sep=",", force_grouping=True)
    return localize_digits(text.translate(str.maketrans(".,", decimal + thousands)), language)


def default_language(available, source: str | None = None) -> str | None:
    """
    Return the language of the version to offer a reader with no known preference
    (hreflang="x-default", a short link without Accept-Language): the source
    language, else English, else the first site language available. None if none is.
    """
    available = set(available)
    for code in (source, settings.LANGUAGE_CODE, *language_codes()):
        if code in available:
            return code
    return None

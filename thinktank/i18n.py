"""Language helpers for public pages: URLs in a given language, native names, digits."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import escape_leading_slashes

NATIVE_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def native_name(language: str) -> str:
    """Return the language's name in its own script: English, العربية, فارسی."""
    return settings.LANGUAGE_NATIVE_NAMES[language]


def is_rtl(language: str) -> bool:
    return language in settings.RTL_LANGUAGES


def url_in(language: str, viewname: str, **kwargs) -> str:
    """Reverse a URL as it is in language (with its /ar/ or /fa/ prefix)."""
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


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

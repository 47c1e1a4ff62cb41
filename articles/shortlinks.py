"""
Short links: /p/<id> is one address for every language version of an article.

It answers with a 302 to the best public version for the reader:

1. the language of a prefixed short link (/ar/p/<id>, /fa/p/<id>: what the reader
   was reading when they took the link), if that version is public;
2. else the first language of the reader's Accept-Language header, in order of
   preference, whose version is public;
3. else the source language's version, else English, else any public version
   (`i18n.default_language`, as for hreflang="x-default").

No public version at all is a 404. The query string (e.g. campaign tags) is kept.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe

from core import i18n

from .models import ArticleTranslation

# /p/<id> plus /ar/p/<id> and /fa/p/<id>; English has no prefix on this site.
PREFIXED_LANGUAGES = [code for code in i18n.language_codes() if code != settings.LANGUAGE_CODE]
PATTERN = r"^(?:(?P<language>{})/)?p/(?P<pk>[0-9]{{1,18}})$".format("|".join(PREFIXED_LANGUAGES))


def short_link(pk: int) -> str:
    """Return the path of an article's short link, shared by all its versions."""
    return reverse("short_link", kwargs={"pk": pk})


def accepted_languages(header: str) -> list[str]:
    """Return the site languages a reader's Accept-Language names, most preferred first."""
    found = []
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            continue
        try:
            language = get_supported_language_variant(code)
        except LookupError:
            continue
        if language not in found:
            found.append(language)
    return found


def best_language(available, *, prefix: str | None, header: str, source: str) -> str | None:
    """Return the language of the version to send the reader to (see the module docstring)."""
    if prefix in available:
        return prefix
    for language in accepted_languages(header):
        if language in available:
            return language
    return i18n.default_language(available, source)


@require_safe
def redirect(request, pk, language=None):
    versions = {
        row.language_code: row
        for row in ArticleTranslation.objects.public().filter(master_id=pk).select_related("master")
    }
    if not versions:
        raise Http404("No public version of this article.")
    source = next(iter(versions.values())).master.source_language
    chosen = best_language(
        versions, prefix=language, header=request.headers.get("Accept-Language", ""), source=source
    )
    url = i18n.url_in(chosen, "articles:resolve", slug=versions[chosen].slug)
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    response = HttpResponseRedirect(url)
    patch_vary_headers(response, ["Accept-Language"])
    return response

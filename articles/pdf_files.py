"""
The PDF edition of a public language version, served by the app at
/policy-analysis/<slug>/pdf from storage (articles.pdf_edition), and made on this request
when the background task has not made it yet, so the link always works. Never for a
version readers cannot see: its address is a 404 then.

Concurrent first requests render it once (articles.pdf_edition's lock): the others wait up
to WAIT_SECONDS for that file, a render taking about a second, rather than get an error;
past that (a long render, or one that died holding the lock) a 503 with Retry-After, so
that waiting requests never hold all the workers for long.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pdfs import CONTENT_TYPE

from .attachment_files import POLICY
from .page_data import public_versions
from .pdf_edition import Edition

WAIT_SECONDS = 5
RETRY_AFTER_SECONDS = 10


@require_safe
def download(request, slug):
    """Serve the PDF of the public version with this slug in the page's language."""
    language = get_language()
    versions = public_versions(slug, language)
    if not versions:
        raise Http404("No article has this address in this language.")
    edition = Edition(versions[language])
    etag = f'"{edition.key}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            stream = default_storage.open(edition.name, "rb")
        except FileNotFoundError:  # the task has not made it yet
            name = edition.make(wait=WAIT_SECONDS)
            if name is None:
                return busy()
            stream = default_storage.open(name, "rb")
        response = FileResponse(stream, content_type=CONTENT_TYPE, filename=edition.filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = POLICY
    response["ETag"] = etag
    # Like a page to a browser (briefly: nobody can purge it); an edge asks again each time,
    # which the ETag answers with a 304, since a new version keeps the address.
    patch_cache_control(response, public=True, max_age=settings.BROWSER_CACHE_SECONDS, s_maxage=0)
    return response


def busy() -> HttpResponse:
    """The PDF is being made by another request or the task: ask to come back soon."""
    response = HttpResponse(
        _("The PDF of this article is being made. Please try again in a few seconds."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response

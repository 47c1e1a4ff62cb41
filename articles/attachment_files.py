"""
The attachments of a public language version, served by the app at
/policy-analysis/<slug>/files/<id>: as PDFs (the type they were checked to be when
uploaded), never sniffed, never able to run anything, and only while the version is public.
"""

from django.http import FileResponse, Http404
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.pdfs import CONTENT_TYPE

from .models import Attachment
from .views import public_versions

#: A PDF opened in the browser's viewer reaches nothing and runs no script of ours.
POLICY = "default-src 'none'; sandbox; object-src 'self'; plugin-types application/pdf"


@require_safe
def download(request, slug, pk):
    """Serve one attachment of the public version with this slug in the page's language."""
    language = get_language()
    versions = public_versions(slug, language)
    if not versions:
        raise Http404("No article has this address in this language.")
    article_id = versions[language].master_id
    attachment = Attachment.objects.filter(
        pk=pk, article_id=article_id, language_code=language
    ).first()
    if attachment is None:
        raise Http404("This piece has no such attachment in this language.")
    try:
        stream = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file of this attachment is missing.") from None
    name = attachment.file.name.rsplit("/", 1)[-1]
    response = FileResponse(stream, content_type=CONTENT_TYPE, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = POLICY
    return response

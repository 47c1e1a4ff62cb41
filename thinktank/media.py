"""
Uploaded files, where this app serves them itself (only with DEBUG: in production the
front server or object storage does, see README "Deploying").

An upload goes out as the image its first bytes say it is, with `nosniff` so that no
browser second-guesses that; anything else is a download, never a page (an HTML or SVG
file put under MEDIA_ROOT by some other path than our forms must not run as our site).
"""

import posixpath

from django.conf import settings
from django.conf.urls.static import static
from django.utils.http import content_disposition_header
from django.views import static as static_views

from core.images import FORMATS, sniff_format

DOWNLOAD = "application/octet-stream"
#: Even a file a browser did render could run nothing and reach nothing.
POLICY = "default-src 'none'; sandbox"


def serve(request, path, document_root=None):
    """Serve a file under MEDIA_ROOT with its real type, never sniffed, never as HTML."""
    response = static_views.serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = POLICY
    stream = getattr(response, "file_to_stream", None)
    if stream is None:
        return response  # 304 Not Modified: no body, no type.
    kind = sniff_format(stream.read(16))
    stream.seek(0)
    # The type guessed from the name (and an encoding from .gz) would trust the name.
    response.headers.pop("Content-Encoding", None)
    name = posixpath.basename(path)
    if kind is None:
        response["Content-Type"] = DOWNLOAD
        response["Content-Disposition"] = content_disposition_header(True, name)
    else:
        response["Content-Type"] = FORMATS[kind][1]
    return response


def media_urlpatterns() -> list:
    """The /media/ route of the development server (empty unless DEBUG, as static() is)."""
    return static(settings.MEDIA_URL, view=serve, document_root=settings.MEDIA_ROOT)

"""
The audio of a public podcast episode, served by the app at /policy-analysis/<slug>/audio:
with the type it was checked to be when uploaded, never sniffed, only while the version
of that slug is public, and a byte range at a time when the player asks for one (browsers
seek in audio so; Safari plays nothing without it). Django's FileResponse sends whole files.
"""

import re

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .views import public_versions

POLICY = "default-src 'none'; sandbox"
# One range is all a player asks for: bytes=START-[END] or bytes=-SUFFIX.
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")


def _range(header: str, size: int) -> tuple[int, int] | None | bool:
    """Return (first, last) of the one range asked for, None for all, False if unsatisfiable."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None  # no range, or one this does not serve: the whole file (RFC 9110 allows)
    first, last = match.groups()
    if first == "":
        length = int(last)
        return (max(0, size - length), size - 1) if length else False
    first, last = int(first), min(int(last) if last else size - 1, size - 1)
    return (first, last) if first <= last else False


class _Window:
    """A file read from `first`, at most `length` bytes: the body of a 206."""

    def __init__(self, stream, first: int, length: int):
        stream.seek(first)
        self.stream, self.left = stream, length

    def read(self, size=-1):
        size = self.left if size is None or size < 0 else min(size, self.left)
        chunk = self.stream.read(size)
        self.left -= len(chunk)
        return chunk

    def close(self):
        self.stream.close()


@require_safe
def download(request, slug):
    """Serve the audio of the episode whose public version in the page language has slug."""
    versions = public_versions(slug, get_language())
    if not versions:
        raise Http404("No article has this address in this language.")
    episode = getattr(versions[get_language()].master, "episode", None)
    if episode is None:
        raise Http404("This piece is not a podcast episode.")
    try:
        stream = episode.audio.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The audio file of this episode is missing.") from None
    size = episode.audio.size
    name = episode.audio.name.rsplit("/", 1)[-1]
    asked = _range(request.headers.get("Range", ""), size)
    if asked is False:
        stream.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif asked is None:
        response = FileResponse(stream, content_type=episode.mime_type, filename=name)
    else:
        first, last = asked
        window = _Window(stream, first, last - first + 1)
        response = FileResponse(window, content_type=episode.mime_type, status=206)
        response["Content-Length"] = str(last - first + 1)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = POLICY
    return response

"""Image files for upload tests: whole ones, and ones that only look like images at first."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def image_bytes(fmt="JPEG", size=(900, 500)) -> bytes:
    """A whole image with real compressed data (noise), so that cutting it loses pixels."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, fmt)
    return buffer.getvalue()


def _garbage_after(data: bytes, marker: bytes, keep: int) -> bytes:
    """Keep the header up to marker (plus keep bytes); the rest, same length, random."""
    cut = data.index(marker) + keep
    return data[:cut] + random.Random(12).randbytes(len(data) - cut)


def _gif_html_polyglot() -> bytes:
    """A valid GIF whose comment is an HTML page: what a sniffing browser might run."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(
        buffer, "GIF", comment=b"<html><body><script>alert(document.cookie)</script></body></html>"
    )
    return buffer.getvalue()


def _incomplete(kind: str) -> str:
    return (
        f"This {kind} image is incomplete or damaged: it could not be read to the end. "
        "Upload the whole file again."
    )


def broken_uploads() -> dict:
    """Return {case: (file name, content, the message the editor gets)}."""
    jpeg, png, webp = image_bytes("JPEG"), image_bytes("PNG"), image_bytes("WEBP")
    return {
        "truncated JPEG": ("hero.jpg", jpeg[: len(jpeg) // 3], _incomplete("JPEG")),
        "truncated PNG": ("hero.png", png[: len(png) // 3], _incomplete("PNG")),
        "WebP cut short": ("hero.webp", webp[: len(webp) * 2 // 3], _incomplete("WebP")),
        # Headers intact up to the start of the image data; then random bytes.
        "JPEG header, garbage body": (
            "hero.jpg",
            _garbage_after(jpeg, b"\xff\xda", 14),
            _incomplete("JPEG"),
        ),
        "PNG header, garbage body": (
            "hero.png",
            _garbage_after(png, b"IDAT", 4),
            _incomplete("PNG"),
        ),
        "zero bytes": ("hero.jpg", b"", "The submitted file is empty."),
        "GIF/HTML polyglot named .jpg": (
            "hero.jpg",
            _gif_html_polyglot(),
            "Upload a JPEG, PNG or WebP image; this file is GIF.",
        ),
    }


BROKEN = broken_uploads()


def upload(name: str, content: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(storage, folder: str) -> set:
    """Return the names of the files in a storage folder (none if it does not exist yet)."""
    if not storage.exists(folder):
        return set()
    return set(storage.listdir(folder)[1])

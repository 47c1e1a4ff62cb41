"""
Uploaded images: what we accept, and the responsive renditions we serve.

Only real JPEG, PNG and WebP files up to 10 MB and 40 megapixels are accepted. The pixel
count is read from the header before anything is decoded, so a decompression bomb is
refused, never processed. Renditions (several widths, WebP) are made once per stored
image, under a name derived from it, and remembered in the cache.
"""

import hashlib
import io
import posixpath
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
WIDTHS = (160, 320, 480, 800, 1200, 1600)
WEBP_QUALITY = 80
CACHE_PREFIX = "rendition:v1:"


def validate_image(file) -> str:
    """Check an uploaded file; return its format ("JPEG", "PNG" or "WEBP") or raise."""
    if file.size > MAX_BYTES:
        raise forms.ValidationError(
            _("The image is %(size)s MB; the limit is 10 MB."),
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}"},
        )
    file.seek(0)
    try:
        # Decoding is lazy: open() reads the header only; the bomb check comes first.
        with Image.open(file) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise forms.ValidationError(
                    _(
                        "The image is %(width)s×%(height)s pixels; the limit is 40 megapixels. "
                        "Upload a smaller version."
                    ),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            kind = image.format
            if kind not in FORMATS:
                raise forms.ValidationError(
                    _("Upload a JPEG, PNG or WebP image; this file is %(format)s."),
                    code="format",
                    params={"format": kind},
                )
            image.verify()
    except forms.ValidationError:
        raise
    except Image.DecompressionBombError:
        raise forms.ValidationError(
            _(
                "The image has far more than 40 megapixels (it looks like a decompression "
                "bomb), so it was not processed."
            ),
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(
            _("This file is not a JPEG, PNG or WebP image, or it is damaged."), code="invalid"
        ) from None
    finally:
        file.seek(0)
    return kind


class SafeImageField(forms.ImageField):
    """An image upload that only takes real JPEG, PNG or WebP within our size limits."""

    default_validators = []

    def to_python(self, data):
        if data in self.empty_values:
            return None
        kind = validate_image(data)
        # Name the file after what it is, whatever the uploader called it.
        stem = posixpath.splitext(posixpath.basename(data.name))[0] or "image"
        extension, data.content_type = FORMATS[kind]
        data.name = f"{stem}.{extension}"
        return data


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    url: str


def _rendition_name(name: str, width: int) -> str:
    digest = hashlib.sha1(name.encode()).hexdigest()[:12]
    stem = posixpath.splitext(posixpath.basename(name))[0]
    return f"renditions/{digest}/{stem}-{width}.webp"


def make_renditions(name: str, storage=default_storage) -> dict:
    """Write the WebP renditions of a stored image (once); return what the tag needs."""
    with storage.open(name, "rb") as source, Image.open(source) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError(f"{name} is too large to render")
        image = ImageOps.exif_transpose(image)
        original = (image.width, image.height)
        widths = [w for w in WIDTHS if w < image.width] or [image.width]
        made = []
        for width in widths:
            target = _rendition_name(name, width)
            height = round(image.height * width / image.width)
            if not storage.exists(target):
                copy = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
                copy = copy.resize((width, height), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                copy.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
                storage.save(target, ContentFile(buffer.getvalue()))
            made.append((width, height, storage.url(target)))
    return {"original": original, "renditions": made}


def renditions(name: str) -> dict | None:
    """Return {"original": (w, h), "renditions": [(w, h, url)]} for a stored image, or None."""
    if not name:
        return None
    key = CACHE_PREFIX + hashlib.sha1(name.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        try:
            found = make_renditions(name)
        except (OSError, ValueError, Image.DecompressionBombError):
            # Missing or unreadable: a plain <img> for now; look again in a few minutes.
            cache.set(key, {"original": None, "renditions": []}, 300)
            return None
        cache.set(key, found, None)
    return found


def srcset(info: dict) -> str:
    return ", ".join(f"{url} {width}w" for width, _height, url in info["renditions"])

"""
Uploaded images: what we accept, and the responsive renditions we serve.

Only whole, still JPEG, PNG and WebP files up to 10 MB and 40 megapixels are accepted.
The pixel count is read from the header before anything is decoded, so a decompression
bomb is refused, never processed; then every pixel is decoded, so a file cut short or
broken inside is refused too, not stored for its renditions to fail later. The model
field checks files saved without a form the same way. Renditions (several widths, WebP)
are made once per stored image, under a name derived from it, and remembered in the cache.
"""

import hashlib
import io
import posixpath
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

from core.tasks import background, enqueue

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
WIDTHS = (160, 320, 480, 800, 1200, 1600)
WEBP_QUALITY = 80
CACHE_PREFIX = "rendition:v1:"
#: Set on a file once validate_image accepted it, so the model does not decode it again.
CHECKED = "_thinktank_image_format"


def sniff_format(head: bytes) -> str | None:
    """Return "JPEG", "PNG" or "WEBP" if the first bytes of a file are that format's."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _damaged(kind: str | None) -> forms.ValidationError:
    if kind is None:
        return forms.ValidationError(
            _("This file is not a JPEG, PNG or WebP image, or it is damaged."), code="invalid"
        )
    return forms.ValidationError(
        _(
            "This %(format)s image is incomplete or damaged: it could not be read to the end. "
            "Upload the whole file again."
        ),
        code="incomplete",
        params={"format": FORMAT_NAMES[kind]},
    )


def _check_header(image) -> str:
    """Refuse from the header alone: too many pixels, another format, an animation."""
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
    if getattr(image, "n_frames", 1) > 1:
        # Only the first frame would be shown, and decoding them all is unbounded work.
        raise forms.ValidationError(
            _("This %(format)s image is animated; upload a still image."),
            code="animated",
            params={"format": FORMAT_NAMES[kind]},
        )
    return kind


def validate_image(file) -> str:
    """
    Check an uploaded file; return its format ("JPEG", "PNG" or "WEBP") or raise.

    The header is checked first (the pixel limit before any decoding), then the file is
    decoded to its last pixel: a file that is not whole is refused.
    """
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Pillow would then fill a cut-short image with grey and report no error.
        raise ImproperlyConfigured("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False.")
    if not file.size:
        raise forms.ValidationError(forms.FileField.default_error_messages["empty"], code="empty")
    if file.size > MAX_BYTES:
        raise forms.ValidationError(
            _("The image is %(size)s MB; the limit is 10 MB."),
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}"},
        )
    file.seek(0)
    kind = sniff_format(file.read(16))
    try:
        file.seek(0)
        # open() reads the header only, so the pixel limit is checked before decoding.
        with Image.open(file) as image:
            kind = _check_header(image)
            image.verify()  # PNG: every chunk and its checksum.
        file.seek(0)
        with Image.open(file) as image:  # verify() leaves the image unusable: reopen.
            _check_header(image)
            image.load()  # Every pixel: raises if the data is cut short or broken.
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
    except Exception:  # Whatever the decoder raises, the file is not whole.
        # Named by its first bytes when Pillow could not even read the header.
        raise _damaged(kind) from None
    finally:
        file.seek(0)
    return kind


def image_name(name: str, kind: str) -> str:
    """Return the file name an image of format kind is stored under: its own extension."""
    stem = posixpath.splitext(posixpath.basename(name or ""))[0] or "image"
    return f"{stem}.{FORMATS[kind][0]}"


def _checked(content) -> str:
    """Validate content unless that was done already; name its type (S3 stores it)."""
    kind = getattr(content, CHECKED, None) or validate_image(content)
    setattr(content, CHECKED, kind)
    content.content_type = FORMATS[kind][1]
    return kind


class SafeImageField(forms.ImageField):
    """An image upload that only takes whole JPEG, PNG or WebP within our size limits."""

    default_validators = []

    def to_python(self, data):
        if data in self.empty_values:
            return None
        kind = _checked(data)
        # Name the file after what it is, whatever the uploader called it.
        data.name = image_name(data.name, kind)
        return data


class WholeImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every way of storing a new file ends here (a form, or code assigning a File).
        kind = _checked(content)
        super().save(image_name(name, kind), content, save)


class WholeImageField(models.ImageField):
    """An image model field whose new files must pass validate_image, with or without a form."""

    attr_class = WholeImageFieldFile

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not value._committed:
            _checked(value.file)  # full_clean() reports it against the field.

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageField, **kwargs})


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
                rendition = ContentFile(buffer.getvalue())
                rendition.content_type = "image/webp"  # What S3 serves it as.
                storage.save(target, rendition)
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


@background()
def renditions_make(*, name: str) -> bool:
    """The task: make the renditions of a stored image; return whether it could."""
    return renditions(name) is not None


def renditions_soon(name: str) -> None:
    """
    Have the renditions of a newly stored image made by a worker once the save commits,
    rather than by the first reader's request (which still would, were the task late).
    """
    transaction.on_commit(lambda: enqueue(renditions_make, name=name), robust=True)


def srcset(info: dict) -> str:
    return ", ".join(f"{url} {width}w" for width, _height, url in info["renditions"])

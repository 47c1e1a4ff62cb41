"""
The files of a bundle going into storage: images and PDF attachments, each checked as an
upload of its kind is (core.images, core.pdfs), and reused when the same file is already
stored under the same name (a re-import, or media kept).
"""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from core.images import validate_image
from core.pdfs import validate_pdf

from .reader import bundle_file


class Refused(Exception):
    """A record that cannot be imported; the message says why, for the report."""


def stored_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _same_stored(ref) -> str | None:
    """The storage name of ref's file if that very file is stored there already."""
    name = ref["path"].removeprefix("files/")
    if default_storage.exists(name) and stored_sha256(name) == ref["sha256"]:
        return name
    return None


def stage_image(root: Path, ref, field_file) -> bool:
    """Put the bundle's image into field_file if it differs; return True if it changed."""
    path, error = bundle_file(root, ref)
    if error:
        raise Refused(error)
    if path is None:
        changed = bool(field_file)
        field_file.name = ""
        return changed
    stored = _same_stored(ref)
    if stored is not None:
        changed = field_file.name != stored
        field_file.name = stored
        return changed
    with open(path, "rb") as handle:
        upload = File(handle, name=Path(ref["path"]).name)
        try:
            validate_image(upload)
        except ValidationError as error:
            raise Refused(" ".join(error.messages)) from None
        upload.seek(0)
        field_file.name = default_storage.save(ref["path"].removeprefix("files/"), upload)
    return True


def stage_pdf(root: Path, ref) -> tuple[str, int, int]:
    """Store the bundle's PDF (checked as an upload is); return (name, size, pages)."""
    path, error = bundle_file(root, ref)
    if error or path is None:
        raise Refused(error or "an attachment has no file")
    with open(path, "rb") as handle:
        upload = File(handle, name=Path(ref["path"]).name)
        try:
            pages = validate_pdf(upload)
        except ValidationError as error:
            raise Refused(" ".join(error.messages)) from None
        name = _same_stored(ref)
        if name is None:
            upload.seek(0)
            name = default_storage.save(ref["path"].removeprefix("files/"), upload)
        return name, upload.size, pages

"""
Podcast audio: an upload is kept only when mutagen reads it as MP3 or as AAC audio in an
MP4 container (M4A) with a length, within the size limit. What it reads (the duration,
the type) is what readers, the podcast feed and the JSON-LD are told.
"""

import logging
from dataclasses import dataclass

import mutagen
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

from core.uploads import check_size

logger = logging.getLogger(__name__)

MP3_TYPE = "audio/mpeg"
M4A_TYPE = "audio/mp4"
TYPES = {MP3_TYPE: "mp3", M4A_TYPE: "m4a"}
ACCEPT = "audio/mpeg,audio/mp4,audio/x-m4a,.mp3,.m4a"


@dataclass(frozen=True)
class Audio:
    """What was read from an accepted file."""

    duration_seconds: int
    mime_type: str

    @property
    def extension(self) -> str:
        return TYPES[self.mime_type]


class _Nameless:
    """A file as mutagen reads it, without the name the uploader gave it."""

    def __init__(self, file):
        self.file = file

    def read(self, size=-1):
        return self.file.read(size)

    def seek(self, *args):
        return self.file.seek(*args)

    def tell(self):
        return self.file.tell()


def validate_audio(file) -> Audio:
    """Check an uploaded file; return what it is, or raise a ValidationError saying why not."""
    check_size(file, settings.PODCAST_AUDIO_MAX_MB)
    file.seek(0)
    try:
        # easy=False: the file's own type (MP3, MP4, Ogg...), not a tag-only view of it.
        # Nameless: mutagen would take an upload's name (".mp3") as a hint of what it is.
        audio = mutagen.File(_Nameless(file), easy=False)
    except Exception:  # mutagen raises many kinds of errors on a broken file
        logger.info("An upload was refused: mutagen could not read it", exc_info=True)
        raise forms.ValidationError(
            _("This audio file is damaged or incomplete: it could not be read. Upload it again."),
            code="damaged",
        ) from None
    finally:
        file.seek(0)
    if audio is None or audio.info is None:
        raise forms.ValidationError(_("This file is not audio."), code="not_audio")
    if isinstance(audio, MP3):
        mime_type = MP3_TYPE
    elif isinstance(audio, MP4) and getattr(audio.info, "codec", "").startswith("mp4a"):
        mime_type = M4A_TYPE
    else:
        raise forms.ValidationError(
            _("This audio is not MP3 or M4A (AAC): convert it to one of them."), code="format"
        )
    length = getattr(audio.info, "length", 0) or 0
    if length <= 0:
        raise forms.ValidationError(
            _("This audio file has no sound in it: its length is zero."), code="empty"
        )
    return Audio(duration_seconds=max(1, round(length)), mime_type=mime_type)


def iso_duration(seconds: int) -> str:
    """Return a duration as ISO 8601: PT12M3S, PT1H0M5S."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S" if hours else f"PT{minutes}M{seconds}S"


def clock(seconds: int) -> str:
    """Return a duration as a clock reads it: 12:03, 1:00:05 (ASCII digits)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

"""
PDF attachments (reports, testimony): an upload is kept only when pypdf reads it as a
whole, unencrypted PDF with at least one page, within the size limit. What it reads (the
page count) is shown to readers beside the link.
"""

import logging

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader

from core.uploads import check_size

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
MAGIC = b"%PDF-"


def validate_pdf(file) -> int:
    """Check an uploaded file; return its number of pages or raise a ValidationError."""
    check_size(file, settings.ATTACHMENT_MAX_MB)
    file.seek(0)
    # A PDF may have a little junk before its header, as readers tolerate; no more.
    if MAGIC not in file.read(1024):
        raise forms.ValidationError(_("This file is not a PDF."), code="format")
    file.seek(0)
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            raise forms.ValidationError(
                _("This PDF is encrypted: readers could not open it. Upload it unprotected."),
                code="encrypted",
            )
        pages = len(reader.pages)
    except forms.ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of errors on a broken file
        logger.info("An upload was refused: pypdf could not read it", exc_info=True)
        raise forms.ValidationError(
            _("This PDF is damaged or incomplete: it could not be read. Upload it again."),
            code="damaged",
        ) from None
    finally:
        file.seek(0)
    if pages < 1:
        raise forms.ValidationError(_("This PDF has no pages."), code="empty")
    return pages

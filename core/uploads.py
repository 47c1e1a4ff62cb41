"""What every kind of upload is checked for first: that it has content, within its limit."""

from django import forms
from django.utils.translation import gettext as _


def check_size(file, limit_mb: int) -> None:
    """Raise a ValidationError for an empty file or one over limit_mb megabytes."""
    if not file or not file.size:
        raise forms.ValidationError(forms.FileField.default_error_messages["empty"], code="empty")
    if file.size > limit_mb * 1024 * 1024:
        raise forms.ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}", "limit": limit_mb},
        )

"""
Two people editing one expert or term at once: the second save is refused instead of
silently overwriting the first (articles go further and merge field by field,
articles.merge). The form carries a fingerprint of the fields it shows (shared ones, and
its language's text) as saved then; if they differ when the form comes back, the form
says so, keeps everything that was typed, and carries the new fingerprint, so that saving
again is a deliberate choice made after looking.
"""

import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EDIT_VERSION = "edit_version"


def fingerprint(obj, language: str, names) -> str:
    """A digest of the fields names of obj (shared, and its text in language), as saved now."""
    model = type(obj)
    shared = [f.attname for f in model._meta.concrete_fields if f.name in names] or ["pk"]
    row = model._base_manager.filter(pk=obj.pk).values(*shared).first()
    translations = obj._parler_meta.root_model
    text = [f.attname for f in translations._meta.concrete_fields if f.name in names] or ["pk"]
    saved = (
        translations.objects.filter(master_id=obj.pk, language_code=language).values(*text).first()
    )
    payload = json.dumps([row, saved], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class EditVersionFormMixin:
    """For TranslatableModelForms of experts and terms: refuse a save over someone else's."""

    # Declared the way a form's metaclass collects fields from its bases, so that the admin
    # may list the field in its fieldsets.
    declared_fields = {EDIT_VERSION: forms.CharField(widget=forms.HiddenInput, required=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and EDIT_VERSION in self.fields:
            self.fields[EDIT_VERSION].initial = self._fingerprint()

    def _fingerprint(self) -> str:
        # Only what this form shows: an edit of another language, or of bookkeeping such as
        # the source version, is no conflict.
        return fingerprint(self.instance, self.language_code, set(self.fields))

    def clean(self):
        cleaned = super().clean()
        posted = self.data.get(self.add_prefix(EDIT_VERSION))
        if not (self.instance.pk and posted):
            return cleaned
        current = self._fingerprint()
        if posted != current:
            # The next save of this form overwrites: it has been seen.
            self.data = self.data.copy()
            self.data[self.add_prefix(EDIT_VERSION)] = current
            raise ValidationError(
                _(
                    "Someone else saved this page since you opened it, and your changes are "
                    "not saved yet. They are still in the form: open the page in another tab "
                    "to see what was saved, then save again to replace it with yours."
                ),
                code="stale",
            )
        return cleaned

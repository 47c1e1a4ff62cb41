"""
The article change form of the admin: fields locked by role, edits to locked fields
refused, rich text sanitized, alt text required, and saves refused when someone else
changed the article since the form was opened.
"""

import copy

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from parler.forms import TranslatableModelForm

from core.forms import RichTextField
from core.i18n import direction_of
from translations.sources import MINOR_EDIT, UP_TO_DATE

from . import policy
from .models import Article, ArticleRevision
from .revisions import compare, fingerprint, latest, snapshot

TRANSLATED_FIELDS = {"title", "slug", "summary", "body", "author_note", "hero_alt", "hero_credit"}
#: The version tokens of conflict protection: hidden, but rendered with the form.
HIDDEN_FIELDS = ["base_revision", "version"]
TEXT_INPUTS = {"title", "summary", "author_note", "hero_alt", "hero_credit"}


def posted(form, name) -> bool:
    """Return True if the request carried a value for field name (browsers omit disabled ones)."""
    key = form.add_prefix(name)
    return key in form.files or any(k == key or k.startswith(f"{key}_") for k in form.data)


class ArticleAdminForm(TranslatableModelForm):
    """Built per request by ArticleAdmin.get_form, which sets `request` on the class."""

    request = None
    #: False for a form that writes one language's text only (the side-by-side view): then
    #: only that language's changes by others count as a conflict.
    writes_shared = True
    body = RichTextField(label=capfirst(_("body")), required=False)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The state changes only through articles.services, never through a form field.
        exclude = ["state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("state", None)  # Also when a subclass lists it.
        user = self.request.user
        article = self.instance if self.instance.pk else None
        self.shared_editable = self.writes_shared and policy.can_edit_shared(user, article)
        self.text_editable = policy.can_edit_translation(user, article, self.language_code)
        self.conflict = None
        self.requested_publish_at = None
        direction = direction_of(self.language_code)
        self.locked = set()
        for name, field in self.fields.items():
            if name in HIDDEN_FIELDS:
                continue
            if name in TRANSLATED_FIELDS or name in (MINOR_EDIT, UP_TO_DATE):
                editable = self.text_editable
            elif name in policy.EDITOR_ONLY_FIELDS:
                editable = policy.is_editor(user)
            else:
                editable = self.shared_editable
            if not editable:
                field.disabled = True
                self.locked.add(name)
            if name in TEXT_INPUTS or name == "body":
                field.widget.attrs.update(dir=direction, lang=self.language_code)
        if article is not None and not self.is_bound:
            base = latest(article)
            self.fields["base_revision"].initial = base.pk if base else None
            self.fields["version"].initial = self._fingerprint(snapshot(article))

    def _fingerprint(self, data):
        return fingerprint(data, language=self.language_code, shared=self.shared_editable)

    def clean(self):
        cleaned = super().clean()
        self._refuse_locked_changes()
        missing_alt = not (cleaned.get("hero_alt") or "").strip()
        if cleaned.get("hero_image") and "hero_alt" not in self.locked and missing_alt:
            self.add_error(
                "hero_alt", _("Describe the hero image for readers who cannot see it (alt text).")
            )
        if "published_at" in cleaned and "published_at" not in self.locked:
            # The publication time goes through article_schedule, after the save.
            self.requested_publish_at = cleaned.pop("published_at")
        if self.instance.pk and not self.errors:
            self._check_conflict()
        return cleaned

    def _refuse_locked_changes(self):
        """Refuse a request that tries to change a field the user may not change."""
        refused = []
        for name in sorted(self.locked):
            if not posted(self, name):
                continue
            field = copy.copy(self.fields[name])
            field.disabled = False
            data = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if field.has_changed(self.get_initial_for_field(field, name), data):
                refused.append(str(field.label or name))
        if refused:
            raise forms.ValidationError(
                ngettext(
                    "You may not change this field: %(fields)s.",
                    "You may not change these fields: %(fields)s.",
                    len(refused),
                )
                % {"fields": ", ".join(refused)},
                code="locked",
            )

    def _check_conflict(self):
        """Refuse to overwrite changes saved by someone else since this form was opened."""
        token = self.cleaned_data.get("version")
        if not token:
            return
        # Lock the row: a concurrent save waits here, then sees this one's changes.
        Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        current = snapshot(self.instance)
        if token == self._fingerprint(current):
            return
        base = ArticleRevision.objects.filter(
            article=self.instance, pk=self.cleaned_data.get("base_revision") or 0
        ).first()
        changes = (
            compare(
                base.snapshot, current, language=self.language_code, shared=self.shared_editable
            )
            if base
            else []
        )
        since = self.instance.revisions.select_related("user")
        if base:
            since = since.filter(created_at__gte=base.created_at).exclude(pk=base.pk)
        people = sorted({str(r.user) for r in since if r.user} - {str(self.request.user)})
        self.conflict = {"changes": changes, "people": people, "revisions": list(since[:10])}
        # Show the newest version token, so that saving again (after reading the
        # differences) is a deliberate choice to keep this form's values.
        data = self.data.copy()
        newest = latest(self.instance)
        data[self.add_prefix("version")] = self._fingerprint(current)
        data[self.add_prefix("base_revision")] = newest.pk if newest else ""
        self.data = data
        raise forms.ValidationError(
            _(
                "Someone else changed this article after you opened it, so your changes were "
                "not saved. Their changes are listed below; your text is still in the form. "
                "Save again to keep your version."
            ),
            code="conflict",
        )

"""
The article change form of the admin: fields locked by role, edits to locked fields
refused, rich text sanitized, alt text required, and a save over changes someone else made
since the form was opened merged with theirs, field by field (articles.merge).
"""

import copy
from functools import partial

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from parler.forms import TranslatableModelForm

from core.forms import RichTextField
from core.i18n import direction_of
from translations.sources import MINOR_EDIT, UP_TO_DATE

from . import policy
from .diffs import display, rows
from .merge import (
    BASE_REVISION,
    CHOICE_PREFIX,
    PENDING,
    THEIRS,
    VERSION,
    as_initial,
    as_saved,
    merge_for,
    put_initial,
    rebase,
)
from .models import Article
from .revisions import (
    LABELS,
    PLACE_FIELDS,
    RELATION_FIELDS,
    SHARED_FIELDS,
    TRANSLATION_FIELDS,
    compare,
    fingerprint,
    revision_ensure_baseline,
    snapshot,
)

TRANSLATED_FIELDS = {"title", "slug", "summary", "body", "author_note", "hero_alt", "hero_credit"}
#: The version tokens of conflict protection: hidden, but rendered with the form.
HIDDEN_FIELDS = [BASE_REVISION, VERSION, PENDING]
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
    #: The fields whose conflict the editor was asked to resolve, comma-separated.
    conflicting = forms.CharField(widget=forms.HiddenInput, required=False)

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
        self.conflict = self.merge = None
        self.status_code = 200
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
                if name in policy.EDITOR_ONLY_FIELDS and self.shared_editable:
                    # Say why a field the author can see is locked, and who sets it.
                    field.help_text = _("Set by an editor.")
            if name in TEXT_INPUTS or name == "body":
                field.widget.attrs.update(dir=direction, lang=self.language_code)
        if article is not None and not self.is_bound:
            # The revision a save merges against later: the state the form shows now.
            base = revision_ensure_baseline(article=article)
            self.fields["base_revision"].initial = base.pk
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
        if self.instance.pk and not self.errors:
            self._merge_with_others()
        if "published_at" in cleaned and "published_at" not in self.locked:
            # The publication time goes through article_schedule, after the save.
            self.requested_publish_at = cleaned.pop("published_at")
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

    def _merge_with_others(self):
        """Keep what others saved since this form was opened; ask where both changed a field."""
        merge = merge_for(
            self.request,
            article=self.instance,
            language=self.language_code,
            shared=self.shared_editable,
        )
        if merge is None:
            self.status_code = 400
            raise forms.ValidationError(
                _(
                    "This save did not come from the article's form: it carries no version "
                    "token, so it could overwrite changes made by others. Nothing was saved. "
                    "Open the article and save it from there."
                ),
                code="no_version",
            )
        self.merge = merge
        for name in self._merged_fields():
            field = self.fields[name]
            data = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            mine = as_saved(field, self.cleaned_data.get(name))
            if merge.decide(name, partial(_differs, field, data), mine) == THEIRS:
                self.cleaned_data.pop(name, None)  # Not written: the saved value stays.
        if merge.asked:
            # Show the form as if opened now: their values where only they changed something,
            # this form's elsewhere, and a choice where both did.
            data = rebase(merge, self.data)
            for name in merge.kept:
                if name in self.fields:
                    put_initial(self, data, name)
            self.data = data
            self.conflict = conflict_summary(merge, self.request.user)
            raise forms.ValidationError(
                _(
                    "Someone else changed this article after you opened it, and changed some "
                    "of the fields you changed. Nothing was saved yet: for each field below, "
                    "choose whether to keep their version or yours, then save again."
                ),
                code="conflict",
            )

    def _merged_fields(self):
        """Return the fields this form writes that a snapshot holds (not the tokens)."""
        kinds = {*SHARED_FIELDS, *RELATION_FIELDS, *TRANSLATION_FIELDS, *PLACE_FIELDS}
        return [name for name in self.fields if name in kinds and name not in self.locked]

    @property
    def changed_data(self):
        # A field whose saved value was kept did not change, whatever this form posted (so
        # no redirect, source version or schedule follows from it).
        kept = self.merge.kept if self.merge else ()
        return [name for name in super().changed_data if name not in kept]


def _differs(field, data, saved) -> bool:
    """Return True if field's posted data differs from a value of a snapshot."""
    return field.has_changed(as_initial(field, saved), data)


def conflict_summary(merge, user) -> dict:
    """Return what the conflict panel shows: who saved, what they changed, what to choose."""
    base = merge.base_revision
    since = merge.article.revisions.select_related("user")
    if base:
        since = since.filter(created_at__gte=base.created_at).exclude(pk=base.pk)
    changes = (
        compare(merge.base, merge.current, language=merge.language, shared=merge.shared)
        if merge.base
        else []
    )
    return {
        "people": sorted({str(r.user) for r in since if r.user} - {str(user)}),
        "rows": rows(changes),
        "language": merge.language,
        "dir": direction_of(merge.language),
        "choices": [
            {
                "name": f"{CHOICE_PREFIX}{name}",
                "field": LABELS.get(name, name),
                "shared": name not in TRANSLATION_FIELDS and name not in PLACE_FIELDS,
                "theirs": display(name, merge.saved(merge.current, name)),
                "mine": display(name, mine),
            }
            for name, mine in merge.asked.items()
        ],
    }

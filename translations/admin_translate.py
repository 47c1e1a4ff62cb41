"""
The admin of translated content (articles, experts, topics, regions, content types):

- SourceTrackingAdminMixin: the change form offers "minor edit" in the source language and
  "up to date" in an outdated translation, shows what changed in the source, and records
  what a save means for the other languages (translations.sources).
- SideBySideAdminMixin: the translator's view, <object>/translate/<language>/: the source
  text read-only beside the editable fields of one language, field by field.
"""

from urllib.parse import parse_qsl, urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from parler.utils.template import select_template_name

from core import i18n
from core.forms import nonced_media
from core.html import render_rich_text
from core.i18n import direction_of, language_name
from translations import policy
from translations.models import MadeFromText
from translations.sources import (
    LABELS,
    MINOR_EDIT,
    RICH_TEXT_FIELDS,
    UP_TO_DATE,
    source_changes,
    source_text,
    tracking_field,
    translation_text_saved,
)

#: Translated fields that are addresses, written left to right in every language.
ASCII_FIELDS = {"slug"}


class SourceTrackingAdminMixin:
    """For the admins of SourceVersioned models (see the module docstring)."""

    def _tracking_field(self, request, obj):
        return tracking_field(obj, self.get_form_language(request, obj))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        field = self._tracking_field(request, obj)
        # A checkbox about saving means nothing in a change form its reader may not save.
        if field and (obj is None or self.has_change_permission(request, obj)):
            # Into the first fieldset with source text, right after that text.
            sources = set(self.model.source_fields)
            at = next(
                (n for n, (_name, opts) in enumerate(fieldsets) if sources & set(opts["fields"])),
                0,
            )
            name, options = fieldsets[at]
            fieldsets[at] = (name, {**options, "fields": [*options["fields"], field]})
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        field = self._tracking_field(request, obj)
        if field:
            base = kwargs.get("form", self.form)
            checkbox = forms.BooleanField(label=LABELS[field], required=False)
            kwargs["form"] = type(base.__name__, (base,), {field: checkbox})
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        language = form.language_code
        # The form put its text into a translation object; no primary key means a new one.
        created = obj._get_translated_model(language, auto_create=True).pk is None
        # Models without revisions keep the source text a translation was made from.
        keeps_text = issubclass(obj._parler_meta.root_model, MadeFromText)
        is_source = change and language == obj.get_source_language()
        previous = source_text(obj) if is_source and keeps_text else None
        super().save_model(request, obj, form, change)
        translation_text_saved(
            obj=obj,
            language=language,
            changed_fields=form.changed_data,
            created=created,
            minor=form.cleaned_data.get(MINOR_EDIT, False),
            up_to_date=form.cleaned_data.get(UP_TO_DATE, False),
            previous_text=previous,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            language = self.get_form_language(request, obj)
            context.update(self.translation_context(request, obj, language))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translation_context(self, request, obj, language) -> dict:
        """Return what the change form and the side-by-side view show about the source."""
        source = obj.get_source_language()
        opts = self.model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}_translate"
        return {
            "source_language": source,
            "source_language_name": language_name(source),
            "source_dir": direction_of(source),
            "source_changes": source_changes(obj, language),
            "translate_url": None if language == source else reverse(name, args=[obj.pk, language]),
        }

    @cached_property
    def default_change_form_template(self):
        opts = self.model._meta
        return select_template_name(
            (
                f"admin/{opts.app_label}/{opts.model_name}/change_form.html",
                "admin/translations/change_form.html",
            )
        )


class SideBySideAdminMixin(SourceTrackingAdminMixin):
    translate_template = "admin/translations/translate.html"
    #: The translated fields a translator edits, each shown beside its source.
    translate_fields: list[str] = []

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name="{}_{}_translate".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_translate_fields(self, request, obj) -> list[str]:
        return list(self.translate_fields)

    def get_translate_form(self, request, obj, names):
        # change=False: Django would drop every field for a user without the model's change
        # permission, as translators of experts and terms are; may_translate decides here.
        return self.get_form(request, obj, change=False, fields=names)

    def may_translate(self, request, obj, language) -> bool:
        """Return True if the user may change obj's text in language."""
        return policy.can_translate(request.user, self.model, language)

    def _patch_redirect(self, request, obj, redirect):
        # Django's "Save and continue" keeps the form's ?language=xx already, and parler
        # appends it again (?language=en&language=en): keep each parameter once.
        redirect = super()._patch_redirect(request, obj, redirect)
        location = redirect.get("Location")
        if location and "?" in location:
            path, _sep, query = location.partition("?")
            pairs = list(dict.fromkeys(parse_qsl(query, keep_blank_values=True)))
            redirect["Location"] = f"{path}?{urlencode(pairs)}"
        return redirect

    def translate_buttons(self, request, obj, language) -> list[tuple[str, str, str]]:
        """Return the submit buttons as (name, value, label)."""
        return [("_save", "1", _("Save"))]

    def translate_context(self, request, obj, language, form) -> dict:
        """Return more context for the template (the article's workflow, for instance)."""
        return {}

    def translate_saved(self, request, obj, language):
        """Return the response after a successful save."""
        messages.success(
            request,
            _("The %(language)s translation was saved.") % {"language": language_name(language)},
        )
        return HttpResponseRedirect(request.path)

    def translate_view(self, request, object_id, language):
        if not i18n.is_site_language(language):
            raise Http404(_("There is no such language."))
        with transaction.atomic(using=router.db_for_write(self.model)):
            return self._translate_view(request, object_id, language)

    def _translate_view(self, request, object_id, language):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        opts = self.model._meta
        if language == obj.get_source_language():
            messages.info(request, _("That is the source language: edit it in the change form."))
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            return HttpResponseRedirect(f"{url}?language={language}")
        obj.set_current_language(language)
        editable = self.may_translate(request, obj, language)
        if not editable and not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        names = self.get_translate_fields(request, obj)
        form_class = self.get_translate_form(request, obj, names)
        if request.method == "POST" and not editable:
            raise PermissionDenied
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj)
        else:
            form = form_class(instance=obj)
        self._prepare_fields(form, names, language, editable)
        if form.is_bound and form.is_valid():
            obj = self.save_form(request, form, change=True)
            self.save_model(request, obj, form, change=True)
            self.save_related(request, form, formsets=[], change=True)
            self.log_change(request, obj, self.construct_change_message(request, form, None))
            return self.translate_saved(request, obj, language)
        context = {
            **self.admin_site.each_context(request),
            **self.translation_context(request, obj, language),
            "opts": opts,
            "original": obj,
            "title": _("Translate into %(language)s") % {"language": language_name(language)},
            "subtitle": str(obj),
            "language": language,
            "language_name": language_name(language),
            "target_dir": direction_of(language),
            "form": form,
            "rows": self._rows(obj, form, names, editable),
            "extra_fields": [form[n] for n in (MINOR_EDIT, UP_TO_DATE) if n in form.fields],
            "editable": editable,
            "buttons": self.translate_buttons(request, obj, language) if editable else [],
            "other_languages": [
                (code, name)
                for code, name in i18n.language_choices()
                if code not in (language, obj.get_source_language())
            ],
            "media": nonced_media(request, self.media + form.media),
            **self.translate_context(request, obj, language, form),
        }
        # A form may refuse a request that did not come from it (a 400, not a form error).
        status = getattr(form, "status_code", 200)
        return TemplateResponse(request, self.translate_template, context, status=status)

    def _prepare_fields(self, form, names, language, editable):
        """Keep the fields shown (and the hidden ones), in the language's direction."""
        shown = {*names, MINOR_EDIT, UP_TO_DATE}
        for name, field in list(form.fields.items()):
            if name not in shown and not field.widget.is_hidden:
                del form.fields[name]
        for name in names:
            field = form.fields.get(name)
            if field is None:
                continue
            if not editable:
                field.disabled = True
            direction = "ltr" if name in ASCII_FIELDS else direction_of(language)
            field.widget.attrs.update(dir=direction, lang=language)
        if not editable:
            for name in (MINOR_EDIT, UP_TO_DATE):
                if name in form.fields:
                    form.fields[name].disabled = True

    def _rows(self, obj, form, names, editable=True):
        """
        One row per field: the source text, and the field, or for a reader who may not
        change it, the translation as the page shows it (rendered, not disabled inputs
        that look editable, nor rich text as HTML source).
        """
        source = (
            obj.translations.filter(language_code=obj.get_source_language()).values(*names).first()
        ) or {}
        rows = []
        for name in names:
            if name not in form.fields:
                continue
            rows.append(
                {
                    "field": form[name],
                    "source": _shown(name, source.get(name)),
                    "source_dir": "ltr" if name in ASCII_FIELDS else None,
                    "target": None if editable else _shown(name, form[name].value()),
                }
            )
        return rows


def _shown(name: str, value) -> str:
    """A field's text as read-only HTML: rich text sanitised and rendered, the rest escaped."""
    value = "" if value is None else str(value)
    if name in RICH_TEXT_FIELDS:
        return render_rich_text(value)
    return mark_safe(linebreaks(value, autoescape=True))  # Escaped by linebreaks.

"""
Translating an article side by side (translations.admin_translate), with its workflow: the
translation's state and the editor's requested changes, "Save and submit for review",
the policy's rules for who may change which language, and conflict protection. An event's
place (venue, address, city) is translated there too, beside the source language's.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.i18n import language_name
from translations.admin_translate import SideBySideAdminMixin

from . import policy, services
from .admin_workflow import WORKFLOW_KEY, _transition
from .models import Event, State
from .revisions import PLACE_FIELDS
from .services_events import Place, event_place_of, event_place_translate

HERO_FIELDS = ["hero_alt", "hero_credit"]


class ArticleTranslateMixin(SideBySideAdminMixin):
    translate_template = "admin/articles/article/translate.html"
    translate_fields = ["title", "slug", "summary", "body", "author_note", *HERO_FIELDS]

    def get_translate_fields(self, request, obj):
        fields = super().get_translate_fields(request, obj)
        if not obj.hero_image:
            fields = [name for name in fields if name not in HERO_FIELDS]
        # An event's place, where it takes place in person (an online one's page shows none).
        if Event.objects.filter(article=obj).exclude(mode=Event.Mode.ONLINE).exists():
            fields += PLACE_FIELDS
        return fields

    def get_translate_form(self, request, obj, names):
        texts = [name for name in names if name not in PLACE_FIELDS]
        form_class = super().get_translate_form(request, obj, texts)
        form_class.writes_shared = False
        return place_form(form_class) if len(texts) < len(names) else form_class

    def _rows(self, obj, form, names, editable=True):
        rows = super()._rows(obj, form, [n for n in names if n not in PLACE_FIELDS], editable)
        places = [name for name in PLACE_FIELDS if name in names and name in form.fields]
        if places:
            event = Event.objects.get(article=obj)
            source = event_place_of(event, obj.source_language)
            rows += [
                {
                    "field": form[name],
                    "source": _text(getattr(source, name)),
                    "source_dir": None,
                    "target": None if editable else _text(form[name].value()),
                }
                for name in places
            ]
        return rows

    def may_translate(self, request, obj, language):
        return policy.can_edit_translation(request.user, obj, language)

    def translate_buttons(self, request, obj, language):
        buttons = super().translate_buttons(request, obj, language)
        if obj.language_states().get(language) in (None, State.DRAFT):
            buttons.append((WORKFLOW_KEY, "submit", _("Save and submit for review")))
        return buttons

    def translate_saved(self, request, obj, language):
        if request.POST.get(WORKFLOW_KEY) != "submit":
            return super().translate_saved(request, obj, language)
        try:
            messages.success(request, _transition("submit", obj, language, request.user, ""))
        except services.WorkflowError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(request.path)

    def translate_context(self, request, obj, language, form):
        workflow = self.workflow_context(request, obj)
        state = workflow["state"]
        return {
            "workflow": workflow,
            "conflict": getattr(form, "conflict", None),
            "state_note": None
            if state in (None, State.DRAFT)
            else _("The %(language)s translation is %(state)s: only editors can change it now.")
            % {"language": language_name(language), "state": workflow["state_label"]},
        }


def _text(value) -> str:
    return mark_safe(linebreaks(value or "", autoescape=True))  # Escaped by linebreaks.


def place_form(base):
    """base with the event's place in the form's language, written with its translation."""
    model = Event._parler_meta.root_model._meta

    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        self.event = Event.objects.get(article=self.instance)
        place = event_place_of(self.event, self.language_code)
        for name in PLACE_FIELDS:
            self.initial[name] = getattr(place, name)
            # Text of the language, as its translation's (the base form took it for shared).
            self.fields[name].disabled = not self.text_editable
            if self.text_editable:
                self.locked.discard(name)
        # Written by the save's write_relations step, before its revision (admin_save).
        self.more_writes = [self.place_write]

    def clean(self):
        data = base.clean(self)
        place = Place(**{name: data.get(name) or "" for name in PLACE_FIELDS})
        others = self.event.translations.exclude(language_code=self.language_code)
        if not place and self.event.in_person and not others.exists():
            raise forms.ValidationError(
                _("An event in person needs its venue or address in at least one language.")
            )
        return data

    def place_write(self):
        # A field the merge kept as another saved it is not in cleaned_data: it stays.
        saved = event_place_of(self.event, self.language_code)
        place = Place(**{name: self.cleaned_data.get(name, getattr(saved, name))
                         for name in PLACE_FIELDS})  # fmt: skip
        event_place_translate(article=self.instance, language=self.language_code, place=place,
                              user=self.request.user)  # fmt: skip

    fields = {
        name: forms.CharField(
            label=model.get_field(name).verbose_name,
            max_length=model.get_field(name).max_length,
            required=False,
        )
        for name in PLACE_FIELDS
    }
    methods = {"__init__": __init__, "clean": clean, "place_write": place_write}
    return type(base.__name__, (base,), {**fields, **methods})

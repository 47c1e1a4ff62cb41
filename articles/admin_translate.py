"""
Translating an article side by side (translations.admin_translate), with its workflow: the
translation's state and the editor's requested changes, "Save and submit for review",
the policy's rules for who may change which language, and conflict protection.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from core.i18n import language_name
from translations.admin_translate import SideBySideAdminMixin

from . import policy, services
from .admin_workflow import WORKFLOW_KEY, _transition
from .models import State

HERO_FIELDS = ["hero_alt", "hero_credit"]


class ArticleTranslateMixin(SideBySideAdminMixin):
    translate_template = "admin/articles/article/translate.html"
    translate_fields = ["title", "slug", "summary", "body", "author_note", *HERO_FIELDS]

    def get_translate_fields(self, request, obj):
        fields = super().get_translate_fields(request, obj)
        if not obj.hero_image:
            fields = [name for name in fields if name not in HERO_FIELDS]
        return fields

    def get_translate_form(self, request, obj, names):
        form_class = super().get_translate_form(request, obj, names)
        form_class.writes_shared = False
        return form_class

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

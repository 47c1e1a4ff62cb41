"""
The workflow in the article admin: the transition buttons of the change form and the
panel around them (state, languages, requested changes, recent events), and the bulk
actions of the list. Every transition goes through articles.services. Saving the form
itself is articles.admin_save.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import i18n

from . import checks, policy, readiness, services, services_corrections
from .admin_checks import checks_context, stored_checks
from .models import State, WorkflowEvent
from .preview import preview_link

WORKFLOW_KEY = "_workflow"
COMMENT_KEY = "_workflow_comment"


def state_label(article, state) -> str:
    """Return a translation's state as editors say it: missing, draft, scheduled, withdrawn."""
    if state is None:
        return _("Missing")
    if state == State.PUBLISHED and article.is_withdrawn:
        return _("Withdrawn")
    if state == State.PUBLISHED and article.is_scheduled:
        return _("Scheduled")
    if state == State.PUBLISHED and article.published_at is None:
        return _("Published, no date")
    return dict(State.choices)[state]


def _transition(action, article, language, user, comment):
    """Call the service for a button; return the success message."""
    names = {"language": i18n.language_name(language)}
    if action == "submit":
        services.translation_submit(article=article, language=language, user=user)
        return _("The %(language)s translation was submitted for review.") % names
    if action == "publish":
        services.translation_publish(article=article, language=language, user=user)
        article.refresh_from_db(fields=["published_at"])
        if article.is_scheduled:
            done = _("The %(language)s translation is scheduled.") % names
        else:
            done = _("The %(language)s translation is published.") % names
        gaps = readiness.translation_gaps(article, language)
        if gaps:
            done += " " + ngettext(
                "Its page names %(count)s thing not translated into %(language)s yet.",
                "Its page names %(count)s things not translated into %(language)s yet.",
                len(gaps),
            ) % {"count": len(gaps), **names}
        return done
    if action == "request_changes":
        services.translation_request_changes(
            article=article, language=language, user=user, comment=comment
        )
        return _("The %(language)s translation was sent back with your comment.") % names
    if action == "unpublish":
        services.translation_unpublish(
            article=article, language=language, user=user, comment=comment
        )
        return _("The %(language)s translation was unpublished.") % names
    if action == "withdraw":
        services.article_withdraw(article=article, user=user, comment=comment)
        return _("The article was withdrawn: no language of it is public now.")
    if action == "reinstate":
        services.article_reinstate(article=article, user=user)
        return _("The article was reinstated.")
    raise services.WrongState(_("Unknown action."))


class WorkflowAdminMixin:
    actions = ["publish_selected", "unpublish_selected", "withdraw_selected", "reinstate_selected"]

    def has_publish_permission(self, request):
        return policy.can_publish(request.user)

    def has_withdraw_permission(self, request):
        return policy.can_withdraw(request.user)

    def delete_translation(self, request, object_id, language_code):
        """
        django-parler's view, except that its question is asked inside the admin (parler
        renders it without the admin's header, menu and user links) and says what will
        be lost: see admin/articles/article/delete_confirmation.html.
        """
        obj = self.get_object(request, unquote(object_id))
        translations = obj.translations.all() if obj is not None else []
        translation = next((t for t in translations if t.language_code == language_code), None)
        if request.method == "POST" or translation is None or len(translations) < 2:
            return super().delete_translation(request, object_id, language_code)
        if not self.has_delete_permission(request, translation):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Are you sure?"),
            "object_name": _("translation"),
            "object": translation,
            "deleted_objects": [str(translation)],
            "perms_lacking": False,
            "protected": False,
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
        }
        return TemplateResponse(request, "admin/articles/article/delete_confirmation.html", context)

    def delete_model_translation(self, request, translation):
        # The article's translations have no translatable inlines for parler to delete too.
        try:
            services.translation_delete(
                article=translation.master, language=translation.language_code, user=request.user
            )
        except services.WorkflowError as error:
            # Someone deleted it (or the others) meanwhile: refuse with the reason.
            raise PermissionDenied(str(error)) from None

    def _after_save(self, request, obj, response):
        if WORKFLOW_KEY not in request.POST:
            return response
        language = obj.get_current_language()
        action = request.POST[WORKFLOW_KEY]
        comment = request.POST.get(COMMENT_KEY, "")
        try:
            messages.success(request, _transition(action, obj, language, request.user, comment))
        except services.WorkflowError as error:
            messages.error(request, str(error))
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return HttpResponseRedirect(f"{url}?language={language}")

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    # The change form's workflow panel.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow"] = self.workflow_context(request, obj)
        context["workflow"]["show_buttons"] = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        form = getattr(context.get("adminform"), "form", None)
        context["conflict"] = getattr(form, "conflict", None)
        response = super().render_change_form(request, context, add, change, form_url, obj)
        response.status_code = getattr(form, "status_code", 200)
        return response

    def workflow_context(self, request, obj):
        user = request.user
        language = self.get_form_language(request, obj)
        publish, withdraw = policy.can_publish(user), policy.can_withdraw(user)
        if obj is None or obj.pk is None:
            buttons = [
                ("submit", _("Save and submit for review")) if user.has_perm(policy.ADD) else None,
                ("publish", _("Save and publish")) if publish else None,
            ]
            return {
                "language": language,
                "buttons": [b for b in buttons if b],
                "checks": checks_context(language),
            }
        state = obj.language_states().get(language)
        # A missing translation is saved as a draft first, so it may be submitted at once.
        unpublished = state in (None, State.DRAFT)
        buttons = [
            ("submit", _("Save and submit for review"))
            if unpublished and policy.can_edit_translation(user, obj, language)
            else None,
            ("publish", _("Save and publish")) if publish and state != State.PUBLISHED else None,
            ("request_changes", _("Request changes"))
            if publish and state == State.REVIEW
            else None,
            ("unpublish", _("Unpublish")) if publish and state == State.PUBLISHED else None,
            ("withdraw", _("Withdraw the article")) if withdraw and not obj.is_withdrawn else None,
            ("reinstate", _("Reinstate the article")) if withdraw and obj.is_withdrawn else None,
        ]
        events = obj.workflow_events.select_related("user")
        shown_events = list(events[:8])
        for event in shown_events:
            event.gap_lines = [
                *readiness.gaps_described(event.gaps, event.language_code),
                *checks.recorded(event.checks),
            ]
        requested = None
        if state == State.DRAFT:
            last = events.filter(language_code=language).first()
            if last and last.action == WorkflowEvent.Action.REQUEST_CHANGES:
                requested = last  # The editor's comment, for the author to read.
        return {
            "language": language,
            "state": state,
            "state_label": state_label(obj, state),
            "languages": self.languages_column(obj),
            "buttons": [b for b in buttons if b],
            "needs_comment": publish and state in (State.REVIEW, State.PUBLISHED),
            "requested": requested,
            "events": shown_events,
            "readiness": self.readiness_context(obj, language, user),
            "checks": stored_checks(obj, language),
            "preview_url": reverse("admin:articles_article_preview", args=[obj.pk, language])
            if state
            else None,
            "share_url": request.build_absolute_uri(preview_link(obj.pk, language))
            if state
            else None,
            "attachments_url": reverse(
                "admin:articles_article_attachments", args=[obj.pk, language]
            )
            if state
            else None,
            "corrections_url": reverse(
                "admin:articles_article_corrections", args=[obj.pk, language]
            )
            if state == State.PUBLISHED and services_corrections.can_correct(user)
            else None,
        }

    def readiness_context(self, obj, language, user):
        """What the language version would show untranslated (articles.readiness)."""
        translation = obj.translations.filter(language_code=language).first()
        return {
            "language_name": i18n.language_name(language),
            # A link only where the reader of the panel may translate the name themselves.
            "gaps": [
                (gap.describe(language), gap.url_for(user, language))
                for gap in readiness.translation_gaps(obj, language)
            ],
            "hero_missing": translation is not None
            and readiness.missing_hero_description(obj, translation),
        }

    # Bulk actions on the change list.

    def _action_languages(self, request):
        chosen = request.GET.get("lang")
        codes = i18n.language_codes()
        return [chosen] if chosen in codes else codes

    def _bulk(self, request, queryset, action, states):
        done, refused = 0, []
        languages = self._action_languages(request)
        for article in queryset.prefetch_related("translations"):
            targets = (
                [None]
                if states is None
                else [lang for lang, st in article.language_states().items() if st in states]
            )
            for language in targets:
                if language is not None and language not in languages:
                    continue
                try:
                    _transition(action, article, language or "en", request.user, "")
                    done += 1
                except services.WorkflowError as error:
                    refused.append(f"{article}: {error}")
        if done:
            messages.success(request, _("%(count)s changes made.") % {"count": done})
        for line in refused[:10]:
            messages.error(request, line)
        if not done and not refused:
            messages.warning(request, _("Nothing to do for the selected articles."))

    def publish_selected(self, request, queryset):
        if request.POST.get("post") != "yes":
            pending = self._publish_readiness(request, queryset)
            if pending:
                return TemplateResponse(
                    request,
                    "admin/articles/article/publish_confirm.html",
                    {
                        **self.admin_site.each_context(request),
                        "title": _("Publish despite what the checks found?"),
                        "opts": self.model._meta,
                        "pending": pending,
                        "selected": [article.pk for article in queryset],
                        "action": "publish_selected",
                        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    },
                )
        self._bulk(request, queryset, "publish", {State.REVIEW})

    def _publish_readiness(self, request, queryset) -> list[dict]:
        """What each translation publish_selected would publish shows untranslated."""
        languages = self._action_languages(request)
        pending = []
        for article in queryset.prefetch_related("translations"):
            for translation in article.translations.all():
                language = translation.language_code
                if translation.state != State.REVIEW or language not in languages:
                    continue
                gaps = readiness.translation_gaps(article, language)
                refused = readiness.missing_hero_description(article, translation)
                problems = checks.content_report(
                    language=language,
                    title=translation.title,
                    summary=translation.summary,
                    body=translation.body,
                ).problems
                if gaps or refused or problems:
                    pending.append(
                        {
                            "article": article,
                            "language_name": i18n.language_name(language),
                            "gaps": [
                                (gap.describe(language), gap.url_for(request.user, language))
                                for gap in gaps
                            ],
                            "hero_missing": refused,
                            "problems": [str(problem) for problem in problems],
                        }
                    )
        return pending

    publish_selected.allowed_permissions = ["publish"]
    publish_selected.short_description = gettext_lazy(
        "Publish the translations in review (in the language filtered on, or all)"
    )

    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish", {State.PUBLISHED})

    unpublish_selected.allowed_permissions = ["publish"]
    unpublish_selected.short_description = gettext_lazy(
        "Unpublish the published translations (in the language filtered on, or all)"
    )

    def withdraw_selected(self, request, queryset):
        self._bulk(request, queryset.filter(is_withdrawn=False), "withdraw", None)

    withdraw_selected.allowed_permissions = ["withdraw"]
    withdraw_selected.short_description = gettext_lazy("Withdraw the selected articles")

    def reinstate_selected(self, request, queryset):
        self._bulk(request, queryset.filter(is_withdrawn=True), "reinstate", None)

    reinstate_selected.allowed_permissions = ["withdraw"]
    reinstate_selected.short_description = gettext_lazy("Reinstate the selected articles")

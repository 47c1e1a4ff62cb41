"""
The alerts in the admin: subscribers (search, filter by what they follow), the emails
sent with their state, a preview of the next digest in each language, and the export
and deletion of an address's data on request.
"""

import json
from datetime import timedelta

from django.contrib import admin, messages
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core import i18n
from core.admin_dates import CalendarDatesAdminMixin

from . import mail, sending
from .models import Frequency, Sent, Subscriber, Subscription
from .services import subscriber_delete, subscriber_export


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    fields = ["kind", "topic", "region", "expert", "article_type"]
    raw_id_fields = ["expert"]


class FollowsFilter(admin.SimpleListFilter):
    title = _("follows")
    parameter_name = "follows"

    def lookups(self, request, model_admin):
        return Subscription.Kind.choices

    def queryset(self, request, queryset):
        if self.value() in Subscription.Kind.values:
            return queryset.filter(subscriptions__kind=self.value()).distinct()
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    title = _("languages of the pieces")
    parameter_name = "reads"

    def lookups(self, request, model_admin):
        return i18n.language_choices()

    def queryset(self, request, queryset):
        if i18n.is_site_language(self.value()):
            return queryset.reading(self.value())
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(CalendarDatesAdminMixin, admin.ModelAdmin):
    list_display = [
        "email",
        "state",
        "frequency",
        "language",
        "languages_column",
        "confirmed_at",
        "bounce_count",
    ]
    list_filter = [
        "state",
        "frequency",
        "language",
        LanguageFilter,
        FollowsFilter,
        ("subscriptions__topic", admin.RelatedOnlyFieldListFilter),
        ("subscriptions__region", admin.RelatedOnlyFieldListFilter),
        ("subscriptions__article_type", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["email"]
    readonly_fields = [
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_bounce_at",
        "created_at",
    ]
    fields = [
        "email",
        "state",
        "language",
        "languages",
        "frequency",
        "bounce_count",
        *readonly_fields,
    ]
    inlines = [SubscriptionInline]
    actions = ["export_data", "delete_data"]

    @admin.display(description=_("languages of the pieces"))
    def languages_column(self, obj):
        return ", ".join(obj.language_list)

    @admin.action(description=_("Export the data of the selected subscribers (JSON)"))
    def export_data(self, request, queryset):
        data = [subscriber_export(s) for s in queryset.prefetch_related("subscriptions", "sends")]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="alerts-subscribers.json"'
        return response

    @admin.action(
        description=_("Delete all data of the selected subscribers"), permissions=["delete"]
    )
    def delete_data(self, request, queryset):
        count = 0
        for subscriber in queryset:
            subscriber_delete(subscriber=subscriber)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Deleted the data of %(count)d subscriber.",
                "Deleted the data of %(count)d subscribers.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.digest_preview)
        email = self.admin_site.admin_view(self.digest_preview_email)
        return [
            path("digest-preview/", preview, name="alerts_digest_preview"),
            path("digest-preview/<str:language>/", email, name="alerts_digest_preview_email"),
            *super().get_urls(),
        ]

    def _next_digest(self, request, language: str):
        frequency = request.GET.get("frequency", Frequency.WEEKLY)
        if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
            frequency = Frequency.WEEKLY
        # The period running now: what the next digest will carry if nothing changes.
        key, start, end = sending.period_of(frequency, timezone.now() + _period_length(frequency))
        reader = Subscriber(email="reader@example.org", language=language, pk=0)
        reader.language_list = [language]
        chosen = [item for item in sending.digest_items(start, end) if item.language == language]
        return frequency, key, chosen, mail.digest_message(reader, chosen, frequency)

    def digest_preview(self, request):
        """The next daily and weekly digest as a reader of each language would get them."""
        previews = []
        for language in i18n.language_codes():
            frequency, key, chosen, message = self._next_digest(request, language)
            previews.append(
                {
                    "language": language,
                    "name": i18n.native_name(language),
                    "subject": message.subject,
                    "count": len(chosen),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Next digest"),
            "period": key,
            "frequency": frequency,
            "previews": previews,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/alerts/digest_preview.html", context)

    @method_decorator(xframe_options_sameorigin)
    def digest_preview_email(self, request, language: str):
        """The HTML of one language's next digest, as a mail client shows it, for the frame."""
        if language not in i18n.language_codes():
            raise Http404(_("No such language."))
        _frequency, _key, _chosen, message = self._next_digest(request, language)
        response = HttpResponse(message.alternatives[0][0])
        # An email's styles are inline, and its images come from the public site: the
        # admin's policy would blank it. No scripts, no forms, framed by the admin only.
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
            "font-src 'self'; form-action 'none'; frame-ancestors 'self'; sandbox"
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _period_length(frequency):
    return timedelta(days=7 if frequency == Frequency.WEEKLY else 1)


@admin.register(Sent)
class SentAdmin(CalendarDatesAdminMixin, admin.ModelAdmin):
    list_display = ["subscriber", "what", "items", "state", "created_at", "sent_at"]
    list_filter = ["state", ("period", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["subscriber__email", "period"]
    list_select_related = ["subscriber", "translation"]
    readonly_fields = [
        "subscriber",
        "translation",
        "period",
        "items",
        "state",
        "created_at",
        "attempted_at",
        "attempts",
        "retry_after",
        "sent_at",
        "error",
    ]
    fields = readonly_fields

    @admin.display(description=_("what"))
    def what(self, obj):
        if obj.period:
            return _("Digest %(period)s") % {"period": obj.period}
        return f"{obj.translation.title} ({obj.translation.language_code})"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

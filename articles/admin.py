from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core import i18n
from core.admin_dates import CalendarDatesAdminMixin
from core.admin_widgets import SafeAutocompleteMixin
from core.forms import RichTextAdminMixin
from core.html import render_rich_text
from translations.admin import TranslatedRelatedFilter

from . import (
    admin_users,  # noqa: F401  (translators' languages on the user admin)
    policy,
)
from .admin_attachments import AttachmentsAdminMixin
from .admin_checks import ContentChecksAdminMixin
from .admin_corrections import CorrectionsAdminMixin
from .admin_events import EventsAdminMixin
from .admin_forms import HIDDEN_FIELDS, ArticleAdminForm
from .admin_history import HistoryAdminMixin
from .admin_podcast import PodcastAdminMixin
from .admin_save import ArticleSaveAdminMixin
from .admin_translate import ArticleTranslateMixin
from .admin_workflow import WorkflowAdminMixin, state_label
from .admin_xliff import XliffAdminMixin
from .models import Article, ArticleTranslation, Authorship, RelatedArticle, SlugRedirect, State


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "lang"

    def lookups(self, request, model_admin):
        return i18n.language_choices()

    def queryset(self, request, queryset):
        # The state filter reads this value too, so that "Arabic" + "In review" means
        # the Arabic translation is in review.
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"
    MISSING = "missing"
    OUTDATED = "outdated"

    def lookups(self, request, model_admin):
        return [*State.choices, (self.MISSING, _("Missing")), (self.OUTDATED, _("Outdated"))]

    def queryset(self, request, queryset):
        value = self.value()
        language = request.GET.get(LanguageFilter.parameter_name)
        if not i18n.is_site_language(language):
            language = None
        translations = ArticleTranslation.objects.all()
        if language:
            translations = translations.filter(language_code=language)
        if value == self.MISSING:
            if language:
                return queryset.exclude(pk__in=translations.values("master_id"))
            # Missing in some language: fewer translations than languages.
            complete = (
                ArticleTranslation.objects.values("master_id")
                .annotate(n=Count("id"))
                .filter(n__gte=len(i18n.language_codes()))
                .values("master_id")
            )
            return queryset.exclude(pk__in=complete)
        if value == self.OUTDATED:
            return queryset.filter(pk__in=translations.outdated().values("master_id"))
        if value in State.values:
            return queryset.filter(pk__in=translations.filter(state=value).values("master_id"))
        if language:
            return queryset.filter(pk__in=translations.values("master_id"))
        return queryset


class SharedFieldsInline(SafeAutocompleteMixin, admin.TabularInline):
    """An inline of shared data: editable only by those who may change the shared fields."""

    extra = 0

    def _may_edit(self, request, obj):
        return obj is None or policy.can_edit_shared(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


class AuthorshipInline(SharedFieldsInline):
    model = Authorship
    autocomplete_fields = ["expert"]
    fields = ["expert", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in byline order)")


class RelatedArticleInline(SharedFieldsInline):
    model = RelatedArticle
    fk_name = "article"
    autocomplete_fields = ["target"]
    fields = ["target", "position"]


@admin.register(Article)
class ArticleAdmin(
    CalendarDatesAdminMixin,
    SafeAutocompleteMixin,
    RichTextAdminMixin,
    WorkflowAdminMixin,
    ContentChecksAdminMixin,
    ArticleSaveAdminMixin,
    HistoryAdminMixin,
    CorrectionsAdminMixin,
    AttachmentsAdminMixin,
    PodcastAdminMixin,
    EventsAdminMixin,
    XliffAdminMixin,
    ArticleTranslateMixin,
    TranslatableAdmin,
):
    form = ArticleAdminForm
    actions = [*WorkflowAdminMixin.actions, *XliffAdminMixin.xliff_actions]

    def get_view_on_site_url(self, obj=None):
        """
        The public page of the tab's language (the form sets obj to it), only while that
        version is public: no "View on site" leading to a 404, or to another language.
        """
        if obj is None or obj.pk is None:
            return None
        language = obj.get_current_language()
        public = ArticleTranslation.objects.public(language).filter(master=obj).first()
        if public is None:
            return None
        return i18n.url_in(language, "articles:resolve", slug=public.slug)

    readonly_fields = ["state_display", "is_withdrawn", "source_text"]
    list_display = [
        "title_column",
        "article_type",
        "languages_column",
        "published_at",
        "is_featured",
        "is_withdrawn",
    ]
    list_filter = [
        LanguageFilter,
        StateFilter,
        ("article_type", TranslatedRelatedFilter),
        ("topics", TranslatedRelatedFilter),
        ("regions", TranslatedRelatedFilter),
        "is_featured",
        "is_withdrawn",
        "published_at",
    ]
    search_fields = ["translations__title", "translations__summary", "translations__slug"]
    autocomplete_fields = ["article_type", "topics", "regions"]
    date_hierarchy = "published_at"
    list_per_page = 50
    # The recommendations app adds its read-only inline (recommendations.admin).
    inlines = [AuthorshipInline, RelatedArticleInline]
    fieldsets = [
        (
            _("Text in this language"),
            {
                "fields": [
                    *HIDDEN_FIELDS,
                    "state_display",
                    *["title", "slug", "summary", "body", "author_note"],
                ]
            },
        ),
        (
            _("Filing"),
            {"fields": ["article_type", "source_language", "topics", "regions"]},
        ),
        (
            _("Publication"),
            {"fields": ["published_at", "is_featured", "is_withdrawn"]},
        ),
        (_("Hero image"), {"fields": ["hero_image", "hero_alt", "hero_credit"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article_type")
            .prefetch_related("translations", "article_type__translations")
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        language = self.get_form_language(request, obj)
        if obj is not None and language != obj.source_language:
            # Translators work next to the source text.
            fieldsets.insert(0, (_("Source text"), {"fields": ["source_text"]}))
        return fieldsets

    # A reader without the right to change the article sees read-only fields; the admin
    # shows a method of that name instead of a translated field, so the body is rendered
    # (sanitised) rather than shown as its HTML source.
    @admin.display(description=_("body"))
    def body(self, obj):
        return render_rich_text(obj.safe_translation_getter("body", default="") if obj else "")

    @admin.display(description=_("state"))
    def state_display(self, obj):
        if obj is None or obj.pk is None:
            return _("Draft (not saved yet)")
        language = obj.get_current_language()
        return state_label(obj, obj.language_states().get(language))

    @admin.display(description=_("source text"))
    def source_text(self, obj):
        source = obj.translations.filter(language_code=obj.source_language).first()
        if source is None:
            return _("The source language has no text yet.")
        direction = i18n.direction_of(source.language_code)
        return format_html(
            '<div dir="{}" lang="{}" class="source-text"><h3>{}</h3><p><em>{}</em></p>{}</div>',
            direction,
            source.language_code,
            source.title,
            source.summary,
            render_rich_text(source.body),
        )

    @admin.display(description=_("title"))
    def title_column(self, obj):
        return str(obj)

    @admin.display(description=_("languages"))
    def languages_column(self, obj):
        """Each language's state at a glance, e.g. EN published · AR in review · FA missing."""
        states, outdated = obj.language_states(), obj.outdated_languages()
        return format_html_join(
            " · ",
            '<span class="lang-state lang-state-{}" title="{}">{} {}{}</span>',
            (
                (
                    states[code] or "missing",
                    name,
                    code.upper(),
                    state_label(obj, states[code]),
                    _(", outdated") if code in outdated else "",
                )
                for code, name in i18n.language_choices()
            ),
        )


@admin.register(SlugRedirect)
class SlugRedirectAdmin(CalendarDatesAdminMixin, admin.ModelAdmin):
    list_display = ["old_slug", "language_code", "article", "created_at"]
    list_filter = ["language_code"]
    search_fields = ["old_slug"]
    raw_id_fields = ["article"]

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from recommendations.admin import RecommendationInline
from thinktank.admin import TranslatedRelatedFilter

from .models import Article, ArticleTranslation, Authorship, RelatedArticle, State


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "lang"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        # The state filter reads this value too, so that "Arabic" + "In review" means
        # the Arabic translation is in review.
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"
    MISSING = "missing"

    def lookups(self, request, model_admin):
        return [*State.choices, (self.MISSING, _("Missing"))]

    def queryset(self, request, queryset):
        value = self.value()
        language = request.GET.get(LanguageFilter.parameter_name)
        if language not in dict(settings.LANGUAGES):
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
                .filter(n__gte=len(settings.LANGUAGES))
                .values("master_id")
            )
            return queryset.exclude(pk__in=complete)
        if value in State.values:
            return queryset.filter(pk__in=translations.filter(state=value).values("master_id"))
        if language:
            return queryset.filter(pk__in=translations.values("master_id"))
        return queryset


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["expert"]
    fields = ["expert", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in byline order)")


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", "position"]


@admin.register(Article)
class ArticleAdmin(TranslatableAdmin):
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
    inlines = [AuthorshipInline, RelatedArticleInline, RecommendationInline]
    fieldsets = [
        (
            _("Text in this language"),
            {"fields": ["title", "slug", "summary", "body", "author_note", "state"]},
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("title"))
    def title_column(self, obj):
        return str(obj)

    @admin.display(description=_("languages"))
    def languages_column(self, obj):
        """Each language's state at a glance, e.g. EN published · AR in review · FA missing."""
        labels = dict(State.choices)
        states = obj.language_states()
        return format_html_join(
            " · ",
            '<span class="lang-state lang-state-{}" title="{}">{} {}</span>',
            (
                (
                    states[code] or "missing",
                    name,
                    code.upper(),
                    labels[states[code]] if states[code] else _("missing"),
                )
                for code, name in settings.LANGUAGES
            ),
        )

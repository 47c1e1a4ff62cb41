"""
The stored recommendations of an article, explained, as a read-only inline of its admin page.

The article admin belongs to `articles`, which sits below this app and does not know about
recommendations; this module adds the inline to it, after the article's own inlines.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin
from core.i18n import native_name

from .explain import explain
from .models import Recommendation
from .selectors import recommended


class RecommendationInline(admin.TabularInline):
    """Per language: the stored candidates, which ones readers see now, and why."""

    model = Recommendation
    fk_name = "article"
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = _("recommendation")
    verbose_name_plural = _(
        "Recommendations, as computed (pin related articles above to override them)"
    )
    fields = readonly_fields = [
        "language",
        "recommended_piece",
        "on_the_page",
        "rounded_score",
        "explanation",
    ]
    ordering = ["language", "-is_pinned", "rank"]

    def get_queryset(self, request):
        self._shown = {}
        return super().get_queryset(request).select_related("candidate_translation")

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Read-only, so left out of submissions: saving the article never needs (or
        # validates) a formset for it.
        return request.method == "GET" and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("recommended"))
    def recommended_piece(self, obj):
        title = obj.candidate_translation.title
        if obj.is_fallback:
            return f"{title} ({native_name(obj.candidate_language)})"
        return title

    @admin.display(description=_("on the page now"), boolean=True)
    def on_the_page(self, obj):
        key = (obj.article_id, obj.language)
        shown = getattr(self, "_shown", {})
        if key not in shown:
            shown[key] = {r.candidate_id for r in recommended(obj.article, obj.language)}
            self._shown = shown
        return obj.candidate_id in shown[key]

    @admin.display(description=_("score"))
    def rounded_score(self, obj):
        return _("pinned") if obj.is_pinned else f"{obj.score:.1f}"

    @admin.display(description=_("why"))
    def explanation(self, obj):
        return explain(obj)


ArticleAdmin.inlines = [*ArticleAdmin.inlines, RecommendationInline]

"""The counts in the admin, read-only: they are written by the flush, never by hand."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin

from .admin_views import ReadershipScreensMixin
from .models import DailyListingPath, DailyListingViews, DailyPath, DailyViews, MonthlyViews


class CountsAdmin(admin.ModelAdmin):
    list_filter = ["language"]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ArticleCountsAdmin(CountsAdmin):
    #: The articles each row names, with their translations (the title is a translation's).
    articles = ["article"]

    def get_queryset(self, request):
        related = [f"{name}__translations" for name in self.articles]
        return (
            super().get_queryset(request).select_related(*self.articles).prefetch_related(*related)
        )


@admin.register(DailyViews)
class DailyViewsAdmin(ReadershipScreensMixin, ArticleCountsAdmin):
    list_display = ["day", "article", "language", "views"]
    date_hierarchy = "day"
    ordering = ["-day", "-views"]


@admin.register(MonthlyViews)
class MonthlyViewsAdmin(ArticleCountsAdmin):
    list_display = ["month", "article", "language", "views"]
    ordering = ["-month", "-views"]


@admin.register(DailyListingViews)
class DailyListingViewsAdmin(CountsAdmin):
    list_display = ["day", "kind", "term_id", "language", "views"]
    list_filter = ["kind", "language"]
    date_hierarchy = "day"
    ordering = ["-day", "-views"]


@admin.register(DailyPath)
class DailyPathAdmin(ArticleCountsAdmin):
    articles = ["from_article", "to_article"]
    list_display = ["day", "from_article", "to_article", "language", "count"]
    date_hierarchy = "day"
    ordering = ["-day", "-count"]


@admin.register(DailyListingPath)
class DailyListingPathAdmin(ArticleCountsAdmin):
    articles = ["to_article"]
    list_display = ["day", "kind", "term_id", "to_article", "language", "count"]
    list_filter = ["kind", "language"]
    date_hierarchy = "day"
    ordering = ["-day", "-count"]


# The article's change page links to its readership (articles knows nothing of readership:
# its change form lists the screens other apps add here, by URL name).
ArticleAdmin.screen_links = [
    *getattr(ArticleAdmin, "screen_links", []),
    (_("Readership"), "admin:readership_article"),
]

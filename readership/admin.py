"""The counts in the admin, read-only: they are written by the flush, never by hand."""

from django.contrib import admin

from .models import DailyListingViews, DailyPath, DailyViews, MonthlyViews


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


@admin.register(DailyViews)
class DailyViewsAdmin(CountsAdmin):
    list_display = ["day", "article", "language", "views"]
    list_select_related = ["article"]
    date_hierarchy = "day"
    ordering = ["-day", "-views"]


@admin.register(MonthlyViews)
class MonthlyViewsAdmin(CountsAdmin):
    list_display = ["month", "article", "language", "views"]
    list_select_related = ["article"]
    ordering = ["-month", "-views"]


@admin.register(DailyListingViews)
class DailyListingViewsAdmin(CountsAdmin):
    list_display = ["day", "kind", "term_id", "language", "views"]
    list_filter = ["kind", "language"]
    date_hierarchy = "day"
    ordering = ["-day", "-views"]


@admin.register(DailyPath)
class DailyPathAdmin(CountsAdmin):
    list_display = ["day", "from_article", "to_article", "language", "count"]
    list_select_related = ["from_article", "to_article"]
    date_hierarchy = "day"
    ordering = ["-day", "-count"]

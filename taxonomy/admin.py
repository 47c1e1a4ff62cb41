from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core.admin_widgets import SafeAutocompleteMixin
from translations.admin import TranslatedNamesMixin, TranslatedRelatedFilter
from translations.admin_services import ServiceSaveAdminMixin
from translations.admin_translate import SideBySideAdminMixin
from translations.concurrency import EDIT_VERSION

from . import services
from .forms import TermAdminForm
from .models import ArticleType, Region, Topic


class TermAdmin(
    SafeAutocompleteMixin,
    ServiceSaveAdminMixin,
    TranslatedNamesMixin,
    SideBySideAdminMixin,
    TranslatableAdmin,
):
    form = TermAdminForm
    translate_fields = ["name", "slug", "description"]
    list_display = ["__str__", "slug_column", "position", "all_languages_column"]
    list_editable = ["position"]
    search_fields = ["translations__name", "translations__slug"]
    fieldsets = [
        (None, {"fields": [EDIT_VERSION, "name", "slug", "description"]}),
        (_("Order"), {"fields": ["position"]}),
    ]

    def save_service(self, request, obj, form, **writers):
        services.term_save(term=obj, user=request.user, **writers)

    @admin.display(description=_("slug"))
    def slug_column(self, obj):
        return obj.safe_translation_getter("slug", any_language=True)


@admin.register(Topic)
class TopicAdmin(TermAdmin):
    pass


@admin.register(ArticleType)
class ArticleTypeAdmin(TermAdmin):
    pass


@admin.register(Region)
class RegionAdmin(TermAdmin):
    list_display = ["__str__", "parent", "slug_column", "position", "all_languages_column"]
    list_filter = [("parent", TranslatedRelatedFilter)]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": [EDIT_VERSION, "name", "slug", "description"]}),
        (_("Place"), {"fields": ["parent", "position"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .prefetch_related("parent__translations")
        )

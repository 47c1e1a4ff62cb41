from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core.forms import RichTextAdminMixin
from translations.admin import TranslatedNamesMixin
from translations.admin_services import ServiceSaveAdminMixin
from translations.admin_translate import SideBySideAdminMixin
from translations.concurrency import EDIT_VERSION

from . import services
from .forms import ExpertAdminForm
from .models import Expert, ExpertLink


class ExpertLinkInline(admin.TabularInline):
    model = ExpertLink
    extra = 0
    fields = ["kind", "url", "position"]


@admin.register(Expert)
class ExpertAdmin(
    ServiceSaveAdminMixin,
    RichTextAdminMixin,
    TranslatedNamesMixin,
    SideBySideAdminMixin,
    TranslatableAdmin,
):
    form = ExpertAdminForm
    translate_fields = ["name", "role", "short_bio", "full_bio", "photo_alt"]

    def save_service(self, request, obj, form, **writers):
        services.expert_save(
            expert=obj, user=request.user, photo_changed="photo" in form.changed_data, **writers
        )

    list_display = ["__str__", "role_column", "is_current", "all_languages_column"]
    list_filter = ["is_current"]
    search_fields = ["translations__name", "sort_name", "slug"]
    inlines = [ExpertLinkInline]
    fieldsets = [
        (None, {"fields": [EDIT_VERSION, "name", "role", "short_bio", "full_bio"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
        (_("Listing"), {"fields": ["slug", "sort_name", "is_current"]}),
    ]

    @admin.display(description=_("role"))
    def role_column(self, obj):
        return obj.safe_translation_getter("role", any_language=True)

"""The admin of synonym sets: editors keep the spellings of names that search joins."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import SynonymSet
from .services import synonym_set_delete, synonym_set_save


@admin.register(SynonymSet)
class SynonymSetAdmin(admin.ModelAdmin):
    list_display = ["name", "spellings_column", "updated_at"]
    search_fields = ["name", "terms"]
    fields = ["name", "terms"]

    @admin.display(description=_("spellings"))
    def spellings_column(self, obj):
        return " · ".join(obj.spellings)

    def save_model(self, request, obj, form, change):
        # The form has validated the set (SynonymSet.clean); the service checks the
        # permission and sends the "content changed" event.
        synonym_set_save(synonym_set=obj, user=request.user)

    def delete_model(self, request, obj):
        synonym_set_delete(synonym_set=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for synonym_set in queryset:  # one event each: Django's action reports the count
            synonym_set_delete(synonym_set=synonym_set, user=request.user)

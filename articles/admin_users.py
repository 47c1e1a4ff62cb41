"""The user admin, with the languages a translator is assigned to."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import TranslatorLanguage

User = get_user_model()


class TranslatorLanguageInline(admin.TabularInline):
    model = TranslatorLanguage
    extra = 0
    fields = ["language_code"]


class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, TranslatorLanguageInline]
    list_display = [*UserAdmin.list_display, "groups_column"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("groups"))
    def groups_column(self, obj):
        return ", ".join(group.name for group in obj.groups.all())


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)

"""Admin pieces shared by the content apps."""

from django.contrib import admin


class TranslatedRelatedFilter(admin.RelatedFieldListFilter):
    """A related-field filter whose choices read their names from prefetched translations."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        objects = model.objects.prefetch_related("translations")
        return [(obj.pk, str(obj)) for obj in objects]


class TranslatedNamesMixin:
    """Prefetch translations on change lists and autocomplete, so no row costs a query."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

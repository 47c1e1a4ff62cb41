"""
Autocomplete widgets that survive a bad posted id.

When a form with an error is shown again, Django's autocomplete widgets look the posted
ids up in the database; an id that is not a number, or one too large for the column,
raised there (a 500) instead of the form showing its error. These show such a value as
nothing chosen, and the form field's own validation says what is wrong.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connections


def is_valid_id(db_field, value, using=None) -> bool:
    """Return True if value can be looked up as an id of the model db_field points to."""
    options = db_field.remote_field.model._meta
    name = getattr(db_field.remote_field, "field_name", None) or options.pk.name
    target = options.get_field(name)
    try:
        value = target.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    if isinstance(value, int):
        # SQLite raises OverflowError for an integer past 64 bits.
        low, high = connections[using or "default"].ops.integer_field_range(
            target.get_internal_type()
        )
        return (low is None or value >= low) and (high is None or value <= high)
    return True


class _ValidIdsMixin:
    def optgroups(self, name, value, attr=None):
        valid = [v for v in value if is_valid_id(self.field, v, self.db)]
        return super().optgroups(name, valid, attr)


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuse ids the database could not even look up, before looking them up."""

    db_field = None  # the model field, set by SafeAutocompleteMixin

    def _check_values(self, value):
        for item in value:
            if self.db_field is not None and not is_valid_id(self.db_field, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class SafeAutocompleteSelect(_ValidIdsMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidIdsMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin or inline: its autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if type(field) is forms.ModelMultipleChoiceField:
            field.__class__ = CheckedModelMultipleChoiceField  # keeps every argument Django gave it
            field.db_field = db_field
        return field

"""
Dates in the admin's change lists as the staff member reads them: in the calendar of the
admin's language (Solar Hijri for Farsi staff, the Gregorian date on hover), with its
month names and digits. Sorting still goes by the column.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.templatetags.site import date_tag


class CalendarDatesAdminMixin:
    """Show the date and time fields named in list_display in the staff member's calendar."""

    def get_list_display(self, request):
        return [self.calendar_column(name) for name in super().get_list_display(request)]

    def calendar_column(self, name):
        """Return a column showing field name in the calendar, or name if it is no date."""
        try:
            field = self.model._meta.get_field(name) if isinstance(name, str) else None
        except FieldDoesNotExist:
            field = None
        if not isinstance(field, models.DateField):
            return name
        fmt = "DATETIME_FORMAT" if isinstance(field, models.DateTimeField) else "DATE_FORMAT"

        def column(obj):
            return date_tag(getattr(obj, name), fmt) or self.get_empty_value_display()

        column.short_description = field.verbose_name
        column.admin_order_field = name
        column.__name__ = name
        return column

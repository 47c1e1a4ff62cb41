"""The search form: a query, filters and a sort, read leniently from the query string."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import FACETS, MAX_PAGE, SORTS
from .query import MAX_QUERY_LENGTH

# Longer input is cut before anything reads it (a reader never types this much).
MAX_INPUT_LENGTH = 2 * MAX_QUERY_LENGTH
MAX_VALUES_PER_FACET = 20


class LenientQueryField(forms.CharField):
    """Text that is never invalid: control characters become spaces, too much is cut."""

    def to_python(self, value):
        value = super().to_python(value) or ""
        value = "".join(
            " " if unicodedata.category(c) == "Cc" else c for c in value[:MAX_INPUT_LENGTH]
        )
        return value.strip()


class IdListField(forms.Field):
    """Repeated ?name=1&name=2 values; what is not a positive number is ignored."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        numbers = []
        for item in values[:MAX_VALUES_PER_FACET]:
            text = str(item or "").strip()
            if text.isascii() and text.isdigit() and 0 < len(text) < 19:
                numbers.append(int(text))
        return sorted(set(numbers))


class SearchForm(forms.Form):
    """
    Read leniently: a text query is cleaned, unknown sorts, pages and filter values are
    dropped. Only a NUL character in the sort or page (refused by Django's text fields) makes
    the form invalid: no link or browser form sends one, so the view answers 400.
    """

    q = LenientQueryField(label=_("Search"), required=False)
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        for facet in FACETS:
            self.fields[facet] = IdListField(required=False)

    def clean_sort(self):
        return self.cleaned_data["sort"] if self.cleaned_data["sort"] in SORTS else None

    def clean_page(self):
        text = (self.cleaned_data["page"] or "").strip()
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 1
        return min(max(number, 1), MAX_PAGE)

    def filters(self) -> dict[str, list[int]]:
        return {facet: self.cleaned_data.get(facet) or [] for facet in FACETS}

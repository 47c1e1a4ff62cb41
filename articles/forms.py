"""
The filters of the all-analysis page, read from a shareable query string. Years and dates
are in the calendar of the page's language (core.calendars): on Farsi pages a year is a
Solar Hijri year and dates are typed as Solar Hijri year/month/day.
"""

from django import forms
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import calendars, i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Article, Authorship


class ArticleFilterForm(forms.Form):
    NEWEST, OLDEST = "newest", "oldest"

    type = forms.TypedChoiceField(
        label=_("Content type"), required=False, coerce=int, empty_value=None
    )
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    region = forms.TypedChoiceField(
        label=_("Region or country"), required=False, coerce=int, empty_value=None
    )
    expert = forms.ChoiceField(label=_("Expert"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[(NEWEST, _("Newest first")), (OLDEST, _("Oldest first"))],
    )

    def __init__(self, data, *, language: str):
        super().__init__(data)
        self.language = language
        any_ = [("", _("Any"))]
        self.fields["year"].choices = any_ + [
            (year, i18n.localize_digits(str(year), language))
            for year in years_with_pieces(language)
        ]
        if calendars.calendar_of(language) != calendars.GREGORIAN:
            for name in ("date_from", "date_to"):
                self.fields[name] = CalendarDateField(
                    label=self.fields[name].label, required=False, language=language
                )
        self.types = list(ArticleType.objects.with_translation(language))
        self.topics = list(Topic.objects.with_translation(language))
        regions = list(Region.objects.with_translation(language))
        self.experts = list(Expert.objects.with_translation(language))
        self.fields["type"].choices = any_ + [(t.pk, t.name) for t in self.types]
        self.fields["topic"].choices = any_ + [(t.pk, t.name) for t in self.topics]
        self.fields["region"].choices = any_ + [
            (r.pk, f"— {r.name}" if r.parent_id else r.name)
            for r in _regions_then_countries(regions)
        ]
        self.fields["expert"].choices = any_ + [(e.slug, e.name) for e in self.experts]
        self.countries = {}
        for region in regions:
            if region.parent_id:
                self.countries.setdefault(region.parent_id, []).append(region.pk)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data

    def filter(self, queryset):
        """Return queryset narrowed by the valid filters (the view applies the order)."""
        data = self.cleaned_data
        if data.get("type"):
            queryset = queryset.filter(article_type=data["type"])
        if data.get("topic"):
            queryset = queryset.filter(
                pk__in=Article.topics.through.objects.filter(topic=data["topic"]).values("article")
            )
        if data.get("region"):
            places = [data["region"], *self.countries.get(data["region"], [])]
            queryset = queryset.filter(
                pk__in=Article.regions.through.objects.filter(region__in=places).values("article")
            )
        if data.get("expert"):
            queryset = queryset.filter(
                pk__in=Authorship.objects.filter(expert__slug=data["expert"]).values("article")
            )
        start, end = self.date_range()
        if start:
            queryset = queryset.filter(published_at__date__gte=start)
        if end:
            queryset = queryset.filter(published_at__date__lte=end)
        return queryset

    def date_range(self):
        """Return the first and last Gregorian day the year and date filters allow (or None)."""
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if data.get("year"):
            first, last = calendars.year_range(data["year"], self.language)
            start, end = max(start or first, first), min(end or last, last)
        return start, end

    def query_in(self, language: str) -> str:
        """
        Return these filters as the query string of the same listing in language: dates
        written in its calendar, a year of another calendar as the range of days it spans.
        """
        data = self.cleaned_data
        params = {
            name: self.data[name]
            for name in self.fields
            if name not in ("year", "date_from", "date_to") and data.get(name)
        }
        same = calendars.calendar_of(language) == calendars.calendar_of(self.language)
        if same and data.get("year"):
            params["year"] = data["year"]
            start, end = data.get("date_from"), data.get("date_to")
        else:
            start, end = self.date_range()
        for name, day in (("date_from", start), ("date_to", end)):
            if day:
                params[name] = write_date(day, language)
        return urlencode(params)

    def active_filters(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields if name != "sort")


class CalendarDateField(forms.DateField):
    """A date typed in the calendar of a language (year/month/day, any digits); cleans to
    its Gregorian day."""

    def __init__(self, *, language: str, **kwargs):
        self.language = language
        example = write_date(timezone.localdate(), language).replace("-", "/")
        kwargs["widget"] = forms.TextInput(
            attrs={"placeholder": i18n.localize_digits(example, language), "size": 10}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return calendars.parse_date(value, self.language)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a date as year/month/day of the Solar Hijri calendar, e.g. %(example)s."),
                code="invalid",
                params={"example": self.widget.attrs["placeholder"]},
            ) from None


def write_date(day, language: str) -> str:
    """Return a Gregorian day as a filter value in language's calendar: 1399-09-10, ASCII."""
    year, month, day_ = calendars.to_calendar(day, calendars.calendar_of(language))
    return f"{year:04d}-{month:02d}-{day_:02d}"


def years_with_pieces(language: str) -> list[int]:
    """The years of the language's calendar from now back to its first public piece."""
    # The oldest by the article_newest index, read backwards: MIN() over the join with the
    # translations scanned every public piece (130 ms at 100,000; this, under 3 ms).
    oldest = Article.objects.public(language).order_by("published_at", "pk")
    first = oldest.values_list("published_at", flat=True).first()
    if first is None:
        return []
    low, high = calendars.year_bounds(language)
    newest = min(calendars.year_of(timezone.now(), language), high)
    return list(range(newest, max(calendars.year_of(first, language), low) - 1, -1))


def _regions_then_countries(regions):
    """Order regions so that each is followed by its countries."""
    countries = {}
    for region in regions:
        countries.setdefault(region.parent_id, []).append(region)
    ordered = []
    for region in countries.get(None, []):
        ordered.append(region)
        ordered.extend(countries.get(region.pk, []))
    return ordered

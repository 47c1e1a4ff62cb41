"""The filters of the all-analysis page, read from a shareable query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
        any_ = [("", _("Any"))]
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
        if data.get("date_from"):
            queryset = queryset.filter(published_at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(published_at__date__lte=data["date_to"])
        return queryset

    def active_filters(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields if name != "sort")


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

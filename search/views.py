"""The search page: /search/?q=... in each language."""

from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import cache_tags, calendars
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .engine import FACETS, search
from .forms import SearchForm
from .query import parse

FACET_TITLES = {
    "type": _("Content type"),
    "topic": _("Topic"),
    "region": _("Region or country"),
    "expert": _("Expert"),
    "year": _("Year"),
}
FACET_MODELS = {"type": ArticleType, "topic": Topic, "region": Region, "expert": Expert}
SHOWN_PER_FACET = 10


@dataclass
class Option:
    value: int
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    options: list[Option]


def labels(facet: str, ids, language: str) -> dict[int, str]:
    """Return {id: name in language} of the known values among ids."""
    if facet == "year":  # a year of the language's calendar (Solar Hijri in Farsi)
        first, last = calendars.year_bounds(language)
        return {year: str(year) for year in ids if first <= year <= last}
    if not ids:
        return {}
    objects = FACET_MODELS[facet].objects.with_translation(language).filter(pk__in=ids)
    return {obj.pk: obj.name for obj in objects}


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        # Results and facets: any public piece in the language, any expert or term name.
        cache_tags.shows(cache_tags.listing(language), cache_tags.search(language))
        cache_tags.shows(cache_tags.EXPERTS, cache_tags.TERMS)
        form = SearchForm(self.request.GET)
        if not form.is_valid():  # see SearchForm: only what no link or browser sends
            raise BadRequest("Malformed search parameters.")
        data = form.cleaned_data
        query = parse(data["q"], language)
        filters = form.filters()
        sort = data["sort"] or ("relevance" if query.positive else "date")
        options = {"language": language, "query": query, "sort": sort, "page": data["page"]}
        results = search(filters=filters, **options)

        names = {
            facet: labels(facet, {*results.counts[facet], *filters[facet]}, language)
            for facet in FACETS
        }
        unknown = any(set(filters[f]) - set(names[f]) for f in FACETS)
        if unknown:  # a stale or made-up value: search as if it were not there
            filters = {f: [v for v in filters[f] if v in names[f]] for f in FACETS}
            results = search(filters=filters, **options)
        facets = [self.facet(f, results.counts[f], filters[f], names[f]) for f in FACETS]
        return super().get_context_data(
            form=form,
            query=data["q"],
            parsed=query,
            sort=sort,
            results=results,
            facets=[facet for facet in facets if facet.options],
            active_filters=any(filters.values()),
            previous_url=self.page_url(results.page - 1) if results.page > 1 else None,
            next_url=self.page_url(results.page + 1) if results.page < results.pages else None,
            **kwargs,
        )

    def facet(self, name, counts, selected, names) -> Facet:
        options = [
            Option(value, names[value], counts.get(value, 0), value in selected)
            for value in {*counts, *selected}
            if value in names
        ]
        if name == "year":
            options.sort(key=lambda o: -o.value)
        else:
            options.sort(key=lambda o: (-o.count, o.label))
        shown = options[:SHOWN_PER_FACET]
        shown += [o for o in options[SHOWN_PER_FACET:] if o.selected]
        return Facet(name, FACET_TITLES[name], shown)

    def page_url(self, page: int) -> str:
        query = self.request.GET.copy()
        query["page"] = str(page)
        return f"?{query.urlencode()}"

"""
What the editor's readership view shows (readership.admin_views): one article's views per
day and language, where its readers came from on the site, its translations against their
audience, and the site's most read pieces per language. Counts of the days kept in detail
(READERSHIP_DETAIL_DAYS); every figure for a period is a few queries, whatever its size.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone, translation

from articles.models import ArticleTranslation, State
from core import i18n
from taxonomy.models import ArticleTypeTranslation, RegionTranslation, TopicTranslation

from .models import DailyListingPath, DailyPath, DailyViews, ListingKind

#: The periods an editor may choose, in days (today included).
PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
#: How many sources (pieces, listings) and most read pieces are listed.
TOP = 10
#: The chart's drawing box (SVG user units): bars fill the width, the tallest the height.
WIDTH, HEIGHT = 600, 120


def periods() -> list[int]:
    """The periods offered: those within the days kept in detail."""
    kept = [days for days in PERIODS if days <= settings.READERSHIP_DETAIL_DAYS]
    return kept or [PERIODS[0]]


def period_of(value, default: int = DEFAULT_PERIOD) -> int:
    """The period a query string asks for; anything else (abc, 0, 4000) is the default."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    offered = periods()
    if days in offered:
        return days
    return default if default in offered else offered[-1]


def days_of(days: int, today: date | None = None) -> list[date]:
    """The days of the period, oldest first, ending today."""
    today = today or timezone.localdate()
    return [today - timedelta(days=n) for n in range(days - 1, -1, -1)]


@dataclass
class Bar:
    day: date
    views: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    """A language's views per day, drawn as bars (oldest first, from the start edge)."""

    language: str
    bars: list[Bar]
    total: int
    peak: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def name(self) -> str:
        return i18n.native_name(self.language)

    @property
    def direction(self) -> str:
        return i18n.direction_of(self.language)


def chart(language: str, counts: dict[date, int], days: list[date], rtl: bool) -> Chart:
    """Bars of counts over days; right to left (oldest at the right) when rtl."""
    peak = max(counts.values(), default=0)
    step = WIDTH / len(days)
    bars = []
    for n, day in enumerate(days):
        views = counts.get(day, 0)
        height = HEIGHT * views / peak if peak else 0
        # A day with views is never drawn thinner than a hair.
        height = max(height, 1.0) if views else 0
        x = WIDTH - (n + 1) * step if rtl else n * step
        bars.append(
            Bar(
                day,
                views,
                round(x + step * 0.1, 2),
                round(HEIGHT - height, 2),
                round(step * 0.8, 2),
                round(height, 2),
            )
        )
    return Chart(language, bars, sum(counts.values()), peak)


@dataclass
class Audience:
    """A translation's views against all views of its language on the site."""

    language: str
    state: str
    views: int
    site_views: int

    @property
    def share(self) -> float:
        """Of every 1,000 views in the language on the site, how many were this piece's."""
        return 1000 * self.views / self.site_views if self.site_views else 0.0

    @property
    def name(self) -> str:
        return i18n.native_name(self.language)

    @property
    def state_label(self) -> str:
        return State(self.state).label if self.state else ""


@dataclass
class Source:
    """A piece or listing readers came from (or went on to), and how many."""

    label: str
    count: int
    article_id: int | None = None
    kind: str = ""


@dataclass
class ArticleReport:
    days: list[date]
    charts: list[Chart]
    audiences: list[Audience]
    came_from: list[Source] = field(default_factory=list)
    from_listings: list[Source] = field(default_factory=list)
    went_on_to: list[Source] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.charts)


def _since(days: list[date]) -> Q:
    return Q(day__gte=days[0], day__lte=days[-1])


def _mine():
    """0 for a row in the admin's language, 1 for the others: that one comes first."""
    return Case(
        When(language_code=translation.get_language(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _name(model, key: str, field_name: str) -> Subquery:
    """The name (title) of what an outer row's key names, in the admin's language if it can."""
    return Subquery(
        model.objects.filter(master_id=OuterRef(key))
        .annotate(mine=_mine())
        .order_by("mine", "language_code")
        .values(field_name)[:1]
    )


def article_report(article, days: int, *, today: date | None = None) -> ArticleReport:
    """Everything the article's readership view shows for the last days: six queries."""
    period = days_of(days, today)
    rtl = translation.get_language_bidi()
    counts: dict[str, dict[date, int]] = {}
    rows = DailyViews.objects.filter(_since(period), article=article)
    for language, day, views in rows.values_list("language", "day", "views"):
        counts.setdefault(language, {})[day] = views
    states = dict(article.translations.values_list("language_code", "state"))
    languages = [code for code in i18n.language_codes() if code in states or code in counts]
    site = dict(
        DailyViews.objects.filter(_since(period))
        .order_by()
        .values_list("language")
        .annotate(total=Sum("views"))
    )
    audiences = [
        Audience(code, states.get(code, ""), sum(counts.get(code, {}).values()), site.get(code, 0))
        for code in languages
    ]
    audiences.sort(key=lambda a: (-a.share, languages.index(a.language)))
    return ArticleReport(
        days=period,
        charts=[chart(code, counts.get(code, {}), period, rtl) for code in languages],
        audiences=audiences,
        came_from=_pieces(DailyPath.objects.filter(_since(period), to_article=article), "from"),
        went_on_to=_pieces(DailyPath.objects.filter(_since(period), from_article=article), "to"),
        from_listings=_listings(
            DailyListingPath.objects.filter(_since(period), to_article=article)
        ),
    )


def _pieces(paths, end: str) -> list[Source]:
    """The pieces at one end (from, to) of paths, most readers first."""
    rows = (
        paths.order_by()
        .values(f"{end}_article_id")
        .annotate(n=Sum("count"), title=_name(ArticleTranslation, f"{end}_article_id", "title"))
        .order_by("-n", f"{end}_article_id")[:TOP]
    )
    key = f"{end}_article_id"
    return [Source(row["title"] or "", row["n"], article_id=row[key]) for row in rows]


LISTING_NAMES = {
    ListingKind.TOPIC: TopicTranslation,
    ListingKind.REGION: RegionTranslation,
    ListingKind.TYPE: ArticleTypeTranslation,
}


def _listings(paths) -> list[Source]:
    """The listings readers came from, most readers first, named in the admin's language."""
    rows = (
        paths.order_by()
        .values("kind", "term_id")
        .annotate(
            n=Sum("count"),
            name=Case(
                *(When(kind=k, then=_name(m, "term_id", "name")) for k, m in LISTING_NAMES.items())
            ),
        )
        .order_by("-n", "kind", "term_id")[:TOP]
    )
    return [
        Source(row["name"] or "", row["n"], kind=ListingKind(row["kind"]).label) for row in rows
    ]


@dataclass
class Ranked:
    article_id: int
    title: str
    views: int


def most_read_everywhere(days: int, *, today: date | None = None) -> dict[str, list[Ranked]]:
    """{language: the pieces read most there in the last days}, public or not: a query each."""
    period = days_of(days, today)
    result = {}
    for language in i18n.language_codes():
        rows = (
            DailyViews.objects.filter(_since(period), language=language)
            .annotate(
                text=FilteredRelation(
                    "article__translations",
                    condition=Q(article__translations__language_code=language),
                )
            )
            .values("article_id", title=F("text__title"))
            .annotate(total=Sum("views"))
            .order_by("-total", "article_id")[:TOP]
        )
        result[language] = [Ranked(r["article_id"], r["title"] or "", r["total"]) for r in rows]
    return result


def site_totals(days: int, *, today: date | None = None) -> dict[str, int]:
    """{language: every view there in the last days}."""
    period = days_of(days, today)
    return dict(
        DailyViews.objects.filter(_since(period))
        .order_by()
        .values_list("language")
        .annotate(total=Sum("views"))
    )

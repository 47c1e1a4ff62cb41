"""
The multilingual sitemap: /sitemap.xml is an index of sections, each paginated
(/sitemap-articles.xml?p=2).

Every entry is one language version at its own URL, with `xhtml:link` alternates
naming every version of the same item (itself included) plus `x-default`, so the
alternates are symmetric by construction. Articles list only public translations.
A page costs three queries (count, rows, alternates), whatever its size.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.db.models.functions import Greatest

from articles.models import ArticleTranslation
from core import cache_tags, i18n
from experts.models import ExpertTranslation
from taxonomy.models import ArticleTypeTranslation, RegionTranslation, TopicTranslation

# Sitemaps may hold 50,000 URLs; with three alternates each that is ~35 MB of XML.
# Smaller pages stay light to build and fetch.
PAGE_SIZE = 10_000


class PathMaker:
    """Build item paths per language fast: one reverse() per language, not per URL."""

    PLACEHOLDER = "SLUG-PLACEHOLDER"

    def __init__(self, viewname: str):
        self.templates = {
            code: i18n.url_in(code, viewname, slug=self.PLACEHOLDER)
            for code in i18n.language_codes()
        }

    def __call__(self, language: str, slug: str) -> str:
        return self.templates[language].replace(self.PLACEHOLDER, slug)


class TranslationSitemap(Sitemap):
    """
    One entry per row of a translation model, ordered by item then language.

    Rows are dicts from .values(): `master_id`, `language_code`, and `lastmod` where
    the section has one. URLs come from one range query over the item ids of the page
    (rows are ordered by item, so a page is a range), which also gives the alternates.
    """

    limit = PAGE_SIZE
    translation_model = None
    viewname = "articles:resolve"
    slug_field = "slug"
    #: What a change must invalidate for this section to be rendered again (core.cache_tags).
    shows = (cache_tags.TERMS,)

    def translations(self):
        return self.translation_model.objects.all()

    def row_fields(self) -> dict:
        """Return annotations each row carries besides its item and language."""
        return {}

    def items(self):
        return (
            self.translations()
            .order_by("master_id", "language_code")
            .values("master_id", "language_code", **self.row_fields())
        )

    def source_language(self, row) -> str | None:
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        cache_tags.shows(*self.shows)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        make_path = PathMaker(self.viewname)
        rows = list(self.paginator.page(page).object_list)
        if not rows:
            return []
        versions = {}  # {item id: {language: absolute URL}}
        alternates = (
            self.translations()
            .filter(master_id__gte=rows[0]["master_id"], master_id__lte=rows[-1]["master_id"])
            .values_list("master_id", "language_code", self.slug_field)
        )
        for master_id, language, slug in alternates:
            versions.setdefault(master_id, {})[language] = base + make_path(language, slug)
        urls = []
        for row in rows:
            siblings = versions.get(row["master_id"], {})
            if row["language_code"] not in siblings:
                continue  # unpublished between the two queries
            default = i18n.default_language(siblings, self.source_language(row))
            links = [
                {"lang_code": code, "location": siblings[code]}
                for code in i18n.language_codes()
                if code in siblings
            ]
            links.append({"lang_code": "x-default", "location": siblings[default]})
            lastmod = row.get("lastmod")
            urls.append(
                {
                    "item": row,
                    "location": siblings[row["language_code"]],
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": links,
                }
            )
        lastmods = [row["lastmod"] for row in rows if row.get("lastmod")]
        if len(lastmods) == len(rows):  # the view's Last-Modified header
            self.latest_lastmod = max(lastmods)
        return urls


class ArticleSitemap(TranslationSitemap):
    translation_model = ArticleTranslation
    # A version changes with its own text and with the article's shared fields, and
    # counts as new when it goes public (as JSON-LD dateModified: metadata.version_modified).
    LASTMOD = Greatest("changed_at", "master__updated_at", "master__published_at")
    # Every public piece in every language (too many for a tag each).
    shows = tuple(cache_tags.listing(code) for code in i18n.language_codes())

    def translations(self):
        return ArticleTranslation.objects.public()

    def row_fields(self):
        return {"lastmod": self.LASTMOD, "source": F("master__source_language")}

    def source_language(self, row):
        return row["source"]

    def get_latest_lastmod(self):
        return self.translations().aggregate(latest=Max(self.LASTMOD))["latest"]


class ExpertSitemap(TranslationSitemap):
    translation_model = ExpertTranslation
    viewname = "experts:detail"
    slug_field = "master__slug"  # one slug in every language
    shows = (cache_tags.EXPERTS,)

    def row_fields(self):
        return {"lastmod": F("master__updated_at")}

    def get_latest_lastmod(self):
        return ExpertTranslation.objects.aggregate(latest=Max("master__updated_at"))["latest"]


class TopicSitemap(TranslationSitemap):
    translation_model = TopicTranslation


class RegionSitemap(TranslationSitemap):
    translation_model = RegionTranslation


class ArticleTypeSitemap(TranslationSitemap):
    translation_model = ArticleTypeTranslation


class PageSitemap(Sitemap):
    """The home page, all analysis, the experts list and the event listings, in every language."""

    PAGES = ["home", "articles:index", "experts:index", "events:upcoming", "events:past"]

    def items(self):
        return [(name, code) for name in self.PAGES for code in i18n.language_codes()]

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = []
        for name, language in self.paginator.page(page).object_list:
            links = [
                {"lang_code": code, "location": base + i18n.url_in(code, name)}
                for code in i18n.language_codes()
            ]
            default = base + i18n.url_in(i18n.default_language(i18n.language_codes()), name)
            links.append({"lang_code": "x-default", "location": default})
            location = base + i18n.url_in(language, name)
            urls.append(
                {
                    "item": name,
                    "location": location,
                    "lastmod": None,
                    "changefreq": None,
                    "priority": "",
                    "alternates": links,
                }
            )
        return urls


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "experts": ExpertSitemap,
    "topics": TopicSitemap,
    "regions": RegionSitemap,
    "types": ArticleTypeSitemap,
}

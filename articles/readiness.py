"""
Publishing readiness: what a language version of an article would show untranslated.

A page never loses an author, its type or a term for being untranslated (it names them in
English, with_fallback_translation), but a reader of Arabic should not meet English names
in an Arabic byline. Before a translation is published the editor sees these gaps, each
with a link to translate it side by side; publishing anyway is allowed, and the workflow
event records what was missing. The hero image's description and caption are not
gaps but requirements: without them in the language, the translation cannot be submitted
or published.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n
from experts.models import Expert, ExpertTranslation
from taxonomy.models import (
    ArticleType,
    ArticleTypeTranslation,
    Region,
    RegionTranslation,
    Topic,
    TopicTranslation,
)
from translations.policy import can_translate

from .models import Article, ArticleTranslation, Authorship, State

MODELS = {"author": Expert, "type": ArticleType, "topic": Topic, "region": Region}
#: kind -> what the editor is told is untranslated: "Author “%(name)s”".
KINDS = {
    "author": gettext_lazy("Author “%(name)s”"),
    "type": gettext_lazy("Content type “%(name)s”"),
    "topic": gettext_lazy("Topic “%(name)s”"),
    "region": gettext_lazy("Region “%(name)s”"),
}


@dataclass(frozen=True)
class Gap:
    kind: str  # a key of KINDS
    pk: int
    name: str
    url: str  # the side-by-side view translating it into the language ("" if none)

    def describe(self, language: str) -> str:
        """Say what is missing, e.g. 'Author “Omer Carmi” has no Arabic name yet.'"""
        return _("%(what)s is not translated into %(language)s yet.") % {
            "what": KINDS[self.kind] % {"name": self.name},
            "language": i18n.language_name(language),
        }

    def as_json(self) -> dict:
        return {"kind": self.kind, "pk": self.pk, "name": self.name}

    def url_for(self, user, language: str) -> str:
        """The side-by-side view's address if user may translate it into language, else ""."""
        model = MODELS[self.kind]
        return self.url if self.url and can_translate(user, model, language) else ""


def translation_gaps(article: Article, language: str) -> list[Gap]:
    """Return what the article's page in language would name in another language."""
    found = [
        *(
            _gap("author", expert, language)
            for expert in _untranslated(
                Expert.objects.filter(authorships__article=article).order_by(
                    "authorships__position"
                ),
                language,
            )
        ),
        *(
            _gap("type", kind, language)
            for kind in _untranslated(ArticleType.objects.filter(articles=article), language)
        ),
        *(
            _gap("topic", topic, language)
            for topic in _untranslated(Topic.objects.filter(articles=article), language)
        ),
        *(
            _gap("region", region, language)
            for region in _untranslated(Region.objects.filter(articles=article), language)
        ),
    ]
    return found


def missing_hero_description(article: Article, translation: ArticleTranslation) -> bool:
    """
    Return True if the article has a hero image its translation does not describe or
    caption: both are per language, and required to submit or publish that language.
    """
    if not article.hero_image:
        return False
    return not (translation.hero_alt or "").strip() or not (translation.hero_credit or "").strip()


def gaps_described(gaps: list[dict], language: str) -> list[str]:
    """Say what a recorded list of gaps (Gap.as_json) was missing, for the workflow log."""
    return [
        Gap(gap["kind"], gap["pk"], gap["name"], "").describe(language)
        for gap in gaps
        if gap.get("kind") in KINDS
    ]


def gap_counts(languages) -> dict[str, int]:
    """
    Return {language: how many translations in review or published name something
    untranslated in their language}, over the articles that are not withdrawn: one query.
    """

    def untranslated(translations, master):
        # OuterRef(OuterRef(...)): the language of the article translation counted.
        same = translations.objects.filter(
            master=OuterRef(master), language_code=OuterRef(OuterRef("language_code"))
        )
        return ~Exists(same)

    def any_untranslated(links, target, translations):
        return Exists(
            links.filter(article=OuterRef("master")).filter(untranslated(translations, target))
        )

    kind = ~Exists(
        ArticleTypeTranslation.objects.filter(
            master=OuterRef("master__article_type"), language_code=OuterRef("language_code")
        )
    )
    rows = (
        ArticleTranslation.objects.filter(
            master__is_withdrawn=False, state__in=[State.REVIEW, State.PUBLISHED]
        )
        .filter(
            any_untranslated(Authorship.objects, "expert", ExpertTranslation)
            | any_untranslated(Article.topics.through.objects, "topic", TopicTranslation)
            | any_untranslated(Article.regions.through.objects, "region", RegionTranslation)
            | Q(kind)
        )
        .values("language_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(languages, 0)
    for row in rows:
        if row["language_code"] in counts:
            counts[row["language_code"]] = row["n"]
    return counts


def _untranslated(queryset, language: str):
    return queryset.exclude(translations__language_code=language)


def _gap(kind: str, obj, language: str) -> Gap:
    opts = obj._meta
    try:
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language]
        )
    except NoReverseMatch:
        url = ""
    return Gap(kind, obj.pk, str(obj), url)

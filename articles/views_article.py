"""
An article's page: its language versions, type, authors, terms, text, citation and
"Recommended", with the parts other than "Recommended" kept as fragments (core.fragments).
"""

from django.utils.translation import get_language
from django.views.generic import DetailView

from core import cache_tags, fragments, i18n
from experts.models import Expert
from translations.models import attach_translation

from .event_pages import event_context
from .models import Attachment, Correction
from .page_data import load_page_relations

#: The parts of an article page kept as fragments (templates/articles/detail.html).
FRAGMENTS = ("meta", "text", "terms")


class ArticleDetailView(DetailView):
    template_name = "articles/detail.html"
    context_object_name = "article"
    versions: dict = {}
    #: Use and store the page's fragments (core.fragments); a preview never does.
    use_fragments = True

    def get_object(self, queryset=None):
        language = get_language()
        translation = self.versions[language]
        article = translation.master
        attach_translation(article, translation)
        self.fragments_key = self.key_of(article, translation)
        # Found current, the fragments stand for the page's text, byline and terms: none of
        # the queries for them is needed.
        self.found = fragments.lookup(self.fragments_key) if self.fragments_key else None
        if self.found is None:
            load_page_relations(article, language)
        return article

    def key_of(self, article, translation) -> str | None:
        """
        The key of the page's fragments, or None: an event's or an episode's page says what
        is upcoming or playing now, which no tag follows.
        """
        if not (self.use_fragments and fragments.enabled()):
            return None
        if any(getattr(article, name, None) is not None for name in ("episode", "event")):
            return None
        return fragments.key(self.request, "article", article.pk, translation.pk)

    def get_context_data(self, **kwargs):
        language = get_language()
        article = self.object
        alternates = {
            code: i18n.url_in(code, "articles:resolve", slug=version.slug)
            for code, version in self.versions.items()
        }
        default = alternates[i18n.default_language(alternates, article.source_language)]
        cache_tags.shows(cache_tags.article(article.pk), cache_tags.recommendations(article.pk))
        shared = {
            "translation": self.versions[language],
            "alternates": alternates,
            "x_default": default,
        }
        if self.found is not None:
            return super().get_context_data(fragments=self.found, **shared, **kwargs)
        authors = list(article.authors.all())
        terms = [*article.topics.all(), *article.regions.all()]
        # What the fragments show that the view loaded for them: the article's versions
        # ("Also available in"), its authors, terms and type.
        shown = [cache_tags.article(article.pk), *(cache_tags.of(o) for o in [*authors, *terms])]
        if article.article_type_id:
            shown.append(cache_tags.term("articletype", article.article_type_id))
        cache_tags.shows(*shown)
        if self.fragments_key:
            kwargs["fragments_pending"] = fragments.Pending(self.fragments_key, FRAGMENTS, shown)
        # A podcast episode came with the page's versions (page_data.VERSIONS); its guests
        # are one query, on an episode's page only.
        episode = getattr(article, "episode", None)
        guests = []
        if episode is not None:
            guests = list(
                Expert.objects.with_fallback_translation(language).filter(guest_episodes=episode)
            )
            cache_tags.shows(*(cache_tags.of(guest) for guest in guests))
        return super().get_context_data(
            episode=episode,
            guests=guests,
            authors=authors,
            # At the end of the page and in its JSON-LD (the article's tag covers them); a
            # version that has none says so (page_data.VERSIONS; a preview's does not).
            corrections=self.listed(Correction, "has_corrections"),
            attachments=self.listed(Attachment, "has_attachments"),
            **event_context(article, language),
            **shared,
            **kwargs,
        )

    def listed(self, model, flag: str) -> list:
        """The page version's corrections or attachments, without a query if it has none."""
        translation = self.versions[get_language()]
        if not getattr(translation, flag, True):
            return []
        return list(model.objects.shown(translation.master_id, translation.language_code))

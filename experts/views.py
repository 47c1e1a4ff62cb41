"""Public expert pages."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import ListView

from articles.models import Article
from articles.views import KeysetListView
from core import i18n
from taxonomy.models import Topic

from .models import Expert


class ExpertIndexView(ListView):
    """The institute's experts in this language, current ones first."""

    template_name = "experts/index.html"
    context_object_name = "experts"

    def get_queryset(self):
        return Expert.objects.with_translation(get_language()).order_by("-is_current", "sort_name")


class ExpertDetailView(KeysetListView):
    """An expert's profile and their public pieces in this language."""

    template_name = "experts/detail.html"

    def get(self, request, *args, **kwargs):
        self.expert = get_object_or_404(
            Expert.objects.with_translation(get_language()), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        language = get_language()
        return Article.objects.public(language).written_by(self.expert).for_cards(language)

    def get_context_data(self, **kwargs):
        language = get_language()
        expert = self.expert
        return super().get_context_data(
            expert=expert,
            links=expert.links.all(),
            top_topics=self.top_topics(language),
            alternates=self.alternates,
            x_default=self.alternates[i18n.default_language(self.alternates)],
            **kwargs,
        )

    def top_topics(self, language: str, limit: int = 5, recent: int = 200) -> list:
        """
        The topics of the expert's latest `recent` public pieces in language, most
        frequent first (a bounded window keeps the count cheap for prolific authors).
        """
        latest = (
            Article.objects.public(language)
            .filter(authorships__expert=self.expert)
            .order_by("-published_at", "-pk")
            .values("pk")[:recent]
        )
        counts = dict(
            Article.topics.through.objects.filter(article__in=latest)
            .values_list("topic")
            .annotate(pieces=Count("article"))
            .order_by("-pieces", "topic")[:limit]
        )
        topics = Topic.objects.with_translation(language).filter(pk__in=counts)
        return sorted(topics, key=lambda topic: (-counts[topic.pk], topic.position))

    @cached_property
    def alternates(self) -> dict[str, str]:
        expert = self.expert
        languages = expert.translations.values_list("language_code", flat=True)
        return {code: i18n.url_in(code, "experts:detail", slug=expert.slug) for code in languages}

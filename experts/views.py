"""Public expert pages."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import ListView

from articles.models import Article, Authorship
from taxonomy.models import Topic
from thinktank import i18n
from thinktank.views import PaginatedListView

from .models import Expert


class ExpertIndexView(ListView):
    """The institute's experts in this language, current ones first."""

    template_name = "experts/index.html"
    context_object_name = "experts"

    def get_queryset(self):
        return Expert.objects.with_translation(get_language()).order_by("-is_current", "sort_name")


class ExpertDetailView(PaginatedListView):
    """An expert's profile and their public pieces in this language."""

    template_name = "experts/detail.html"
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.expert = get_object_or_404(
            Expert.objects.with_translation(get_language()), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        language = get_language()
        return (
            Article.objects.public(language)
            .filter(pk__in=Authorship.objects.filter(expert=self.expert).values("article"))
            .for_cards(language)
        )

    def get_context_data(self, **kwargs):
        language = get_language()
        expert = self.expert
        public_ids = (
            Article.objects.public(language).filter(authorships__expert=expert).values("pk")
        )
        top_topics = (
            Topic.objects.with_translation(language)
            .filter(articles__in=public_ids)
            .annotate(pieces=Count("articles"))
            .order_by("-pieces", "position")[:5]
        )
        languages = expert.translations.values_list("language_code", flat=True)
        alternates = {
            code: i18n.url_in(code, "experts:detail", slug=expert.slug) for code in languages
        }
        return super().get_context_data(
            expert=expert,
            links=expert.links.all(),
            top_topics=top_topics,
            alternates=alternates,
            x_default=alternates.get("en") or self.request.path,
            **kwargs,
        )

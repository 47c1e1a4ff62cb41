"""Project-wide public views: the home page and the error page."""

import logging

from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.generic import TemplateView

from articles.models import Article
from taxonomy.models import ArticleType, Region, Topic

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        public = Article.objects.public(language).for_cards(language)
        return super().get_context_data(
            featured=public.filter(is_featured=True)[:3],
            latest=public[:10],
            topics=Topic.objects.with_translation(language),
            regions=Region.objects.with_translation(language)
            .filter(parent=None)
            .prefetch_related(
                Prefetch("countries", queryset=Region.objects.with_translation(language))
            ),
            types=ArticleType.objects.with_translation(language),
            **kwargs,
        )


def server_error(request):
    """Render the 500 page in the request's language, or plain text if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself must never fail: log and answer simply
        logger.exception("The 500 page could not be rendered.")
        return HttpResponseServerError("Server error. Please try again later.")

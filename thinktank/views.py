"""Project-wide public views: the home page and the error page."""

import logging

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.views.generic import TemplateView

from articles.models import Article
from core import cache_tags
from taxonomy.models import ArticleType, Region, Topic

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        # The newest pieces and every term.
        cache_tags.shows(cache_tags.listing(language), cache_tags.TERMS)
        public = Article.objects.public(language).for_cards(language)
        featured, latest = list(public.filter(is_featured=True)[:3]), list(public[:10])
        for card in [*featured, *latest]:
            cache_tags.shows_card(card)
        return super().get_context_data(
            featured=featured,
            latest=latest,
            topics=Topic.objects.with_translation(language),
            regions=Region.objects.with_translation(language)
            .filter(parent=None)
            .prefetch_related(
                Prefetch("countries", queryset=Region.objects.with_translation(language))
            ),
            types=ArticleType.objects.with_translation(language),
            **kwargs,
        )


def bad_request(request, exception):
    """
    Render the 400 page in the language of the address, or plain text if even that fails.
    What made the request bad may be what a page reads (too many parameters, a Host we do
    not serve): the site's template tags cope with both (templatetags.site).
    """
    # LocaleMiddleware sets it; a request refused before that (an unknown Host) has none.
    language = getattr(request, "LANGUAGE_CODE", None) or (
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )
    try:
        with translation.override(language):
            return render(request, "400.html", status=400)
    except Exception:  # the page itself must never fail: log and answer simply
        logger.exception("The 400 page could not be rendered.")
        return HttpResponseBadRequest("Bad request.")


def server_error(request):
    """Render the 500 page in the request's language, or plain text if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself must never fail: log and answer simply
        logger.exception("The 500 page could not be rendered.")
        return HttpResponseServerError("Server error. Please try again later.")

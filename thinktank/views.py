"""Project-wide public views: the home page, error pages, and a paginating list base."""

import logging

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.generic import TemplateView

from articles.models import Article
from taxonomy.models import ArticleType, Region, Topic
from thinktank.pagination import paginate

logger = logging.getLogger(__name__)


class KeysetListView(TemplateView):
    """
    A list of articles, newest (or oldest) first, a page at a time by keyset
    pagination (thinktank.pagination): no count, no offset, any depth costs the same.
    """

    context_object_name = "articles"

    def get_queryset(self):
        raise NotImplementedError

    def newest_first(self) -> bool:
        return True

    def get_context_data(self, **kwargs):
        page = paginate(
            self.get_queryset(),
            self.request.GET,
            size=settings.LISTING_PAGE_SIZE,
            newest_first=self.newest_first(),
        )
        kwargs.setdefault(self.context_object_name, page.object_list)
        return super().get_context_data(
            page=page,
            is_paginated=page.has_other_pages,
            newest_first=self.newest_first(),
            **kwargs,
        )


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

"""
The public list of experts. An expert's own page lists their articles, so it lives with
the article pages (articles.views.ExpertDetailView).
"""

from django.utils.translation import get_language
from django.views.generic import ListView

from core import cache_tags

from .models import Expert


class ExpertIndexView(ListView):
    """The institute's experts in this language, current ones first."""

    template_name = "experts/index.html"
    context_object_name = "experts"

    def get_queryset(self):
        cache_tags.shows(cache_tags.EXPERTS)
        return Expert.objects.with_translation(get_language()).order_by("-is_current", "sort_name")

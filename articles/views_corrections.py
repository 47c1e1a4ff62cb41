"""
The corrections page of a language (/corrections/, /ar/corrections/, /fa/corrections/):
every correction of a public language version, newest first, with the piece it corrects,
a page at a time by keyset pagination on the correction's date.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.views.generic import TemplateView

from core import cache_tags, i18n
from core.pagination import paginate

from .models import ArticleTranslation, Correction, public_q


class CorrectionListView(TemplateView):
    template_name = "articles/corrections.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        # A correction appended (or a version made public or hidden) is a public change of
        # the language version, which makes the language's listings stale: this among them.
        cache_tags.shows(cache_tags.listing(language))
        public = ArticleTranslation.objects.filter(
            public_q(language, article="master__"), master=OuterRef("article")
        )
        corrections = Correction.objects.filter(language_code=language).filter(Exists(public))
        page = paginate(
            corrections, self.request.GET, size=settings.LISTING_PAGE_SIZE, field="created_at"
        )
        versions = {
            version["master_id"]: version
            for version in ArticleTranslation.objects.filter(
                language_code=language, master__in={c.article_id for c in page.object_list}
            ).values("master_id", "title", "slug")
        }
        for correction in page.object_list:
            correction.version = versions[correction.article_id]
            cache_tags.shows(cache_tags.article(correction.article_id))
        alternates = {code: i18n.url_in(code, "corrections") for code in i18n.language_codes()}
        return super().get_context_data(
            corrections=page.object_list,
            page=page,
            is_paginated=page.has_other_pages,
            newest_first=True,
            alternates=alternates,
            **kwargs,
        )

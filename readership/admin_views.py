"""
The editor's readership view in the admin: one article's readers (reached from its change
page, like its history and corrections), and the site's most read pieces per language.

The screens hang off the daily views' admin; who may see them is the article admin's
decision (whoever may view the article there), so they ask it.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from articles.models import Article
from core import i18n

from . import report


class ReadershipScreensMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("overview/", view(self.overview_view), name="readership_overview"),
            path(
                "article/<path:object_id>/",
                view(self.article_view),
                name="readership_article",
            ),
            *super().get_urls(),
        ]

    def _articles(self):
        """The article admin: it says who may see an article and builds the screen context."""
        return self.admin_site._registry[Article]

    def article_view(self, request, object_id):
        """An article's views per day and language, its sources, its translations' audience."""
        articles = self._articles()
        article = articles._article(request, object_id)
        days = report.period_of(request.GET.get("period"))
        context = articles._context(
            request,
            article,
            _("Readership"),
            report=report.article_report(article, days),
            period=days,
            periods=report.periods(),
        )
        return TemplateResponse(request, "admin/readership/article.html", context)

    def overview_view(self, request):
        """The pieces read most in each language in the last days."""
        articles = self._articles()
        if not articles.has_view_or_change_permission(request):
            raise PermissionDenied
        days = report.period_of(request.GET.get("period"), default=7)
        totals = report.site_totals(days)
        ranked = report.most_read_everywhere(days)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Most read on the site"),
            "period": days,
            "periods": report.periods(),
            "languages": [
                {
                    "code": code,
                    "name": i18n.native_name(code),
                    "direction": i18n.direction_of(code),
                    "total": totals.get(code, 0),
                    "pieces": ranked[code],
                }
                for code in i18n.language_codes()
            ],
        }
        return TemplateResponse(request, "admin/readership/overview.html", context)

"""
The content checks (articles.checks) in the admin: the panel of the change form and the
side-by-side view, and the view its script posts the text to as one types.
"""

from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core import i18n
from core.html import sanitize_html

from . import checks

FIELDS = ("title", "summary", "body")


def checks_context(language: str, **text) -> dict:
    """What the panel shows for a translation's text (title, summary, body)."""
    report = checks.content_report(
        language=language, **{name: text.get(name) or "" for name in FIELDS}
    )
    return {
        "language": language,
        "report": report,
        "problems": [str(problem) for problem in report.problems],
        "url": reverse("admin:articles_article_checks", args=[language]),
    }


def stored_checks(article, language: str) -> dict | None:
    """The panel for the translation as saved (None if there is none yet)."""
    translation = article.translations.filter(language_code=language).first()
    if translation is None:
        return checks_context(language)
    return checks_context(language, **{name: getattr(translation, name) for name in FIELDS})


class ContentChecksAdminMixin:
    def get_urls(self):
        return [
            path(
                "checks/<str:language>/",
                self.admin_site.admin_view(self.checks_view),
                name="articles_article_checks",
            ),
            *super().get_urls(),
        ]

    def checks_view(self, request, language):
        """Check the posted text (the form's, as one types); return the panel's content."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not i18n.is_site_language(language) or not self.has_view_or_change_permission(request):
            raise Http404
        text = {name: request.POST.get(name, "") for name in FIELDS}
        text["body"] = sanitize_html(text["body"])
        context = {"checks": checks_context(language, **text)}
        return TemplateResponse(request, "admin/articles/article/_checks_content.html", context)

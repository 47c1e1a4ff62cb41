"""
What the article admin's own screens share (history, corrections, attachments, the podcast
episode, the event): finding the article and its language version, and the context they
render with.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from core import i18n

from .models import Article, ArticleTranslation


class ArticleScreenMixin:
    def _article(self, request, object_id) -> Article:
        """The article of the screen: 404 if there is none, 403 if the user may not see it."""
        article = Article.objects.filter(pk=unquote(object_id)).first()
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _translation(self, article, language) -> ArticleTranslation:
        """The article's version in language: 404 for no such language or version."""
        translation = (
            article.translations.filter(language_code=language).first()
            if i18n.is_site_language(language)
            else None
        )
        if translation is None:
            raise Http404(_("There is no such translation."))
        return translation

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": article,
            "title": title,
            "subtitle": str(article),
            **extra,
        }

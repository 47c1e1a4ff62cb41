"""
XLIFF in the article admin: export one article for a language, export a selection (list
actions, one per language), and import a translated file (articles.xliff).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n
from core.i18n import language_name

from . import xliff, xliff_import
from .models import Article

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLIFF file"),
        help_text=gettext_lazy("An .xlf file exported here and translated (at most 5 MB)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _download(articles, language):
    response = HttpResponse(
        xliff.export(articles, language), content_type="application/x-xliff+xml; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{xliff.file_name(articles, language)}"'
    )
    return response


def _export_action(language):
    def action(modeladmin, request, queryset):
        articles = queryset.exclude(source_language=language).order_by("pk")
        if not articles.exists():
            messages.warning(
                request,
                _("None of the selected articles can be translated into %(language)s.")
                % {"language": language_name(language)},
            )
            return None
        return _download(articles, language)

    action.__name__ = f"export_xliff_{language}"
    description = lazy(
        lambda: (
            _("Export for translation into %(language)s (XLIFF)")
            % {"language": language_name(language)}
        ),
        str,
    )
    return admin.action(description=description())(action)


class XliffAdminMixin:
    xliff_actions = [_export_action(code) for code in i18n.language_codes()]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "xliff/import/", view(self.xliff_import_view), name="articles_article_xliff_import"
            ),
            path(
                "<path:object_id>/xliff/import/",
                view(self.xliff_import_view),
                name="articles_article_xliff_import_one",
            ),
            path(
                "<path:object_id>/xliff/<str:language>/",
                view(self.xliff_export_view),
                name="articles_article_xliff_export",
            ),
            *super().get_urls(),
        ]

    def xliff_export_view(self, request, object_id, language):
        """Download one article's source text, to be translated into language."""
        article = Article.objects.filter(pk=unquote(object_id)).first()
        if article is None or not i18n.is_site_language(language):
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if language == article.source_language:
            raise Http404(_("That is the article's source language."))
        return _download(Article.objects.filter(pk=article.pk), language)

    def xliff_import_view(self, request, object_id=None):
        """Upload a translated file; every translation in it lands as a draft, or none does."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = None
        if object_id is not None:
            article = Article.objects.filter(pk=unquote(object_id)).first()
            if article is None:
                raise Http404
        language = request.GET.get("language")
        if not i18n.is_site_language(language):
            language = None
        problems = []
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    done = xliff_import.xliff_import(
                        data=form.cleaned_data["file"].read(),
                        user=request.user,
                        article=article,
                        language=language,
                    )
                except xliff.XliffRefused as refused:
                    problems = refused.problems
                else:
                    return self._imported(request, done)
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import translations (XLIFF)"),
            "subtitle": str(article) if article else None,
            "object": article,
            "language_name": language_name(language) if language else None,
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/articles/article/xliff_import.html", context)

    def _imported(self, request, done):
        for article, language in done:
            messages.success(
                request,
                _("Imported the %(language)s translation of “%(article)s” as a draft.")
                % {"language": language_name(language), "article": article},
            )
        if len(done) == 1:
            article, language = done[0]
            url = reverse("admin:articles_article_translate", args=[article.pk, language])
        else:
            url = reverse("admin:articles_article_changelist")
        return HttpResponseRedirect(url)

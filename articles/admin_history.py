"""The article admin's history: revisions, the diff between two, restore, and preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core import i18n

from . import policy, services, services_restore
from .admin_screens import ArticleScreenMixin
from .diffs import rows
from .models import ArticleRevision, State
from .preview import render_preview
from .revisions import WORKFLOW_FIELDS, compare, snapshot


class HistoryAdminMixin(ArticleScreenMixin):
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/preview/<str:language>/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """List the revisions: who, when, what happened, which languages changed."""
        article = self._article(request, object_id)
        revisions = article.revisions.select_related("user", "event")
        page = Paginator(revisions, 50).get_page(request.GET.get("p"))
        labels = dict(State.choices)
        for revision in page:
            revision.languages_display = ", ".join(
                i18n.language_name(code) for code in revision.changed_languages
            )
            revision.states = [
                (
                    code.upper(),
                    labels.get(revision.snapshot["translations"].get(code, {}).get("state")),
                )
                for code in i18n.language_codes()
            ]
        context = self._context(
            request,
            article,
            _("History: %(article)s") % {"article": article},
            page=page,
            may_restore=policy.can_restore(request.user, article),
        )
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        """Show, field by field and language by language, what changed between two revisions."""
        article = self._article(request, object_id)
        found = {
            r.pk: r
            for r in article.revisions.select_related("user").filter(
                pk__in=[request.GET.get("a") or 0, request.GET.get("b") or 0]
            )
        }
        try:
            older, newer = sorted(
                (found[int(request.GET["a"])], found[int(request.GET["b"])]),
                key=lambda r: (r.created_at, r.pk),
            )
        except (KeyError, ValueError):
            raise Http404(_("Choose two revisions of this article.")) from None
        changes = rows(compare(older.snapshot, newer.snapshot))
        context = self._context(
            request,
            article,
            _("Changes between revisions %(a)s and %(b)s") % {"a": older.pk, "b": newer.pk},
            older=older,
            newer=newer,
            changes=changes,
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        """Confirm, then bring back a revision through services_restore.revision_restore."""
        article = self._article(request, object_id)
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article=article)
        if not policy.can_restore(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            try:
                notes = services_restore.revision_restore(revision=revision, user=request.user)
            except services.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Revision %(number)s was restored.") % {"number": revision.pk}
                )
                for note in notes:
                    messages.warning(request, note)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        changes = [
            c
            for c in compare(snapshot(article), revision.snapshot)
            if c.field not in WORKFLOW_FIELDS
        ]
        context = self._context(
            request,
            article,
            _("Restore revision %(number)s?") % {"number": revision.pk},
            revision=revision,
            changes=rows(changes),
        )
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    def preview_view(self, request, object_id, language):
        """Staff preview of one translation in whatever state it is."""
        article = self._article(request, object_id)
        return render_preview(request, article, language, shared=False)

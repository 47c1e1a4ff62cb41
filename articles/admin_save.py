"""
Saving the article change form (and the side-by-side view, which saves through it): the
form built per request, the role's permission to change the article in a language, the
row locked before it is read, the inlines merged with what others saved meanwhile
(articles.merge), and the save itself through articles.services_edit.article_save.

The links (authors, topics, regions, pins) are handed to that service as data: the form's
term fields and what the author and pin inlines' formsets work out (validated, but not
saved by Django), so that the service checks and writes them as the relinking services do.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.utils.translation import gettext as _

from . import policy, services, services_edit
from .merge import THEIRS, merge_for, posted_targets, put_targets
from .models import Article, Authorship, RelatedArticle
from .revisions import LABELS
from .services_links import Links

#: The inlines a conflict merges as one value each: model -> (relation in a snapshot, row field).
MERGED_INLINES = {Authorship: ("authors", "expert"), RelatedArticle: ("related", "target")}
#: The inlines whose rows are links: model -> field of services_links.Links.
LINK_INLINES = {Authorship: "authors", RelatedArticle: "pinned"}
#: The form's many-to-many fields, links too (the only ones: see ArticleAdmin.fieldsets).
TERM_FIELDS = ["topics", "regions"]


def form_links(form, formsets) -> Links:
    """Return the links the form and its inlines change; those they leave alone stay None."""
    changed = {
        name: form.cleaned_data[name]
        for name in TERM_FIELDS
        if name in form.cleaned_data and name in form.changed_data
    }
    for formset in formsets:
        if formset.model in LINK_INLINES:
            targets = inline_targets(formset, MERGED_INLINES[formset.model][1])
            if targets is not None:
                changed[LINK_INLINES[formset.model]] = targets
    return Links(**changed)


def inline_targets(formset, target: str) -> list[int] | None:
    """
    Return the ids an inline's rows point to once its changes are made, in the rows'
    order (position, then age); None if it changes nothing. The formset works out its
    new, changed and deleted rows (which log_change reports) without writing them.
    """
    formset.save(commit=False)
    if not (formset.new_objects or formset.changed_objects or formset.deleted_objects):
        return None
    deleted = {row.pk for row in formset.deleted_objects}
    # The forms changed these very instances in place when they were validated.
    rows = [((row.position, 0, row.pk), row) for row in formset.get_queryset()]
    rows = [(key, row) for key, row in rows if row.pk not in deleted]
    rows += [((row.position, 1, n), row) for n, row in enumerate(formset.new_objects)]
    return [getattr(row, f"{target}_id") for _key, row in sorted(rows, key=lambda r: r[0])]


class ArticleSaveAdminMixin:
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or not hasattr(obj, "language_states"):
            return True
        language = self.get_form_language(request, obj)
        user = request.user
        return policy.can_edit_shared(user, obj) or policy.can_edit_translation(user, obj, language)

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            # Lock the row before reading it, so a concurrent save or transition waits and
            # this request writes back fresh values (the withdrawal, the publication time
            # and any field the user may not change), never stale ones.
            list(Article.objects.select_for_update().filter(pk=unquote(object_id)).values("pk"))
        return super().get_object(request, object_id, from_field)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if (
            request.method == "POST"
            and obj.pk
            and inline.model in MERGED_INLINES
            and policy.can_edit_shared(request.user, obj)
        ):
            self._merge_inline(request, obj, inline.model, prefix, kwargs["data"])
        return kwargs

    def _merge_inline(self, request, obj, model, prefix, data):
        """Rewrite an inline's POST (data) so that it keeps what others saved meanwhile."""
        language = self.get_form_language(request, obj)
        merge = merge_for(request, article=obj, language=language, shared=True)
        relation, target = MERGED_INLINES[model]
        posted = posted_targets(data, prefix, target)
        if merge is None or posted is None:
            return  # The form refuses a POST without a token; the formset reports bad rows.
        outcome = merge.decide(relation, lambda saved: posted != saved, posted)
        if outcome is None and not merge.stale and relation not in merge.pending:
            return
        # The rows the form posted are stale: say the same against the rows saved now.
        targets = merge.saved(merge.current, relation) if outcome == THEIRS else posted
        saved_rows = list(model.objects.filter(article=obj).values_list("pk", f"{target}_id"))
        put_targets(data, prefix, target, saved_rows=saved_rows, targets=targets, parent=obj.pk)

    # Saving: all through articles.services_edit.article_save, which the form's writer and
    # links are handed to. save_model only keeps the writer: the service saves the fields.

    def delete_model(self, request, obj):
        services.articles_delete(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.articles_delete(articles=list(queryset), user=request.user)

    def save_model(self, request, obj, form, change):
        write = super().save_model
        form.write_fields = lambda: write(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Not super().save_related: the links go to the service as data, and the other
        # inlines (the recommendations' read-only one) are saved as Django would.
        others = [formset for formset in formsets if formset.model not in LINK_INLINES]

        def write_relations():
            for formset in others:
                self.save_formset(request, form, formset, change=change)
            for write in getattr(form, "more_writes", ()):  # The side-by-side's event place.
                write()

        # changed_data, not a comparison: the form shows the time without microseconds.
        schedule = "published_at" not in form.locked and "published_at" in form.changed_data
        errors = services_edit.article_save(
            article=form.instance,
            language=form.language_code,
            user=request.user,
            created=not change,
            write_fields=form.write_fields,
            links=form_links(form, formsets),
            write_relations=write_relations,
            publish_at=form.requested_publish_at if schedule else services_edit.UNCHANGED,
            hero_changed="hero_image" in form.changed_data,
        )
        kept = form.merge.kept if form.merge else []
        if kept:
            fields = ", ".join(str(LABELS.get(name, name)) for name in kept)
            messages.info(
                request,
                _(
                    "Someone else saved this article while you were editing it: their "
                    "changes to %(fields)s were kept, and yours were saved with them."
                )
                % {"fields": fields},
            )
        for error in errors:
            messages.error(request, error)

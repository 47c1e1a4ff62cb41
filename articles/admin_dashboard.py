"""
The translation dashboard in the admin: an overview of every language, and one page per
language with its figures and the work list of what to translate next. A translator's
admin home page is their language's work list (thinktank.admin_site).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n
from core.i18n import language_name
from taxonomy.models import ArticleType, Topic

from . import dashboard, policy, readiness
from .admin_workflow import state_label
from .models import Article, State

PAGE_SIZE = 50


def landing_language(user) -> str | None:
    """Return the language whose work list is a translator's home page (None: not one)."""
    assigned = policy.translator_languages(user)
    if not assigned or policy.is_editor(user):
        return None
    return next(code for code in i18n.language_codes() if code in assigned)


def _names(model):
    return [(obj.pk, str(obj)) for obj in model.objects.prefetch_related("translations")]


class WorkFilterForm(forms.Form):
    """The work list's filters; a malformed value is reported and ignored."""

    topic = forms.TypedChoiceField(
        label=gettext_lazy("Topic"), required=False, coerce=int, empty_value=None
    )
    type = forms.TypedChoiceField(
        label=gettext_lazy("Content type"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["topic"].choices = everything + _names(Topic)
        self.fields["type"].choices = everything + _names(ArticleType)
        self.fields["status"].choices = everything + dashboard.WORK_STATUSES

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"topic": data["topic"], "article_type": data["type"], "status": data["status"]}


def _check(request):
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied


def _bars(figures: dict, keys) -> list[dict]:
    total = figures["total"]
    return [
        {
            "key": key,
            "label": label,
            "count": figures[key],
            "total": total,
            "percent": round(100 * figures[key] / total) if total else 0,
        }
        for key, label in keys
    ]


def _article_keys():
    states = dict(State.choices)
    return [
        *((state, states[state]) for state in (State.PUBLISHED, State.REVIEW, State.DRAFT)),
        (dashboard.MISSING, _("Missing")),
        (dashboard.OUTDATED, _("Outdated")),
    ]


def _term_keys():
    return [
        ("translated", _("Translated")),
        (dashboard.MISSING, _("Missing")),
        (dashboard.OUTDATED, _("Outdated")),
    ]


def overview_view(request, site):
    """Every language at a glance: articles by state, experts and terms by coverage."""
    _check(request)
    counts = dashboard.article_counts()
    gaps = readiness.gap_counts(i18n.language_codes())
    term_counts = [
        (label, dashboard.term_counts(model)) for _key, model, label in dashboard.TERM_KINDS
    ]
    rows = [
        {
            "code": code,
            "name": name,
            "bars": _bars(counts[code], _article_keys()),
            "outdated": counts[code][dashboard.OUTDATED],
            "gaps": gaps[code],
            "terms": [
                {
                    "label": label,
                    "outdated": figures[code][dashboard.OUTDATED],
                    "bars": _bars(figures[code], _term_keys()),
                }
                for label, figures in term_counts
            ],  # fmt: skip
        }
        for code, name in i18n.language_choices()
    ]
    context = {
        **site.each_context(request),
        "title": _("Translations"),
        "rows": rows,
        "total": next(iter(counts.values()))["total"] if counts else 0,
    }
    return TemplateResponse(request, "admin/translations/overview.html", context)


def _article_page(request, language, filters):
    work = (
        dashboard.article_work(language, **filters)
        .select_related("article_type")
        .prefetch_related("translations", "article_type__translations")
    )
    page = Paginator(work, PAGE_SIZE).get_page(request.GET.get("p"))
    items = []
    for article in page.object_list:
        by_language = {t.language_code: t for t in article.translations.all()}
        source, target = by_language.get(article.source_language), by_language.get(language)
        outdated = language in article.outdated_languages()
        if target is None:
            status = _("Missing")
        elif outdated:
            status = _("outdated (%(state)s)") % {"state": state_label(article, target.state)}
        else:
            status = state_label(article, target.state)
        items.append(
            {
                "object": article,
                "source_title": source.title if source else str(article),
                "title": target.title if target else "",
                "source_language": language_name(article.source_language),
                "status": status,
                "outdated": outdated,
                "may_translate": policy.can_edit_translation(request.user, article, language),
            }
        )
    return page, items


def _term_page(request, model, language):
    work = dashboard.term_work(model, language).prefetch_related("translations")
    page = Paginator(work, PAGE_SIZE).get_page(request.GET.get("p"))
    may_translate = policy.can_translate(request.user, model, language)
    items = []
    for obj in page.object_list:
        target = next((t for t in obj.translations.all() if t.language_code == language), None)
        items.append(
            {
                "object": obj,
                "source_title": str(obj),
                "title": target.name if target else "",
                # In the work list, a translation that exists is behind its source.
                "status": _("Outdated") if target else _("Missing"),
                "outdated": target is not None,
                "may_translate": may_translate,
            }
        )
    return page, items


def language_view(request, language, site):
    """One language: its figures, and the work list of what to translate next."""
    _check(request)
    if not i18n.is_site_language(language):
        raise Http404(_("There is no such language."))
    kinds = {key: (model, label) for key, model, label in dashboard.TERM_KINDS}
    shown = request.GET.get("list", "articles")
    if shown not in kinds:
        shown = "articles"
    filter_form = WorkFilterForm(request.GET)
    if shown == "articles":
        page, items = _article_page(request, language, filter_form.filters())
        opts = Article._meta
    else:
        model = kinds[shown][0]
        page, items = _term_page(request, model, language)
        opts = model._meta
    counts = dashboard.article_counts()[language]
    assigned = policy.translator_languages(request.user)
    terms = [
        (key, label, dashboard.term_counts(model)[language])
        for key, model, label in dashboard.TERM_KINDS
    ]  # Four kinds, two queries each.
    context = {
        **site.each_context(request),
        "title": _("Translations into %(language)s") % {"language": language_name(language)},
        "language": language,
        "language_name": language_name(language),
        # A translator's work lists are those of their languages; an editor sees them all.
        "languages": [
            (code, name)
            for code, name in i18n.language_choices()
            if policy.is_editor(request.user) or not assigned or code in assigned
        ],
        "assigned": assigned,
        "article_bars": _bars(counts, _article_keys()),
        "article_outdated": counts[dashboard.OUTDATED],
        "article_total": counts["total"],
        "article_gaps": readiness.gap_counts([language])[language],
        "terms": [
            {
                "key": key,
                "label": label,
                "bars": _bars(figures, _term_keys()),
                "outdated": figures[dashboard.OUTDATED],
                "total": figures["total"],
            }
            for key, label, figures in terms
        ],  # fmt: skip
        "lists": [("articles", _("Articles"))]
        + [(k, label) for k, _m, label in dashboard.TERM_KINDS],
        "shown": shown,
        "filter_form": filter_form if shown == "articles" else None,
        "page": page,
        "items": items,
        "item_opts": opts,
        "query": _query_without_page(request),
    }
    return TemplateResponse(request, "admin/translations/language.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("p", None)
    return query.urlencode()


def urls(site):
    """The dashboard's URLs, for the admin site to include."""
    return [
        path(
            "translations/",
            site.admin_view(lambda request: overview_view(request, site)),
            name="translations",
        ),
        path(
            "translations/<str:language>/",
            site.admin_view(lambda request, language: language_view(request, language, site)),
            name="translations_language",
        ),
    ]

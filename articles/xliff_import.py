"""
Importing an XLIFF file (articles.xliff) into draft translations.

The whole file is checked first: its shape, the articles, the languages, the user's
permission, every unit and target. Only if nothing is wrong is it written, in one
transaction, each article's import recorded as a revision; otherwise XliffRefused names
every problem and nothing is written.
"""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import i18n
from core.html import sanitize_html

from . import policy
from .models import Article, ArticleRevision, ArticleTranslation, Event, State
from .revisions import LABELS, revision_create
from .services_events import Place, event_place_of, event_place_translate
from .xliff import FIELDS, PLACE_FIELDS, FileText, XliffRefused, read


def _language(code: str) -> str:
    return i18n.language_name(code)


def _label(name: str) -> str:
    return str(LABELS.get(name, name))


def describe(article: Article) -> str:
    return f"“{article}” (#{article.pk})"


@dataclass
class _Plan:
    article: Article
    file: FileText
    translation: ArticleTranslation
    place: Place | None = None  # An event's place in the language, when the file has one.


def xliff_import(*, data: bytes, user, article: Article | None = None, language: str | None = None):
    """
    Import the translations in an XLIFF document into draft translations. With article
    (or language), the file must be for that article (or language). Return the
    [(article, language)] imported; raise XliffRefused, having written nothing, if
    anything is wrong.
    """
    files = read(data)
    with transaction.atomic():
        ids = sorted({f.article_id for f in files})
        found = {
            a.pk: a
            for a in Article.objects.select_for_update()
            .filter(pk__in=ids)
            .prefetch_related("translations")
            .order_by("pk")
        }
        problems, plans, seen = [], [], set()
        for parsed in files:
            plan = _check(parsed, found, user, article, language, seen, problems)
            if plan is not None:
                plans.append(plan)
        if problems:
            raise XliffRefused(problems)
        for plan in plans:
            _write(plan, user)
    return [(plan.article, plan.file.target_language) for plan in plans]


def _check(parsed, found, user, expected, language, seen, problems) -> _Plan | None:
    """Check one file against the database; append problems; return what to write."""
    article = found.get(parsed.article_id)
    problem = _refusal(parsed, article, user, expected, language, seen)
    if problem:
        problems.append(problem)
        return None
    seen.add((article.pk, parsed.target_language))
    texts = {t.language_code: t for t in article.translations.all()}
    source = texts.get(article.source_language)
    required = {"title"} | {name for name in FIELDS if source and getattr(source, name)}
    missing = []
    for name in FIELDS:
        unit = parsed.units.get(name)
        names = {"field": _label(name), "article": describe(article)}
        if unit is None and name in required:
            missing.append(_("The unit for the %(field)s of %(article)s is missing.") % names)
        elif unit is not None and name in required and not unit[1].strip():
            missing.append(_("The %(field)s of %(article)s has an empty target.") % names)
    if missing:
        problems.extend(missing)
        return None
    item = texts.get(parsed.target_language) or ArticleTranslation(
        master=article, language_code=parsed.target_language, state=State.DRAFT
    )
    for name, (_source, text) in parsed.units.items():
        if name in FIELDS:
            setattr(item, name, sanitize_html(text) if name == "body" else text)
    item.made_from_version = _made_from(article, source, parsed)
    try:
        item.full_clean()
    except ValidationError as error:
        problems.extend(f"{describe(article)}: {message}" for message in error.messages)
        return None
    place = _place(article, parsed, problems)
    if place is False:
        return None
    return _Plan(article=article, file=parsed, translation=item, place=place)


def _place(article, parsed, problems) -> Place | None | bool:
    """The event's place the file gives its language (None: it gives none; False: refused)."""
    given = {name: unit[1].strip() for name, unit in parsed.units.items() if name in PLACE_FIELDS}
    if not given:
        return None
    event = Event.objects.filter(article=article).first()
    if event is None:
        problems.append(_("%(article)s is not an event: the file gives it a venue or address.")
                        % {"article": describe(article)})  # fmt: skip
        return False
    place = dataclasses.replace(event_place_of(event, parsed.target_language), **given)
    too_long = [
        name for name in given
        if len(given[name]) > Event._parler_meta.root_model._meta.get_field(name).max_length
    ]  # fmt: skip
    for name in too_long:
        problems.append(_("The %(field)s of %(article)s is too long.")
                        % {"field": _label(name), "article": describe(article)})  # fmt: skip
    return False if too_long else place


def _refusal(parsed, article, user, expected, language, seen) -> str | None:
    """Return why the file may not go into article (None if it may)."""
    if article is None:
        return _("The file is for article #%(id)s, which does not exist.") % {
            "id": parsed.article_id
        }
    names = {
        "article": describe(article),
        "expected": describe(expected) if expected else "",
        "file": parsed.source_language,
        "source": _language(article.source_language),
        "target": parsed.target_language,
        "target_name": _language(parsed.target_language),
        "language": _language(language) if language else "",
    }
    target = parsed.target_language
    if expected is not None and article.pk != expected.pk:
        return _("The file is for %(article)s, not for %(expected)s.") % names
    if (article.pk, target) in seen:
        return _("%(article)s appears twice for the same language.") % names
    if parsed.source_language != article.source_language:
        return (
            _(
                "The source language of %(article)s in the file is “%(file)s”, "
                "but the article was written in %(source)s."
            )
            % names
        )
    if not i18n.is_site_language(target) or target == article.source_language:
        return (
            _(
                "The file's target language for %(article)s, “%(target)s”, "
                "is not a language it can be translated into."
            )
            % names
        )
    if language and target != language:
        return _("The file translates %(article)s into %(target_name)s, not %(language)s.") % names
    if not policy.can_edit_translation(user, article, target):
        return _("You may not change the %(target_name)s translation of %(article)s.") % names
    state = article.language_states().get(target)
    if state not in (None, State.DRAFT):
        return _(
            "The %(target_name)s translation of %(article)s is %(state)s: only a draft "
            "or a missing translation takes an import."
        ) % {**names, "state": dict(State.choices)[state].lower()}
    return None


def _made_from(article, source, parsed) -> int:
    """Return the source version the imported text was made from (never a future one)."""
    if parsed.source_version is not None:
        return min(parsed.source_version, article.source_version)
    # No version in the file: up to date only if it was made from today's source text.
    same = source is not None and all(
        (getattr(source, name) or "") == text
        for name, (text, _target) in parsed.units.items()
        if name in FIELDS
    )
    return article.source_version if same else 0


def _write(plan: _Plan, user) -> None:
    plan.translation.save()
    if plan.place is not None:
        event_place_translate(article=plan.article, language=plan.file.target_language,
                              place=plan.place, user=user)  # fmt: skip
    revision_create(article=plan.article, user=user, kind=ArticleRevision.Kind.IMPORT)

"""
Exchange with outside translators: XLIFF 1.2, written and read with translate-toolkit.

An export holds one <file> per article (original="article-<id>", its source-language and
target-language, and the article's source version in tt:source-version) and one
<trans-unit> per field (id="article-<id>/<field>"); existing translations fill the
targets. Rich-text bodies travel as escaped text, so their HTML comes back exactly.

`xliff_import` checks the whole file first (its shape, the articles, the languages, the
user's permission, every unit) and writes only if nothing is wrong, in one transaction:
imported text lands in draft translations and is recorded as a revision.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import xliff as toolkit

from thinktank.html import sanitize_html

from . import policy
from .models import Article, ArticleRevision, ArticleTranslation, State
from .revisions import LABELS, revision_create

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
#: Our own attribute on <file>: the source version the text was exported at.
SOURCE_VERSION = "{urn:thinktank:xliff}source-version"
FIELDS = ["title", "summary", "body", "author_note", "hero_alt", "hero_credit"]
ORIGINAL = re.compile(r"article-(\d{1,18})")
UNIT_ID = re.compile(r"article-(\d{1,18})/(\w+)")
DATATYPE = "x-article"


class Unit(toolkit.Xliff1Unit):
    namespace = NAMESPACE


class Store(toolkit.Xliff1File):
    """An XLIFF 1.2 document (the toolkit's skeleton is 1.1)."""

    UnitClass = Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="NoName" source-language="en" datatype="{DATATYPE}">
<body>
</body>
</file>
</xliff>"""


class XliffRefused(Exception):
    """The file was refused as a whole; `problems` names each thing wrong with it."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _language(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _label(name: str) -> str:
    return str(LABELS.get(name, name))


def describe(article: Article) -> str:
    return f"“{article}” (#{article.pk})"


# Export


def export(articles, language: str) -> bytes:
    """
    Return an XLIFF document asking for the source text of articles in language.
    Articles written in language, or without source text, are left out.
    """
    store = Store()
    for article in articles.prefetch_related("translations"):
        texts = {t.language_code: t for t in article.translations.all()}
        source = texts.get(article.source_language)
        if source is None or article.source_language == language:
            continue
        name = f"article-{article.pk}"
        store.switchfile(name, createifmissing=True)
        node = store.getfilenode(name)
        node.set("source-language", article.source_language)
        node.set("target-language", language)
        node.set("datatype", DATATYPE)
        node.set(SOURCE_VERSION, str(article.source_version))
        existing = texts.get(language)
        for name_ in FIELDS:
            text = getattr(source, name_)
            if not text:
                continue
            unit = Unit(text)
            unit.setid(f"article-{article.pk}/{name_}")
            store.addunit(unit)
            if existing is not None and getattr(existing, name_):
                unit.settarget(getattr(existing, name_), lang=language)
                if existing.is_outdated:
                    unit.markfuzzy()  # The source changed since: the translator should check.
    root = store.document.getroot()
    etree.cleanup_namespaces(root, top_nsmap={"tt": SOURCE_VERSION[1:].split("}")[0]})
    return bytes(store)


def file_name(articles, language: str) -> str:
    ids = [a.pk for a in articles[:2]]
    stem = f"article-{ids[0]}" if len(ids) == 1 else "articles"
    return f"{stem}-{language}.xlf"


# Reading


@dataclass
class FileText:
    """One <file> of an import: an article's fields, each (source, target)."""

    article_id: int
    source_language: str
    target_language: str
    source_version: int | None
    units: dict[str, tuple[str, str]] = field(default_factory=dict)


def _text(element, unit) -> tuple[str, bool]:
    """Return the text of a <source> or <target> and whether it held markup instead."""
    if element is None:
        return "", False
    return unit.getNodeText(element, "preserve") or "", len(element) > 0


def read(data: bytes) -> list[FileText]:
    """Return the files of an XLIFF 1.2 document, or raise XliffRefused naming the problems."""
    try:
        store = Store.parsestring(data)
        root = store.document.getroot()
    except (etree.XMLSyntaxError, ValueError, AssertionError, StopIteration, TypeError) as error:
        raise XliffRefused(
            [_("The file is not an XLIFF document (%(error)s).") % {"error": error}]
        ) from None
    qname = etree.QName(root)
    if qname.localname != "xliff" or not (qname.namespace or "").startswith(
        "urn:oasis:names:tc:xliff:document:1."
    ):
        raise XliffRefused([_("The file is not an XLIFF 1.2 document.")])
    files, problems = [], []
    for node in root.iterchildren(f"{{{qname.namespace}}}file"):
        parsed = _read_file(node, qname.namespace, problems)
        if parsed is not None:
            files.append(parsed)
    if not files and not problems:
        problems.append(_("The file holds no article to import."))
    if problems:
        raise XliffRefused(problems)
    return files


def _read_file(node, namespace, problems) -> FileText | None:
    original = node.get("original") or ""
    match = ORIGINAL.fullmatch(original)
    if match is None:
        problems.append(
            _("A <file> is for “%(original)s”, which is not an article (article-<number>).")
            % {"original": original}
        )
        return None
    version = node.get(SOURCE_VERSION)
    if version is not None and not version.isdigit():
        problems.append(
            _("The source version of %(file)s is malformed: “%(value)s”.")
            % {"file": original, "value": version}
        )
        return None
    parsed = FileText(
        article_id=int(match[1]),
        source_language=node.get("source-language") or "",
        target_language=node.get("target-language") or "",
        source_version=int(version) if version is not None else None,
    )
    for element in node.iter(f"{{{namespace}}}trans-unit"):
        unit = Unit.createfromxmlElement(element)
        unit.namespace = namespace
        unit_id = element.get("id") or ""
        found = UNIT_ID.fullmatch(unit_id)
        if found is None or int(found[1]) != parsed.article_id or found[2] not in FIELDS:
            problems.append(
                _("The unit “%(id)s” in %(file)s is not a field of that article.")
                % {"id": unit_id, "file": original}
            )
            continue
        name = found[2]
        if name in parsed.units:
            problems.append(
                _("The unit “%(id)s” appears twice in %(file)s.")
                % {"id": unit_id, "file": original}
            )
            continue
        source, source_markup = _text(element.find(f"{{{namespace}}}source"), unit)
        target, target_markup = _text(element.find(f"{{{namespace}}}target"), unit)
        if source_markup or target_markup:
            problems.append(
                _("The unit “%(id)s” holds XML markup; it must hold text only.") % {"id": unit_id}
            )
            continue
        parsed.units[name] = (source, target)
    return parsed


# Importing


@dataclass
class _Plan:
    article: Article
    file: FileText
    translation: ArticleTranslation


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
        setattr(item, name, sanitize_html(text) if name == "body" else text)
    item.made_from_version = _made_from(article, source, parsed)
    try:
        item.full_clean()
    except ValidationError as error:
        problems.extend(f"{describe(article)}: {message}" for message in error.messages)
        return None
    return _Plan(article=article, file=parsed, translation=item)


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
    if target not in dict(settings.LANGUAGES) or target == article.source_language:
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
        (getattr(source, name) or "") == text for name, (text, _target) in parsed.units.items()
    )
    return article.source_version if same else 0


def _write(plan: _Plan, user) -> None:
    plan.translation.save()
    revision_create(article=plan.article, user=user, kind=ArticleRevision.Kind.IMPORT)

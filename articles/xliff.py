"""
Exchange with outside translators: XLIFF 1.2, written and read with translate-toolkit.

An export holds one <file> per article (original="article-<id>", its source-language and
target-language, and the article's source version in tt:source-version) and one
<trans-unit> per field (id="article-<id>/<field>"), an event's venue, address and city
(its place in each language, articles.models_events) among them; existing translations
fill the targets. Rich-text bodies travel as escaped text, so their HTML comes back exactly.

`read` returns what a file holds, or refuses a file that is not XLIFF 1.2 or whose units
are malformed; articles.xliff_import checks it against the database and imports it.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree
from translate.misc.xml_helpers import parse_xml
from translate.storage import xliff as toolkit

from .revisions import PLACE_FIELDS

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
#: Our own attribute on <file>: the source version the text was exported at.
SOURCE_VERSION = "{urn:thinktank:xliff}source-version"
FIELDS = ["title", "summary", "body", "author_note", "hero_alt", "hero_credit"]
UNITS = [*FIELDS, *PLACE_FIELDS]
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


# Export


def export(articles, language: str) -> bytes:
    """
    Return an XLIFF document asking for the source text of articles in language.
    Articles written in language, or without source text, are left out.
    """
    store = Store()
    for article in articles.select_related("event").prefetch_related(
        "translations", "event__translations"
    ):
        texts = {t.language_code: t for t in article.translations.all()}
        event = getattr(article, "event", None)
        places = {p.language_code: p for p in event.translations.all()} if event else {}
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
        texts_of = [(FIELDS, source, texts.get(language))]
        if event is not None:
            texts_of.append(
                (PLACE_FIELDS, places.get(article.source_language), places.get(language))
            )
        units = [
            (name_, getattr(original, name_, ""), getattr(existing, name_, ""))
            for names, original, existing in texts_of
            for name_ in names
        ]
        for name_, text, target in units:
            if not text:
                continue
            unit = Unit(text)
            unit.setid(f"article-{article.pk}/{name_}")
            store.addunit(unit)
            if target:
                unit.settarget(target, lang=language)
                if language in article.outdated_languages():
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
        root = parse_xml(data)  # The toolkit's parser for untrusted input: no entities, no network.
    except (etree.XMLSyntaxError, ValueError) as error:
        raise XliffRefused(
            [
                _("The file is not an XLIFF document: it is not well-formed XML (%(error)s).")
                % {"error": error}
            ]  # fmt: skip
        ) from None
    qname = etree.QName(root)
    namespace = qname.namespace or ""
    if qname.localname != "xliff" or not namespace.startswith(
        "urn:oasis:names:tc:xliff:document:1."
    ):
        raise XliffRefused([_("The file is not an XLIFF 1.2 document.")])
    nodes = list(root.iterchildren(f"{{{namespace}}}file"))
    if not nodes:
        raise XliffRefused([_("The file holds no article to import.")])
    try:
        Store.parsestring(data)  # What the toolkit cannot read, nobody else will either.
    except (ValueError, AssertionError, StopIteration, TypeError) as error:
        raise XliffRefused(
            [_("The file is not a valid XLIFF 1.2 document (%(error)s).") % {"error": error}]
        ) from None
    files, problems = [], []
    for node in nodes:
        parsed = _read_file(node, namespace, problems)
        if parsed is not None:
            files.append(parsed)
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
        if found is None or int(found[1]) != parsed.article_id or found[2] not in UNITS:
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

"""
"Cite this": one language version of an article as a Chicago-style bibliography
entry, and as BibTeX and RIS downloads.

Fields are in the version's language where they exist there: the title, the type,
the topics, and each author's name (an author not translated into the language
keeps their name from the source language, else English, else any). Dates are
written the language's way. Chicago inverts the first author's name ("Harper,
Michael") in English; Arabic and Persian names are given as written.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.utils.html import conditional_escape, format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext
from django.views.decorators.http import require_safe

from articles.metadata import site_name
from core import i18n
from core.templatetags.site import local_date

from .models import Authorship, page_prefetches
from .shortlinks import short_link
from .views import public_versions

# BibTeX's "language" field takes babel's language names.
BABEL_NAMES = {"en": "english", "ar": "arabic", "fa": "persian"}
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Control characters, which no citation manager wants and a line break among them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# BibTeX splits an author list on the word "and" at brace depth 0, whatever its case.
_AND = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)
CONTENT_TYPES = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
}


@dataclass
class Author:
    name: str
    # "Last, First" when the name can be split that way (English), else None.
    inverted: str | None = None


@dataclass
class Citation:
    key: str
    language: str
    title: str
    authors: list[Author]
    published: datetime | None
    url: str
    short_url: str
    kind: str = ""
    summary: str = ""
    keywords: list[str] = field(default_factory=list)


def invert(name: str, sort_name: str) -> str | None:
    """Return "Last, First": the editors' sort name if it is of that form, else split name."""
    if "," in sort_name:
        return sort_name
    first, _sep, last = name.strip().rpartition(" ")
    return f"{last}, {first}" if first else None


def cited_authors(article, language: str) -> list[Author]:
    """Return the article's authors in byline order, named in language where possible."""
    rows = (
        Authorship.objects.filter(article=article)
        .values_list(
            "expert_id",
            "expert__sort_name",
            "expert__translations__language_code",
            "expert__translations__name",
        )
        .order_by("position", "id")
    )
    names, sort_names = {}, {}
    for expert_id, sort_name, code, name in rows:
        names.setdefault(expert_id, {})[code] = name
        sort_names[expert_id] = sort_name or ""
    preference = [language, article.source_language, settings.LANGUAGE_CODE]
    authors = []
    for expert_id, by_language in names.items():
        code = next((c for c in preference if by_language.get(c)), None)
        name = by_language[code] if code else next(iter(by_language.values()), None) or ""
        inverted = invert(name, sort_names[expert_id]) if code == "en" else None
        authors.append(Author(name, inverted))
    return authors


def citation_for(request, article, translation, *, authors=None) -> Citation:
    """
    Collect what a citation of this language version says. The article's type, topics
    and regions are read in the version's language, so prefetch them in it.
    """
    language = translation.language_code
    terms = [*article.topics.all(), *article.regions.all()]
    return Citation(
        key=f"institute-{article.pk}-{language}",
        language=language,
        title=translation.title,
        authors=authors if authors is not None else cited_authors(article, language),
        published=article.published_at,
        url=request.build_absolute_uri(translation_url(translation)),
        short_url=request.build_absolute_uri(short_link(article.pk)),
        kind=getattr(article.article_type, "name", "") or "",
        summary=" ".join(translation.summary.split()),
        keywords=[term.name for term in terms],
    )


def translation_url(translation) -> str:
    return i18n.url_in(translation.language_code, "articles:resolve", slug=translation.slug)


# Chicago --------------------------------------------------------------------------


def chicago_names(citation: Citation) -> str:
    """Join the authors' names: "Harper, Michael, and Leila Karimi"; "A، B وC"."""
    authors = citation.authors
    if not authors:
        return ""
    if citation.language == "en":
        names = [authors[0].inverted or authors[0].name] + [a.name for a in authors[1:]]
        if len(names) == 1:
            return names[0]
        # The first name is inverted, so even two authors take a comma before "and".
        return ", ".join(names[:-1]) + ", and " + names[-1]
    names = [a.name for a in authors]
    if len(names) == 1:
        return names[0]
    separator = pgettext("list separator", ", ")
    last = pgettext("list, before the last item", " and ")
    return separator.join(names[:-1]) + last + names[-1]


def chicago(citation: Citation, *, html: bool = False) -> str:
    """Return the Chicago bibliography entry, as text or (html=True) as safe HTML."""
    # Chicago spells the month out ("September 3, 2025"); other languages their own way.
    date_format = "F j, Y" if citation.language == "en" else "DATE_FORMAT"
    values = {
        "authors": chicago_names(citation),
        "title": citation.title,
        "publisher": site_name(),
        "date": local_date(citation.published, date_format) if citation.published else "",
        "url": citation.url,
    }
    if citation.authors:
        pattern = gettext("%(authors)s. “%(title)s.” %(publisher)s, %(date)s. %(url)s.")
    else:
        pattern = gettext("“%(title)s.” %(publisher)s, %(date)s. %(url)s.")
    if citation.title.endswith(("?", "!", ".")):
        # “Who Decides?” takes no period of its own.
        pattern = pattern.replace("%(title)s.", "%(title)s")
    if not html:
        return pattern % values
    values = {key: conditional_escape(value) for key, value in values.items()}
    # An address reads left to right even inside Arabic or Persian text.
    values["url"] = format_html('<a href="{}" dir="ltr">{}</a>', citation.url, citation.url)
    return mark_safe(conditional_escape(pattern) % values)


# BibTeX ---------------------------------------------------------------------------


def one_line(text: str) -> str:
    """Return text on one line: control characters and runs of white space become a space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def bibtex_escape(text: str) -> str:
    r"""
    Return text as the inside of a braced BibTeX value, on one line.

    Special characters are escaped for LaTeX. BibTeX itself counts braces even after a
    backslash, so only a brace with a partner becomes \{ or \}; a lone one becomes
    \textbraceleft{} or \textbraceright{}, or it would end the value early and let the
    rest of the text be read as fields of its own. "--" stays two hyphens, not a dash.
    """
    text = one_line(text)
    partners = _brace_partners(text)
    out = []
    for position, char in enumerate(text):
        if char in "{}" and position not in partners:
            out.append(r"\textbraceleft{}" if char == "{" else r"\textbraceright{}")
        elif char == "-" and text[position + 1 : position + 2] == "-":
            out.append("-{}")
        else:
            out.append(BIBTEX_SPECIALS.get(char, char))
    return "".join(out)


def _brace_partners(text: str) -> set[int]:
    """Return the positions of the braces in text that close or are closed by another."""
    opened, paired = [], set()
    for position, char in enumerate(text):
        if char == "{":
            opened.append(position)
        elif char == "}" and opened:
            paired.update((opened.pop(), position))
    return paired


def bibtex_name_part(text: str) -> str:
    """Return part of a name with its commas and "and"s braced, so BibTeX splits none."""
    return _AND.sub(lambda word: "{" + word.group() + "}", bibtex_escape(text).replace(",", "{,}"))


def bibtex_name(author: Author) -> str:
    if author.inverted:
        last, _comma, first = author.inverted.partition(",")
        return f"{bibtex_name_part(last)}, {bibtex_name_part(first)}"
    # Braces keep a name BibTeX cannot split (Arabic, Persian, one word) whole.
    return f"{{{bibtex_escape(author.name)}}}"


def braced(value) -> str:
    return "{" + str(value) + "}"


def bibtex(citation: Citation) -> str:
    """Return a BibTeX @misc entry for the citation."""
    publisher = braced(bibtex_escape(site_name()))
    fields = []
    if citation.authors:
        fields.append(("author", braced(" and ".join(map(bibtex_name, citation.authors)))))
    # Double braces keep the title's capitals as they are.
    fields.append(("title", braced(braced(bibtex_escape(citation.title)))))
    fields += [("howpublished", publisher), ("organization", publisher)]
    if citation.published:
        fields.append(("year", braced(citation.published.year)))
        fields.append(("month", BIBTEX_MONTHS[citation.published.month - 1]))
        fields.append(("date", braced(citation.published.date().isoformat())))
    if citation.kind:
        fields.append(("type", braced(bibtex_escape(citation.kind))))
    fields.append(("url", braced(citation.url)))
    fields.append(("language", braced(BABEL_NAMES.get(citation.language, citation.language))))
    if citation.summary:
        fields.append(("abstract", braced(bibtex_escape(citation.summary))))
    if citation.keywords:
        # A comma inside a keyword is braced: the list is split on the others.
        keywords = ", ".join(bibtex_escape(k).replace(",", "{,}") for k in citation.keywords)
        fields.append(("keywords", braced(keywords)))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


# RIS ------------------------------------------------------------------------------


def ris_line(tag: str, value: str) -> str:
    # One line per field: a line break inside a value would start a field of its own.
    return f"{tag}  - {one_line(value)}"


def ris(citation: Citation) -> str:
    """Return a RIS record (a web page: TY ELEC) for the citation."""
    lines = [ris_line("TY", "ELEC"), ris_line("TI", citation.title)]
    lines += [ris_line("AU", a.inverted or a.name) for a in citation.authors]
    if citation.published:
        lines.append(ris_line("PY", str(citation.published.year)))
        lines.append(ris_line("DA", citation.published.strftime("%Y/%m/%d")))
    lines.append(ris_line("PB", site_name()))
    if citation.kind:
        lines.append(ris_line("M3", citation.kind))
    lines.append(ris_line("UR", citation.url))
    lines.append(ris_line("LA", citation.language))
    if citation.summary:
        lines.append(ris_line("AB", citation.summary))
    lines += [ris_line("KW", keyword) for keyword in citation.keywords]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


# Downloads ------------------------------------------------------------------------

FORMATTERS = {"bib": bibtex, "ris": ris}


@require_safe
def download(request, slug, fmt):
    """Serve /policy-analysis/<slug>/cite.bib or cite.ris for a public version."""
    language = get_language()
    versions = public_versions(slug, language)
    if not versions:
        raise Http404("No article has this address in this language.")
    translation = versions[language]
    article = translation.master
    prefetch_related_objects([article], *page_prefetches(language))
    text = FORMATTERS[fmt](citation_for(request, article, translation))
    return HttpResponse(
        text,
        content_type=CONTENT_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(True, f"{slug}.{fmt}")},
    )

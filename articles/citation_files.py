"""
The citation downloads: a Citation (articles.citations) as a BibTeX @misc entry or a RIS
record, escaped so that no text of the article can break out of its field, and the view
that serves them at /policy-analysis/<slug>/cite.bib and cite.ris.
"""

import re

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.metadata import site_name

from .citations import Author, Citation, citation_for
from .models import page_prefetches
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

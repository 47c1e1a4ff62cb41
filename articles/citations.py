"""
"Cite this": what a citation of one language version of an article says (Citation), and
its Chicago-style bibliography entry, shown on the article page. The BibTeX and RIS
downloads are made from the same Citation (articles.citation_files).

Fields are in the version's language where they exist there: the title, the type,
the topics, and each author's name (an author not translated into the language
keeps their name from the source language, else English, else any). Dates are
written the language's way. Chicago inverts the first author's name ("Harper,
Michael") in English; Arabic and Persian names are given as written.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from articles.metadata import site_name
from core import i18n
from core.templatetags.site import local_date

from .models import Authorship
from .shortlinks import short_link


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

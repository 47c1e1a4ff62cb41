"""
Tags that help pages travel: social and structured metadata, feed links, "Cite this".

    {% page_meta title description %}   Open Graph and Twitter tags for any page
    {% article_meta %} / {% expert_meta %}  the same plus JSON-LD, from the view's context
    {% feed_links obj %}                 <link rel="alternate"> to obj's RSS and Atom feeds
    {% feed_subscribe obj %}             visible links to the same feeds
    {% cite_this %}                      the article page's "Cite this" section
    {% print_styles %}                   the print stylesheet (base.html)
    {% sitemap_entries urlset %}         a sitemap page's entries (sitemaps/section.xml)
    {{ bio|description:"rich" }}         text for <meta name="description">
"""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from articles import citations, metadata, metadata_events
from articles.feeds import feed_path, feed_title
from articles.shortlinks import short_link
from core import i18n
from core.templatetags.site import canonical_url

register = template.Library()


def _languages(context) -> list[str]:
    alternates = context.get("alternates")
    return list(alternates) if alternates is not None else i18n.language_codes()


@register.inclusion_tag("includes/meta/social.html", takes_context=True)
def page_meta(context, title, description="", website=False):
    """Open Graph and Twitter card tags for a page; `website` adds the WebSite JSON-LD."""
    request = context["request"]
    tags = metadata.open_graph(
        title=title,
        url=canonical_url(context),
        description=description,
        languages=_languages(context),
    )
    json_ld = metadata.json_ld_script(metadata.website_json_ld(request)) if website else ""
    return {"tags": tags, "json_ld": json_ld}


@register.inclusion_tag("includes/meta/social.html", takes_context=True)
def article_meta(context):
    """The article page's Open Graph (og:type article), Twitter card and JSON-LD Article."""
    request = context["request"]
    article, translation = context["article"], context["translation"]
    authors, alternates = context["authors"], context["alternates"]
    image = metadata.share_image(request, article.hero_image)
    tags = metadata.open_graph(
        title=translation.title,
        url=canonical_url(context),
        description=translation.summary,
        kind="article",
        image=image,
        image_alt=translation.hero_alt,
        languages=list(alternates),
    )
    if article.published_at:
        modified = metadata.version_modified(translation, article)
        tags += [
            ("property", "article:published_time", article.published_at.isoformat()),
            ("property", "article:modified_time", modified.isoformat()),
        ]
    tags += [
        ("property", "article:author", request.build_absolute_uri(a.get_absolute_url()))
        for a in authors
    ]
    if getattr(article.article_type, "name", None):
        tags.append(("property", "article:section", article.article_type.name))
    tags += [
        ("property", "article:tag", term.name)
        for term in [*article.topics.all(), *article.regions.all()]
    ]
    data = metadata.article_json_ld(
        request,
        article=article,
        translation=translation,
        authors=authors,
        alternates=alternates,
        corrections=context.get("corrections") or (),
        episode=context.get("episode"),
    )
    if context.get("event"):
        data = metadata_events.event_json_ld(
            request, article_data=data, event=context["event"], place=context.get("place"),
            speakers=context.get("speakers") or (), translation=translation,
        )  # fmt: skip
    return {"tags": tags, "json_ld": metadata.json_ld_script(data)}


@register.inclusion_tag("includes/meta/social.html", takes_context=True)
def expert_meta(context):
    """The expert page's Open Graph (og:type profile), Twitter card and JSON-LD Person."""
    request = context["request"]
    expert, links = context["expert"], context.get("links") or []
    tags = metadata.open_graph(
        title=expert.name,
        url=canonical_url(context),
        description=metadata.describe(expert.short_bio, rich=True),
        kind="profile",
        image=metadata.share_image(request, expert.photo),
        image_alt=expert.photo_alt or expert.name,
        languages=_languages(context),
    )
    data = metadata.person_json_ld(request, expert=expert, links=links)
    return {"tags": tags, "json_ld": metadata.json_ld_script(data)}


@register.filter
def description(value, kind=""):
    """Return value as a plain one-paragraph description; "rich" text is HTML (a bio)."""
    return metadata.describe(value, rich=kind == "rich")


def _feeds(obj):
    return {
        "title": feed_title(obj),
        "rss": feed_path("rss", obj),
        "atom": feed_path("atom", obj),
    }


@register.inclusion_tag("includes/feed_links.html")
def feed_links(obj=None):
    """<link rel="alternate"> tags for the feeds of obj (a term or an expert) or of all pieces."""
    return _feeds(obj)


@register.inclusion_tag("includes/feed_subscribe.html")
def feed_subscribe(obj=None):
    return _feeds(obj)


@register.inclusion_tag("articles/includes/cite.html", takes_context=True)
def cite_this(context):
    """The "Cite this" section: Chicago text, BibTeX and RIS downloads, the short link."""
    request = context["request"]
    article, translation = context["article"], context["translation"]
    citation = citations.citation_for(request, article, translation)
    slug = translation.slug
    return {
        "citation": citations.chicago(citation, html=True),
        "bibtex_url": reverse("articles:cite", kwargs={"slug": slug, "fmt": "bib"}),
        "ris_url": reverse("articles:cite", kwargs={"slug": slug, "fmt": "ris"}),
        "short_url": request.build_absolute_uri(short_link(article.pk)),
    }


@register.simple_tag
def print_styles():
    """The print stylesheet, and the script that writes relative links out in full for it."""
    return format_html(
        '<link rel="stylesheet" href="{}" media="print">\n  <script src="{}" defer></script>',
        static("css/print.css"),
        static("js/print-links.js"),
    )


@register.simple_tag
def sitemap_entries(urls):
    """
    Render a sitemap page's <url> entries, alternates included. Built in Python: a page
    holds 10,000 entries with four links each, which template loops render ~30× slower.
    """
    parts = []
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{localtime(url['lastmod']):%Y-%m-%d}</lastmod>")
        parts += [
            f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
            f'href="{escape(alternate["location"])}"/>'
            for alternate in url["alternates"]
        ]
        parts.append("</url>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

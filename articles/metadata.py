"""
What a page tells other sites about itself: Open Graph and Twitter card tags, and
schema.org JSON-LD (Article with its authors and language versions, Person, WebSite).

Functions here build plain data; `articles/templatetags/distribution.py` renders it.
"""

import json

from django.urls import reverse
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from core import i18n
from core.audio import iso_duration
from core.html import html_to_text
from core.images import renditions

SCHEMA = "https://schema.org"
# Open Graph names locales as language_TERRITORY.
OG_LOCALES = {"en": "en_US", "ar": "ar_AR", "fa": "fa_IR"}
DESCRIPTION_LENGTH = 300
SHARE_WIDTH = 1200

# What json.dumps leaves as is but must not appear raw inside <script> (as json_script does).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_name() -> str:
    return gettext("The Institute")


def describe(text: str, *, rich: bool = False) -> str:
    """
    Return text as a one-paragraph plain-text description of at most 300 characters.

    `rich` text (a bio) and safe strings (from {% blocktranslate asvar %}) are HTML: their
    tags go and their entities become characters. Other text is plain and kept as it is:
    "<b>" in a summary is what its author typed, to be shown, not removed.
    """
    text = text or ""
    if rich or isinstance(text, SafeData):
        text = html_to_text(text)
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def share_image(request, image) -> dict | None:
    """
    Return {"url", "width", "height"} of the picture to share for an uploaded image:
    its WebP rendition closest to 1200 pixels wide (what Open Graph asks for), else
    the original file (width and height then unknown). None without an image.
    """
    if not image:
        return None
    info = renditions(image.name)
    if info and info["renditions"]:
        fitting = [r for r in info["renditions"] if r[0] <= SHARE_WIDTH]
        width, height, url = max(fitting) if fitting else min(info["renditions"])
        return {"url": request.build_absolute_uri(url), "width": width, "height": height}
    return {"url": request.build_absolute_uri(image.url), "width": None, "height": None}


def image_url(request, image) -> str | None:
    """Return the absolute URL of the picture to share for an uploaded image, or None."""
    shared = share_image(request, image)
    return shared["url"] if shared else None


def json_ld_script(data: dict) -> SafeString:
    """Return data as a <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def organization(request) -> dict:
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": request.build_absolute_uri(i18n.url_in(get_language(), "home")),
    }


def version_modified(translation, article):
    """Return when a language version last changed: never before its publication."""
    times = [translation.changed_at, article.updated_at, article.published_at]
    return max(t for t in times if t is not None)


def person(request, expert) -> dict:
    """Return a schema.org Person for an expert, in the language their translation is in."""
    url = request.build_absolute_uri(expert.get_absolute_url())
    return {"@type": "Person", "@id": url, "name": expert.name, "url": url}


def article_json_ld(
    request, *, article, translation, authors, alternates, corrections=(), episode=None
) -> dict:
    """
    Return a schema.org Article for one language version of article: a PodcastEpisode,
    with its audio as an AudioObject, when article is an episode.

    Its `corrections` (oldest first) are listed as schema.org CorrectionComments; the
    newest is already its dateModified (a correction moves the version's changed_at).

    `alternates` is {language: path} of the article's public versions, this one
    included. The source-language version lists the others as `workTranslation`;
    each translation names the source version as `translationOfWork` when it is public.
    """
    language = translation.language_code
    url = request.build_absolute_uri(alternates[language])
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": translation.title,
        "name": translation.title,
        "inLanguage": language,
        "author": [person(request, author) for author in authors],
        "publisher": organization(request),
        "isAccessibleForFree": True,
    }
    if translation.summary:
        data["description"] = describe(translation.summary)
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
        data["dateModified"] = version_modified(translation, article).isoformat()
    image = image_url(request, article.hero_image)
    if image:
        data["image"] = [image]
    if article.article_type_id and hasattr(article.article_type, "name"):
        data["articleSection"] = article.article_type.name
    keywords = [term.name for term in [*article.topics.all(), *article.regions.all()]]
    if keywords:
        data["keywords"] = keywords
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "url": f"{url}#correction-{correction.pk}",
                "text": html_to_text(correction.text),
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in corrections
        ]

    if episode is not None:
        data.update(podcast_episode(request, episode, translation))

    def version(code):
        href = request.build_absolute_uri(alternates[code])
        return {"@type": "Article", "@id": href, "url": href, "inLanguage": code}

    source = article.source_language
    if language == source:
        others = [code for code in i18n.language_codes() if code != source and code in alternates]
        if others:
            data["workTranslation"] = [version(code) for code in others]
    elif source in alternates:
        data["translationOfWork"] = version(source)
    return data


def podcast_episode(request, episode, translation) -> dict:
    """Return what makes an article's JSON-LD a schema.org PodcastEpisode."""
    audio = request.build_absolute_uri(reverse("articles:audio", kwargs={"slug": translation.slug}))
    data = {
        "@type": "PodcastEpisode",
        "episodeNumber": episode.episode_number,
        "timeRequired": iso_duration(episode.duration_seconds),
        "associatedMedia": {
            "@type": "AudioObject",
            "contentUrl": audio,
            "duration": iso_duration(episode.duration_seconds),
            "encodingFormat": episode.mime_type,
            "contentSize": str(episode.size),
        },
        "partOfSeries": {
            "@type": "PodcastSeries",
            "name": site_name(),
            "webFeed": request.build_absolute_uri(reverse("feeds:podcast")),
        },
    }
    if episode.season_number:
        data["partOfSeason"] = {"@type": "PodcastSeason", "seasonNumber": episode.season_number}
    return data


def person_json_ld(request, *, expert, links) -> dict:
    """Return a schema.org Person for an expert page."""
    about = person(request, expert)
    data = {"@context": SCHEMA, **about, "mainEntityOfPage": about["url"]}
    if expert.role:
        data["jobTitle"] = expert.role
    if expert.short_bio:
        data["description"] = describe(expert.short_bio, rich=True)
    image = image_url(request, expert.photo)
    if image:
        data["image"] = image
    same_as = [link.href for link in links if link.kind != link.Kind.EMAIL and link.href]
    if same_as:
        data["sameAs"] = same_as
    if expert.is_current:
        data["worksFor"] = organization(request)
    return data


def website_json_ld(request) -> dict:
    """Return a schema.org WebSite for the home page of a language."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site_name(),
        "url": organization(request)["url"],
        "inLanguage": get_language(),
        "publisher": organization(request),
    }


def open_graph(
    *, title, url, description="", kind="website", image=None, image_alt="", languages=()
) -> list[tuple[str, str, str]]:
    """
    Return (attribute, name, content) for the Open Graph and Twitter card <meta> tags.

    `image` is what share_image returns; `languages` are the languages the page exists
    in (og:locale:alternate names the others).
    """
    language = get_language()
    description = describe(description)
    tags = [
        ("property", "og:site_name", site_name()),
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(language, language)),
    ]
    tags += [
        ("property", "og:locale:alternate", OG_LOCALES.get(code, code))
        for code in languages
        if code != language
    ]
    if description:
        tags.append(("property", "og:description", description))
    if image:
        tags.append(("property", "og:image", image["url"]))
        if image["width"]:
            tags.append(("property", "og:image:width", str(image["width"])))
            tags.append(("property", "og:image:height", str(image["height"])))
        if image_alt:
            tags.append(("property", "og:image:alt", image_alt))
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("name", "twitter:description", description))
    if image:
        tags.append(("name", "twitter:image", image["url"]))
        if image_alt:
            tags.append(("name", "twitter:image:alt", image_alt))
    return tags

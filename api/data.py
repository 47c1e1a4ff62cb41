"""
What the API answers, built from the same querysets, visibility rule and fallback names
as the pages (articles.models, translations.models), and the cache tags of what it shows.
"""

from core import cache_tags, i18n
from core.i18n import url_in
from experts.models import Expert


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def term(request, obj) -> dict:
    """A topic, region or content type, named in the asked language or its fallback."""
    cache_tags.shows(cache_tags.of(obj))
    language = obj.get_current_language()
    slug = obj.safe_translation_getter("slug", any_language=True) or ""
    row = {
        "id": obj.pk,
        "name": obj.safe_translation_getter("name", any_language=True) or "",
        "slug": slug,
        "language": language,
        "url": absolute(request, url_in(language, "articles:resolve", slug=slug)),
    }
    if hasattr(obj, "parent_id"):
        row["parent_id"] = obj.parent_id
    return row


def author(request, expert) -> dict:
    cache_tags.shows(cache_tags.of(expert))
    language = expert.get_current_language()
    return {
        "id": expert.pk,
        "name": expert.safe_translation_getter("name", any_language=True) or "",
        "language": language,
        "url": absolute(request, url_in(language, "experts:detail", slug=expert.slug)),
    }


def expert(request, obj) -> dict:
    return {
        **author(request, obj),
        "slug": obj.slug,
        "role": obj.safe_translation_getter("role", any_language=True) or "",
        "short_bio": obj.safe_translation_getter("short_bio", any_language=True) or "",
        "is_current": obj.is_current,
    }


def card(request, article, language: str) -> dict:
    """An article as a listing shows it: prefetched with for_cards(language)."""
    cache_tags.shows_card(article)
    return {
        "id": article.pk,
        "language": language,
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "published_at": article.published_at,
        "url": absolute(request, url_in(language, "articles:resolve", slug=article.slug)),
        "type": term(request, article.article_type) if article.article_type else None,
        "authors": [author(request, e) for e in article.authors.all()],
    }


def episode(request, article, language: str) -> dict | None:
    """The podcast episode an article is, as its page plays it (guests: one query), or None."""
    found = getattr(article, "episode", None)
    if found is None:
        return None
    guests = Expert.objects.with_fallback_translation(language).filter(guest_episodes=found)
    path = url_in(language, "articles:audio", slug=article.slug)
    return {
        "audio_url": absolute(request, path),
        "mime_type": found.mime_type,
        "size": found.size,
        "duration_seconds": found.duration_seconds,
        "episode_number": found.episode_number,
        "season_number": found.season_number,
        "explicit": found.explicit,
        "guests": [author(request, guest) for guest in guests],
        "outside_guests": [name for name in found.outside_guests.split(", ") if name],
    }


def detail(request, article, language: str, versions) -> dict:
    """One article as its page shows it: prefetched with for_pages(language)."""
    cache_tags.shows(cache_tags.article(article.pk))
    return {
        **card(request, article, language),
        "episode": episode(request, article, language),
        "body": article.body,
        "author_note": article.author_note,
        "topics": [term(request, t) for t in article.topics.all()],
        "regions": [term(request, r) for r in article.regions.all()],
        "translations": [
            {
                "language": version.language_code,
                "title": version.title,
                "url": absolute(
                    request, url_in(version.language_code, "articles:resolve", slug=version.slug)
                ),
            }
            for version in sorted(
                versions, key=lambda v: i18n.language_codes().index(v.language_code)
            )
        ],
    }

"""The shapes of the API's answers: the OpenAPI schema is built from these."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import Field

#: A site language code; the OpenAPI schema lists them.
Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]
#: A page's position as core.pagination writes it (the next/previous of a page).
Cursor = Annotated[str, Field(pattern=r"^-?[0-9]{1,20}\.[0-9]{1,19}$", max_length=40)]


class Error(Schema):
    detail: str


class Term(Schema):
    id: int
    name: str
    slug: str
    language: str  # the language of name and slug: the asked one, or a fallback
    url: str


class Region(Term):
    parent_id: int | None


class Expert(Schema):
    id: int
    name: str
    slug: str
    language: str
    role: str
    short_bio: str
    is_current: bool
    url: str


class Author(Schema):
    id: int
    name: str
    language: str
    url: str


class ArticleCard(Schema):
    id: int
    language: str
    title: str
    slug: str
    summary: str
    published_at: datetime
    url: str
    type: Term | None
    authors: list[Author]


class Version(Schema):
    language: str
    title: str
    url: str


class Episode(Schema):
    audio_url: str
    mime_type: Literal["audio/mpeg", "audio/mp4"]
    size: int  # bytes
    duration_seconds: int
    episode_number: int
    season_number: int | None
    explicit: bool
    guests: list[Author]  # the institute's experts
    outside_guests: list[str]  # names of the other guests


class ArticleDetail(ArticleCard):
    episode: Episode | None  # set when the article is a podcast episode
    body: str
    author_note: str
    topics: list[Term]
    regions: list[Region]
    translations: list[Version]


class ArticlePage(Schema):
    results: list[ArticleCard]
    next: str | None  # the cursor of the following page (?after=), if any
    previous: str | None  # the cursor of the page before (?before=), if any


class ArticleFilters(Schema):
    language: Language | None = None
    topic: int | None = None
    region: int | None = None
    type: int | None = None
    expert: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    after: Cursor | None = None
    before: Cursor | None = None


__all__ = ["ArticleCard", "ArticleDetail", "ArticlePage", "Error", "Expert", "Region", "Term"]

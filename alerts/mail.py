"""
The emails: what each piece shows (in its own language) and the messages built around
them in the subscriber's language, HTML (right to left for Arabic and Farsi) and text,
with the preferences link and the one-click unsubscribe headers (RFC 2369, RFC 8058).
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.models import Article, ArticleTranslation
from core import calendars, i18n

from .models import Subscriber
from .tokens import subscriber_token


def absolute(path: str) -> str:
    """The address of a path of this site (SITE_URL: emails have no request to read it from)."""
    return path if "://" in path else settings.SITE_URL + path


def url_in(language: str, viewname: str, **kwargs) -> str:
    return absolute(i18n.url_in(language, viewname, **kwargs))


@dataclass
class Item:
    """One piece as an email shows it, in its own language."""

    translation_id: int
    article_id: int
    language: str
    title: str
    summary: str
    url: str
    type_name: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    image_url: str = ""
    image_alt: str = ""
    date_key: float = 0.0
    # What it is filed under, to match subscriptions: ("topic", id), ("expert", id), ...
    keys: set = field(default_factory=set)
    # Its block of an email, by kind ("html", "txt"): the same in every email it is in.
    blocks: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def direction(self) -> str:
        return i18n.direction_of(self.language)

    @property
    def html_block(self) -> str:
        return mark_safe(self._block("html"))  # noqa: S308 (rendered with autoescape)

    @property
    def text_block(self) -> str:
        return self._block("txt")

    def _block(self, kind: str) -> str:
        # Rendered once per item, not once per email: a digest run to many subscribers
        # would otherwise spend most of its time rendering the same pieces again.
        if kind not in self.blocks:
            with translation.override(self.language):
                self.blocks[kind] = render_to_string(f"alerts/email/item.{kind}", {"item": self})
        return self.blocks[kind]


def items(translation_ids) -> list[Item]:
    """The public ones of these translations as Items, newest first (a few queries a language)."""
    found = ArticleTranslation.objects.public().filter(pk__in=list(translation_ids))
    by_language: dict[str, set[int]] = {}
    for language, article_id in found.values_list("language_code", "master_id"):
        by_language.setdefault(language, set()).add(article_id)
    all_ids = {pk for ids in by_language.values() for pk in ids}
    keys = _filed_under(all_ids)
    made = []
    for language, ids in by_language.items():
        articles = Article.objects.public(language).filter(pk__in=ids).for_cards(language)
        with translation.override(language):
            for article in articles:
                made.append(_item(article, language, keys.get(article.pk, set())))
    made.sort(key=lambda item: (item.date_key, item.translation_id), reverse=True)
    return made


def _item(article, language: str, keys: set) -> Item:
    tr = article.get_translation(language)
    item = Item(
        translation_id=tr.pk,
        article_id=article.pk,
        language=language,
        title=tr.title,
        summary=tr.summary,
        url=url_in(language, "articles:resolve", slug=tr.slug),
        type_name=article.article_type.name if article.article_type else "",
        authors=[author.name for author in article.authors.all()],
        date=_date(article.published_at, language),
        keys=keys | {("type", article.article_type_id)},
    )
    item.date_key = article.published_at.timestamp()
    if article.hero_image:
        item.image_url = absolute(article.hero_image.url)
        item.image_alt = tr.hero_alt
    return item


def _date(published_at, language: str) -> str:
    """The date in the language's calendar, and in its second one beside (no hover in mail)."""
    first, other = calendars.format_dates(published_at, language=language)
    return f"{first} ({other})" if other else first


def _filed_under(article_ids) -> dict[int, set]:
    """{article id: {("topic", id), ("region", id), ("expert", id)}}; a country's region too."""
    keys: dict[int, set] = {pk: set() for pk in article_ids}
    topics = Article.topics.through.objects.filter(article_id__in=article_ids)
    for article_id, topic_id in topics.values_list("article_id", "topic_id"):
        keys[article_id].add(("topic", topic_id))
    regions = Article.regions.through.objects.filter(article_id__in=article_ids)
    for article_id, region_id, parent_id in regions.values_list(
        "article_id", "region_id", "region__parent_id"
    ):
        keys[article_id] |= {("region", region_id), ("region", parent_id)}
    authors = Article.authors.through.objects.filter(article_id__in=article_ids)
    for article_id, expert_id in authors.values_list("article_id", "expert_id"):
        keys[article_id].add(("expert", expert_id))
    return keys


def matches(item: Item, subscriber: Subscriber, follows: set) -> bool:
    """Whether a subscriber following follows ({(kind, id)}) wants item."""
    if f",{item.language}," not in subscriber.languages:
        return False
    return ("everything", 0) in follows or bool(item.keys & follows)


def _unsubscribe_headers(subscriber: Subscriber, unsubscribe_url: str) -> dict:
    token = subscriber_token(subscriber, "unsubscribe")
    mailto = f"mailto:{settings.ALERTS_UNSUBSCRIBE_MAILTO}?subject={quote('unsubscribe ' + token)}"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def _message(*, to: str, language: str, subject: str, template: str, context: dict, headers=None):
    with translation.override(language):
        context = {
            **context,
            "language": language,
            "direction": i18n.direction_of(language),
            "home_url": url_in(language, "home"),
        }
        text = render_to_string(f"alerts/email/{template}.txt", context)
        html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def subscriber_message(subscriber: Subscriber, *, subject: str, template: str, context: dict):
    """A message to a subscriber with its preferences link and one-click unsubscribe."""
    language = subscriber.language
    preferences = url_in(
        language, "alerts:preferences", token=subscriber_token(subscriber, "preferences")
    )
    unsubscribe = url_in(
        language, "alerts:unsubscribe", token=subscriber_token(subscriber, "unsubscribe")
    )
    context = {**context, "preferences_url": preferences, "unsubscribe_url": unsubscribe}
    return _message(
        to=subscriber.email,
        language=language,
        subject=subject,
        template=template,
        context=context,
        headers=_unsubscribe_headers(subscriber, unsubscribe),
    )


def alert_message(subscriber: Subscriber, item: Item):
    with translation.override(subscriber.language):
        subject = _("%(site)s: %(title)s") % {"site": _("The Institute"), "title": item.title}
    return subscriber_message(
        subscriber, subject=subject, template="alert", context={"items": [item]}
    )


def digest_message(subscriber: Subscriber, chosen: list[Item], frequency: str, more: int = 0):
    with translation.override(subscriber.language):
        subject = (
            _("The Institute: this week's analysis")
            if frequency == "weekly"
            else _("The Institute: today's analysis")
        )
    return subscriber_message(
        subscriber,
        subject=subject,
        template="digest",
        context={"items": chosen, "more": more, "frequency": frequency},
    )


def confirmation_message(*, email: str, language: str, token: str):
    with translation.override(language):
        subject = _("Confirm your subscription to The Institute's alerts")
        confirm_url = url_in(language, "alerts:confirm", token=token)
    hours = settings.ALERTS_CONFIRM_MAX_AGE // 3600
    return _message(
        to=email,
        language=language,
        subject=subject,
        template="confirm",
        context={"confirm_url": confirm_url, "hours": hours},
    )

"""
Relinking an article: its authors (in byline order), its topics and regions, and the
related articles pinned to it (in the order they are recommended).

`article_authors_set`, `article_terms_set` and `article_pins_set` relink on their own: each
checks the user's permission (whoever may change the shared fields relinks authors and
terms, so translators never do; pins are the editors'), writes only the difference, and
records a revision and the "content changed" event, in one transaction.

A save of the whole change form relinks as one step of `services_edit.article_save`, which
takes the form's links as data (`Links`, from the term fields and what the inline formsets
worked out) and runs the same check (`links_check`) and write (`links_write`): one save is
one revision in the history, where calling the three services would record one each. A
revision restore writes its links with `links_write` after its own check
(`policy.can_restore`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from experts.models import Expert
from taxonomy.models import Region, Topic

from . import policy
from .models import Article, Authorship, RelatedArticle
from .revisions import revision_create, revision_ensure_baseline
from .services import NotPermitted, lock


@dataclass(frozen=True)
class Links:
    """Links to give an article (objects or their ids); one left None stays as it is."""

    authors: Sequence[Expert | int] | None = None  # In byline order.
    topics: Iterable[Topic | int] | None = None
    regions: Iterable[Region | int] | None = None
    pinned: Sequence[Article | int] | None = None  # In the order they are recommended.

    def __bool__(self) -> bool:
        return any(value is not None for value in vars(self).values())


def links_check(*, article: Article, links: Links, user) -> None:
    """Raise NotPermitted unless user may make every change links asks for."""
    relinks = (links.authors, links.topics, links.regions)
    if any(value is not None for value in relinks) and not policy.can_edit_shared(user, article):
        raise NotPermitted(_("You may not change the authors, topics or regions of this article."))
    if links.pinned is not None and not policy.can_pin(user, article):
        raise NotPermitted(_("You may not change the related articles pinned to this article."))


def links_write(*, article: Article, links: Links) -> None:
    """Write links, unchecked: rows that stay are kept (and moved), the others go or come."""
    if links.authors is not None:
        _ordered_write(article, Authorship, "expert", [_pk(expert) for expert in links.authors])
    if links.topics is not None:
        article.topics.set(links.topics)
    if links.regions is not None:
        article.regions.set(links.regions)
    if links.pinned is not None:
        targets = [_pk(target) for target in links.pinned]
        if article.pk in targets:
            raise ValueError("An article cannot be pinned to itself.")
        _ordered_write(article, RelatedArticle, "target", targets)


def _pk(value) -> int:
    return value if isinstance(value, int) else value.pk


def _ordered_write(article: Article, model, field: str, wanted: list[int]) -> None:
    """Make article's rows of model (Authorship, RelatedArticle) point to wanted, in order."""
    if len(set(wanted)) < len(wanted):
        raise ValueError(f"The same {field} is listed twice.")
    targets = model._meta.get_field(field).related_model.objects.filter(pk__in=wanted)
    if targets.count() < len(wanted):
        raise ValueError(f"A {field} listed does not exist.")
    key = f"{field}_id"
    current = {getattr(row, key): row for row in model.objects.filter(article=article)}
    gone = [row.pk for target, row in current.items() if target not in wanted]
    if gone:
        model.objects.filter(pk__in=gone).delete()
    for position, target in enumerate(wanted):
        row = current.get(target)
        if row is None:
            model.objects.create(article=article, position=position, **{key: target})
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def _relink(*, article: Article, links: Links, user) -> None:
    article = lock(article)
    links_check(article=article, links=links, user=user)
    revision_ensure_baseline(article=article)  # The links before, for the history.
    links_write(article=article, links=links)
    revision_create(article=article, user=user)  # the rows written report themselves


@transaction.atomic
def article_authors_set(*, article: Article, experts: Sequence[Expert | int], user) -> None:
    """Make experts the article's authors, in this byline order."""
    _relink(article=article, links=Links(authors=experts), user=user)


@transaction.atomic
def article_terms_set(
    *,
    article: Article,
    topics: Iterable[Topic | int] | None = None,
    regions: Iterable[Region | int] | None = None,
    user,
) -> None:
    """File the article under topics and regions; one left None stays as it is."""
    _relink(article=article, links=Links(topics=topics, regions=regions), user=user)


@transaction.atomic
def article_pins_set(*, article: Article, pinned: Sequence[Article | int], user) -> None:
    """Pin articles to the article as related, recommended first in this order."""
    _relink(article=article, links=Links(pinned=pinned), user=user)

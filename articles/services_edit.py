"""
Editing an article: the one place a change form's save goes through.

`article_save` runs a save in its steps and order, in one transaction: the baseline
revision (the text before, so outdated translations can show what changed), the
fields and the translation, the slug redirect, the links (authors, terms, pins), the
revision, the publication time through its transition, and the "content changed"
event. The caller hands in how to write the fields (the admin's form knows how) and the
new links as data (`services_links.Links`, from the form and its inline formsets), which
are checked and written by the relinking services' own steps; everything else is
decided here.
"""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.images import renditions_soon

from . import policy
from .models import Article, ArticleTranslation
from .redirects import slug_redirect_record
from .revisions import revision_create, revision_ensure_baseline
from .services import NotPermitted, WorkflowError, article_schedule
from .services_links import Links, links_check, links_write

#: publish_at when the save leaves the publication time alone.
UNCHANGED = object()


@transaction.atomic
def article_save(
    *,
    article: Article,
    language: str,
    user,
    created: bool,
    write_fields: Callable[[], None],
    links: Links | None = None,
    write_relations: Callable[[], None] = lambda: None,
    publish_at: datetime | None | object = UNCHANGED,
    hero_changed: bool = False,
) -> list[str]:
    """
    Save an article's fields and its language's translation (write_fields), then its
    links and any other relations (write_relations); return the errors of steps refused
    on their own (a publication time the user may not set), the rest being saved.
    """
    if created:
        if not user.has_perm(policy.ADD):
            raise NotPermitted(_("You may not add articles."))
        article.created_by = user
        old_slug = ""
    else:
        if not (
            policy.can_edit_shared(user, article)
            or policy.can_edit_translation(user, article, language)
        ):
            raise NotPermitted(_("You may not change this article."))
        revision_ensure_baseline(article=article)
        old_slug = (
            ArticleTranslation.objects.filter(master_id=article.pk, language_code=language)
            .values_list("slug", flat=True)
            .first()
        ) or ""
    links = links or Links()
    links_check(article=article, links=links, user=user)
    write_fields()
    if hero_changed and article.hero_image:
        renditions_soon(article.hero_image.name)
    new_slug = article.safe_translation_getter("slug", language_code=language) or ""
    slug_redirect_record(article=article, language=language, old_slug=old_slug, new_slug=new_slug)
    if links:
        links_write(article=article, links=links)
    write_relations()
    revision_create(article=article, user=user)
    errors = []
    if publish_at is not UNCHANGED:
        try:
            with transaction.atomic():
                article_schedule(article=article, user=user, publish_at=publish_at)
        except WorkflowError as error:
            errors.append(str(error))
        article.refresh_from_db(fields=["published_at"])
    # What changed reports itself (articles.changes): a draft edit of one translation is a
    # change of that language only, and not one readers see.
    return errors

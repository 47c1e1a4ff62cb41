"""
Report every change to articles as a "content changed" event (core.events).

Model signals rather than calls from the services alone, so that whatever writes an
article, a translation, an author, a pin or a term link (a service, the admin, a
factory, the shell) reaches the page cache, the search index and the recommendations.
A change is public when readers could see it: anything about an article that has a
published translation, or a translation that is or was published; a draft or
in-review edit is not.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core.events import content_change
from taxonomy.models import Region, Topic

from .models import Article, ArticleTranslation, Authorship, RelatedArticle, State

KIND = "articles.article"


def article_has_public_translation(article_id) -> bool:
    return ArticleTranslation.objects.filter(master_id=article_id, state=State.PUBLISHED).exists()


def article_changed(article_id, languages=()) -> None:
    """Record a change to an article's shared fields or links."""
    if article_id:
        content_change(
            kind=KIND,
            id=article_id,
            languages=languages,
            public=article_has_public_translation(article_id),
        )


#: The article's own fields that readers see (the rest, such as updated_at or the source
#: version, are bookkeeping: a save that changes only them is no change to report).
READER_FIELDS = (
    "source_language",
    "article_type_id",
    "published_at",
    "is_withdrawn",
    "is_featured",
    "hero_image",
)


def _article_saving(sender, instance, raw=False, **kwargs):
    # What readers saw before, read back just before the row is written (one query a save).
    if raw or instance.pk is None:
        instance._shown_before = None
        return
    instance._shown_before = (
        Article.objects.filter(pk=instance.pk).values_list(*READER_FIELDS).first()
    )


def _article_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_shown_before", None)
    now = tuple(
        str(value) if name == "hero_image" else value
        for name, value in ((name, getattr(instance, name)) for name in READER_FIELDS)
    )
    if created or before is None or tuple(before) != now:
        article_changed(instance.pk)


def _article_deleted(sender, instance, **kwargs):
    # Whatever it showed is gone from the public pages.
    content_change(kind=KIND, id=instance.pk, public=True)


def _translation_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.master_id:
        return
    # Unknown where it started (built by hand, not loaded): say public, never less.
    was = State.DRAFT if kwargs.get("created") else getattr(instance, "_loaded_state", None)
    public = was is None or State.PUBLISHED in (instance.state, was)
    content_change(
        kind=KIND, id=instance.master_id, languages=[instance.language_code], public=public
    )
    instance._loaded_state = instance.state


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        article_changed(instance.article_id)


def _terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._cleared_articles = list(instance.articles.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        article_changed(instance.pk)
        return
    # From the term's side: topic.articles.add(...) or .clear().
    ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_articles", [])
    for article_id in ids or ():
        article_changed(article_id)


def _term_deleting(sender, instance, **kwargs):
    # The links go with the term: the pieces filed under it change.
    for article_id in instance.articles.values_list("pk", flat=True):
        article_changed(article_id)


def connect() -> None:
    pre_save.connect(_article_saving, sender=Article, dispatch_uid="changes-article-saving")
    post_save.connect(_article_saved, sender=Article, dispatch_uid="changes-article-save")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="changes-article-delete")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(
            _translation_changed, sender=ArticleTranslation, dispatch_uid=f"changes-tr-{name}"
        )
        signal.connect(_link_changed, sender=Authorship, dispatch_uid=f"changes-author-{name}")
        signal.connect(_link_changed, sender=RelatedArticle, dispatch_uid=f"changes-pin-{name}")
    for field in ("topics", "regions"):
        m2m_changed.connect(
            _terms_changed,
            sender=getattr(Article, field).through,
            dispatch_uid=f"changes-{field}",
        )
    for term in (Topic, Region):
        pre_delete.connect(_term_deleting, sender=term, dispatch_uid=f"changes-{term.__name__}")

"""
Making an article a podcast episode, and changing its audio and podcast facts.

Whoever may change what all its languages share may do it (policy.can_edit_shared): an
editor always; an author while their source text is a draft. Each save is recorded as a
workflow event and a revision, and is a change readers see when a version is public.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audio import validate_audio
from core.events import content_change

from . import policy
from .changes import KIND
from .models import Article, ArticleRevision, Episode
from .services import Action, NotPermitted, WrongState, lock, record


@transaction.atomic
def episode_save(
    *,
    article: Article,
    user,
    audio=None,
    episode_number: int,
    season_number: int | None = None,
    explicit: bool = False,
    guests=(),
    outside_guests: str = "",
) -> Episode:
    """
    Make article an episode, or change its episode: audio (an upload; None keeps the file
    it has), numbers, explicit, guests. Raise ValidationError for a bad file.
    """
    article = lock(article)
    if not policy.can_edit_shared(user, article):
        raise NotPermitted(_("You may not change the podcast episode of this article."))
    episode = Episode.objects.filter(article=article).first() or Episode(article=article)
    if audio is None and not episode.audio:
        raise WrongState(_("An episode needs its audio file: upload an MP3 or M4A."))
    old_name = episode.audio.name if episode.audio and audio is not None else None
    if audio is not None:
        facts = validate_audio(audio)
        # The type first: the file's stored name ends in the extension of its type.
        episode.mime_type = facts.mime_type
        episode.duration_seconds = facts.duration_seconds
        episode.size = audio.size
        episode.audio = audio
    episode.episode_number = episode_number
    episode.season_number = season_number
    episode.explicit = explicit
    episode.outside_guests = ", ".join(
        name for name in (n.strip() for n in (outside_guests or "").split(",")) if name
    )
    episode.updated_at = timezone.now()
    episode.full_clean(exclude=["article"])
    episode.save()
    episode.guests.set(guests)
    record(article, user, Action.EPISODE, comment=f"#{episode_number}",
           kind=ArticleRevision.Kind.TRANSITION)  # fmt: skip
    # The episode is shared by every language version (no languages: all of them).
    public = any(t.is_public() for t in article.translations.all())
    content_change(kind=KIND, id=article.pk, public=public)
    if old_name:
        storage = Episode._meta.get_field("audio").storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return episode

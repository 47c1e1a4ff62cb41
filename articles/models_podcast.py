"""
Podcast episodes: an episode is an article (its translations, workflow, visibility,
search, recommendations, sitemap and feeds are the article's) with one audio file and
what a podcast directory asks of an episode. Its transcript in each language is that
version's body.

Imported by articles.models, so Django sees the model as part of the app.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audio import TYPES, clock, iso_duration
from core.slugs import slugify_title


def episode_path(instance, filename: str) -> str:
    """A name no one can guess (a draft's audio too), ending in a readable file name."""
    stem = slugify_title(filename.rsplit(".", 1)[0])[:80] or "episode"
    extension = TYPES.get(instance.mime_type, "mp3")
    return f"podcast/{secrets.token_urlsafe(12)}/{stem}.{extension}"


class Episode(models.Model):
    """The audio and podcast facts of an article that is a podcast episode."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="episode"
    )
    audio = models.FileField(_("audio file"), upload_to=episode_path, max_length=300)
    mime_type = models.CharField(_("audio type"), max_length=40, choices=list(TYPES.items()))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    duration_seconds = models.PositiveIntegerField(_("duration in seconds"))
    episode_number = models.PositiveIntegerField(_("episode number"))
    season_number = models.PositiveIntegerField(_("season number"), null=True, blank=True)
    explicit = models.BooleanField(
        _("explicit"), default=False, help_text=_("Podcast directories label it so.")
    )
    guests = models.ManyToManyField(
        "experts.Expert", verbose_name=_("guests"), blank=True, related_name="guest_episodes"
    )
    outside_guests = models.CharField(
        _("other guests"),
        max_length=500,
        blank=True,
        help_text=_("Names of guests who are not experts of the institute, separated by commas."),
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    def __str__(self):
        return f"#{self.episode_number}"

    @property
    def iso_duration(self) -> str:
        return iso_duration(self.duration_seconds)

    @property
    def clock(self) -> str:
        return clock(self.duration_seconds)

    @property
    def outside_guest_names(self) -> list[str]:
        return [name.strip() for name in self.outside_guests.split(",") if name.strip()]

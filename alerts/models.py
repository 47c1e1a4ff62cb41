"""
Email alerts: who follows what, and what each of them was sent.

Only what sending needs is stored: the address, its languages and choices, and the times
of consent. Nothing is stored before the address confirms (the request travels inside
the signed confirmation link, alerts.tokens). A send is claimed (a Sent row, unique per
subscriber and piece or subscriber and digest period) before the message goes out, so a
retried task or a second run never sends one twice.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import i18n


def new_key() -> str:
    return secrets.token_urlsafe(12)


class Frequency(models.TextChoices):
    INSTANT = "instant", _("As soon as a piece is published")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Return the confirmed subscribers that may be sent mail."""
        return self.filter(state=Subscriber.State.ACTIVE)

    def reading(self, language: str):
        """Return the subscribers who want pieces in language."""
        return self.filter(languages__contains=f",{language},")


class Subscriber(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        SUSPENDED = "suspended", _("Suspended (bounces)")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language of the emails"), max_length=15, choices=i18n.language_choices()
    )
    # The languages of the pieces wanted, as ",en,ar," so that one lookup finds a language.
    languages = models.CharField(_("languages of the pieces"), max_length=100)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    state = models.CharField(_("state"), max_length=15, choices=State.choices, default=State.ACTIVE)
    consented_at = models.DateTimeField(_("consent requested"))
    confirmed_at = models.DateTimeField(_("consent confirmed"))
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounce_count = models.PositiveIntegerField(_("hard bounces"), default=0)
    last_bounce_at = models.DateTimeField(_("last hard bounce"), null=True, blank=True)
    # Part of every signed link: a new key makes the links in old emails stop working.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "frequency"], name="subscriber_state_freq")]

    def __str__(self):
        return self.email

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @language_list.setter
    def language_list(self, codes) -> None:
        ordered = [code for code in i18n.language_codes() if code in set(codes)]
        self.languages = "," + ",".join(ordered) + ","

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


#: The field of a subscription naming the followed object, per kind.
FOLLOWED_FIELDS = {"topic": "topic", "region": "region", "expert": "expert", "type": "article_type"}


class Subscription(models.Model):
    """One thing a subscriber follows: everything, a topic, a region, an expert or a type."""

    class Kind(models.TextChoices):
        EVERYTHING = "everything", _("Everything")
        TOPIC = "topic", _("Topic")
        REGION = "region", _("Region or country")
        EXPERT = "expert", _("Expert")
        TYPE = "type", _("Content type")

    FIELDS = FOLLOWED_FIELDS

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("follows"), max_length=15, choices=Kind.choices)
    topic = models.ForeignKey(
        "taxonomy.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("region or country"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    expert = models.ForeignKey(
        "experts.Expert",
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    article_type = models.ForeignKey(
        "taxonomy.ArticleType",
        verbose_name=_("content type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber"],
                condition=Q(kind="everything"),
                name="alerts_one_everything_per_subscriber",
            ),
            *(
                models.UniqueConstraint(
                    fields=["subscriber", field],
                    condition=Q(kind=kind),
                    name=f"alerts_one_{field}_per_subscriber",
                )
                for kind, field in FOLLOWED_FIELDS.items()
            ),
            models.CheckConstraint(
                condition=Q(
                    kind="everything", topic=None, region=None, expert=None, article_type=None
                )
                | Q(kind="topic", topic__isnull=False, region=None, expert=None, article_type=None)
                | Q(kind="region", region__isnull=False, topic=None, expert=None, article_type=None)
                | Q(kind="expert", expert__isnull=False, topic=None, region=None, article_type=None)
                | Q(kind="type", article_type__isnull=False, topic=None, region=None, expert=None),
                name="alerts_subscription_names_its_kind",
            ),
        ]

    def __str__(self):
        target = self.target
        return f"{self.get_kind_display()}: {target}" if target else str(self.get_kind_display())

    @property
    def target_id(self) -> int:
        """The id of the followed object (0 for everything)."""
        return getattr(self, f"{self.FIELDS[self.kind]}_id") if self.kind in self.FIELDS else 0

    @property
    def target(self):
        return getattr(self, self.FIELDS[self.kind]) if self.kind in self.FIELDS else None


class Publication(models.Model):
    """When the alerts first saw a translation public: what digests and alerts announce."""

    translation = models.OneToOneField(
        "articles.ArticleTranslation", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=15)
    public_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("announced publication")
        verbose_name_plural = _("announced publications")

    def __str__(self):
        return f"{self.translation_id} ({self.language})"


class Sent(models.Model):
    """One email to a subscriber: an alert of one translation, or the digest of one period."""

    class State(models.TextChoices):
        # Claimed. Once attempted (attempted_at) the message may have left even if its sender
        # died before recording it, so it is never sent again; a claim never attempted is
        # given back when its sender is gone (sending.release_abandoned).
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        # The server asked to try later (4xx for this recipient): tried again at retry_after.
        DEFERRED = "deferred", _("Deferred by the mail server")
        BOUNCED = "bounced", _("Refused by the mail server")
        FAILED = "failed", _("Failed")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="sends"
    )
    translation = models.ForeignKey(
        "articles.ArticleTranslation",
        verbose_name=_("piece"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.CharField(_("digest period"), max_length=20, blank=True)
    items = models.PositiveIntegerField(_("pieces"), default=1)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SENDING
    )
    # The sender's worker id (core.tasks.worker_id) and a random part of the claim.
    claim = models.CharField(max_length=80, editable=False)
    created_at = models.DateTimeField(_("claimed"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    retry_after = models.DateTimeField(_("retry after"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "translation"],
                condition=Q(translation__isnull=False),
                name="alerts_one_alert_per_subscriber_and_piece",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "period"],
                condition=~Q(period=""),
                name="alerts_one_digest_per_subscriber_and_period",
            ),
            models.CheckConstraint(
                condition=Q(translation__isnull=False, period="")
                | Q(translation__isnull=True) & ~Q(period=""),
                name="alerts_sent_is_an_alert_or_a_digest",
            ),
        ]
        indexes = [
            models.Index(fields=["claim"], name="alerts_sent_claim"),
            # The claims to look at for an abandoned or a due retry: few among many sent.
            models.Index(
                fields=["state"],
                condition=Q(state__in=["sending", "deferred"]),
                name="alerts_sent_open",
            ),
        ]

    def __str__(self):
        return f"{self.subscriber_id}: {self.period or self.translation_id}"

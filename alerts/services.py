"""
The writes of the alerts: confirming a request, changing preferences, unsubscribing,
bounces, and a subscriber's data (export, delete). Each in one transaction.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import FOLLOWED_FIELDS, Frequency, Sent, Subscriber, Subscription, new_key

MODELS = {"topic": Topic, "region": Region, "expert": Expert, "type": ArticleType}
Kind = Subscription.Kind


class Refused(Exception):
    """The request cannot be carried out (said to the reader as it is)."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def choices_existing(choices) -> list[tuple[str, int]]:
    """Return the (kind, id) choices whose object exists, without repeats, in order."""
    wanted: list[tuple[str, int]] = []
    for kind, pk in choices:
        if kind == Kind.EVERYTHING:
            wanted.append((kind, 0))
        elif kind in MODELS:
            wanted.append((kind, int(pk)))
    found = {
        kind: set(
            model.objects.filter(pk__in=[pk for k, pk in wanted if k == kind]).values_list(
                "pk", flat=True
            )
        )
        for kind, model in MODELS.items()
    }
    seen, kept = set(), []
    for kind, pk in wanted:
        if (kind, pk) not in seen and (kind == Kind.EVERYTHING or pk in found[kind]):
            seen.add((kind, pk))
            kept.append((kind, pk))
    return kept


def subscription_for(subscriber: Subscriber, kind: str, pk: int) -> Subscription:
    fields = {FOLLOWED_FIELDS[kind] + "_id": pk} if kind in FOLLOWED_FIELDS else {}
    return Subscription(subscriber=subscriber, kind=kind, **fields)


def subscriber_confirm(*, request: dict, now=None) -> Subscriber:
    """
    Carry out a confirmed subscription request (alerts.tokens.confirm_request): create or
    update the subscriber, make it active and add the choices to what it follows.
    """
    now = now or timezone.now()
    email = normalize_email(request["email"])
    requested_at = datetime.fromtimestamp(request["at"], tz=UTC)
    languages = [code for code in request.get("languages", ()) if i18n.is_site_language(code)]
    language = request.get("language")
    frequency = request.get("frequency")
    if not languages or not i18n.is_site_language(language) or frequency not in Frequency.values:
        raise Refused("malformed request")
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber and subscriber.unsubscribed_at and subscriber.unsubscribed_at > requested_at:
            # A link older than the unsubscription does not undo it.
            raise Refused("unsubscribed since")
        subscriber = subscriber or Subscriber(email=email)
        subscriber.language = language
        subscriber.language_list = languages
        subscriber.frequency = frequency
        subscriber.state = Subscriber.State.ACTIVE
        subscriber.consented_at = requested_at
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.bounce_count = 0
        subscriber.full_clean()
        subscriber.save()
        known = {(s.kind, s.target_id) for s in subscriber.subscriptions.all()}
        new = [
            subscription_for(subscriber, kind, pk)
            for kind, pk in choices_existing(request.get("choices", ()))
            if (kind, pk) not in known
        ]
        Subscription.objects.bulk_create(new)
    return subscriber


def preferences_update(
    *, subscriber: Subscriber, language: str, languages, frequency: str, removed=()
) -> Subscriber:
    """Change what a subscriber receives; removed lists Subscription ids to drop."""
    with transaction.atomic():
        subscriber.language = language
        subscriber.language_list = languages
        subscriber.frequency = frequency
        subscriber.full_clean()
        subscriber.save(update_fields=["language", "languages", "frequency"])
        subscriber.subscriptions.filter(pk__in=list(removed)).delete()
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber, now=None) -> Subscriber:
    """Stop all mail to the subscriber (what it followed is kept until it deletes its data)."""
    if subscriber.state != Subscriber.State.UNSUBSCRIBED:
        subscriber.state = Subscriber.State.UNSUBSCRIBED
        subscriber.unsubscribed_at = now or timezone.now()
        subscriber.save(update_fields=["state", "unsubscribed_at"])
    return subscriber


def subscriber_bounced(*, subscriber_id: int, now=None) -> None:
    """Count a hard bounce; suspend the address at ALERTS_BOUNCE_LIMIT of them."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            return
        subscriber.bounce_count += 1
        subscriber.last_bounce_at = now or timezone.now()
        if (
            subscriber.bounce_count >= settings.ALERTS_BOUNCE_LIMIT
            and subscriber.state == Subscriber.State.ACTIVE
        ):
            subscriber.state = Subscriber.State.SUSPENDED
        subscriber.save(update_fields=["bounce_count", "last_bounce_at", "state"])


def subscriber_export(subscriber: Subscriber) -> dict:
    """Everything stored about a subscriber, as JSON-ready data."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "languages": subscriber.language_list,
        "frequency": subscriber.frequency,
        "state": subscriber.state,
        "consent_requested_at": when(subscriber.consented_at),
        "consent_confirmed_at": when(subscriber.confirmed_at),
        "unsubscribed_at": when(subscriber.unsubscribed_at),
        "hard_bounces": subscriber.bounce_count,
        "last_hard_bounce_at": when(subscriber.last_bounce_at),
        "follows": [
            {"kind": s.kind, "id": s.target_id or None, "name": str(s.target) if s.target else None}
            for s in subscriber.subscriptions.all()
        ],
        "sent": [
            {
                "piece": sent.translation_id,
                "digest_period": sent.period or None,
                "state": sent.state,
                "sent_at": when(sent.sent_at),
            }
            for sent in subscriber.sends.all()
        ],
    }


def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Delete everything stored about a subscriber: the address, its choices, its sends."""
    with transaction.atomic():
        Sent.objects.filter(subscriber=subscriber).delete()
        subscriber.key = new_key()  # in case a stale instance is used after this
        subscriber.delete()

"""The alerts' background work: announce what became public, send digests and confirmations."""

from datetime import datetime

from django.core.mail import get_connection
from django.utils import timezone

from core.tasks import background, enqueue

from . import mail, sending


@background()
def alerts_publish(article_id: int, languages: list[str]) -> int:
    """Send the instant alerts of an article's translations that are public now."""
    return sending.alerts_for_article(article_id, languages)


@background()
def alerts_retry_due() -> int:
    """Try again the instant alerts the mail server deferred, once their time has come."""
    return sending.alerts_retry_due()


@background()
def digests_due(frequency: str) -> int:
    """
    Split the digest of the last whole period into shards of subscribers, a task each, so
    that several workers share it; return how many. Idempotent, as each shard is: a
    subscriber gets a period's digest once, however often this runs.
    """
    now = timezone.now()
    shards = sending.digest_shards(frequency, now=now)
    for first, last in shards:
        enqueue(digests_shard, frequency=frequency, at=now.isoformat(), first=first, last=last)
    return len(shards)


@background()
def digests_shard(frequency: str, at: str, first: int, last: int | None) -> int:
    """Send the digest of the period current at `at` to the owed subscribers first..last."""
    when = datetime.fromisoformat(at)
    return sending.digests_send(frequency, now=when, first=first, last=last)


@background(retries=3)
def confirmation_send(email: str, language: str, token: str) -> None:
    """Send the confirmation link of a subscription request."""
    message = mail.confirmation_message(email=email, language=language, token=token)
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([message])

"""
Sending claimed messages: one connection per batch, throttled to ALERTS_SEND_RATE, and
what the SMTP server answers sorted into sent, hard bounce (5xx for the recipient),
failed (5xx for the message), or a passing trouble (4xx, connection) that stops the
batch so that its task is retried later.
"""

import logging
import smtplib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .models import Sent
from .services import subscriber_bounced

logger = logging.getLogger(__name__)


class Transient(Exception):
    """The server could not take mail now (4xx, connection lost): try again later."""


@dataclass
class Outcome:
    state: str
    error: str = ""


def outcome_of(error: Exception) -> Outcome:
    """Sort a sending error; raise Transient if it is worth trying again later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        reply = "; ".join(
            f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
            for code, reply in error.recipients.values()
        )
        if codes and all(code >= 500 for code in codes):
            return Outcome(Sent.State.BOUNCED, reply)
        raise Transient(reply) from error
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return Outcome(Sent.State.FAILED, f"{error.smtp_code} {error.smtp_error!r}")
    raise Transient(str(error)) from error


class Outbox:
    """A connection that sends one message at a time, at most ALERTS_SEND_RATE a second."""

    def __init__(self):
        self.connection = get_connection(fail_silently=False)
        rate = settings.ALERTS_SEND_RATE
        self.interval = 1 / rate if rate > 0 else 0
        self.last = 0.0

    def __enter__(self):
        self.connection.open()
        return self

    def __exit__(self, *exc):
        try:
            self.connection.close()
        except Exception:  # the connection may already be gone; nothing is lost
            logger.warning("Closing the mail connection failed", exc_info=True)

    def send(self, message) -> Outcome:
        if self.interval:
            wait = self.last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.last = time.monotonic()
        try:
            self.connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            return outcome_of(error)
        return Outcome(Sent.State.SENT)


def deliver(outbox: Outbox, claimed: list[tuple[Sent, object]]) -> int:
    """
    Send each claimed (Sent row, message) pair and record how it went; return how many
    went out. A passing trouble gives back the claims not yet sent and raises Transient.
    """
    done: dict[str, list[int]] = {}
    bounced: list[Sent] = []
    failures: dict[int, str] = {}
    sent_count = 0
    try:
        for index, (sent, message) in enumerate(claimed):
            try:
                outcome = outbox.send(message)
            except Transient:
                # Not sent: release this claim and the ones after it, for the retry.
                Sent.objects.filter(pk__in=[row.pk for row, _m in claimed[index:]]).delete()
                raise
            done.setdefault(outcome.state, []).append(sent.pk)
            if outcome.state == Sent.State.SENT:
                sent_count += 1
            else:
                failures[sent.pk] = outcome.error
                if outcome.state == Sent.State.BOUNCED:
                    bounced.append(sent)
    finally:
        _record(done, failures, bounced)
    return sent_count


def _record(done: dict[str, list[int]], failures: dict[int, str], bounced: list[Sent]) -> None:
    now = timezone.now()
    with transaction.atomic():
        Sent.objects.filter(pk__in=done.get(Sent.State.SENT, [])).update(
            state=Sent.State.SENT, sent_at=now
        )
        for pk, error in failures.items():
            state = Sent.State.BOUNCED if pk in {s.pk for s in bounced} else Sent.State.FAILED
            Sent.objects.filter(pk=pk).update(state=state, error=error[:2000])
    for sent in bounced:
        logger.warning("Hard bounce for subscriber %s: %s", sent.subscriber_id, failures[sent.pk])
        subscriber_bounced(subscriber_id=sent.subscriber_id, now=now)

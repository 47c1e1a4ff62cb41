"""
Sending claimed messages: one connection per batch, throttled to ALERTS_SEND_RATE, and
what the SMTP server answers sorted into sent, hard bounce (5xx for the recipient),
failed (5xx for the message), deferred (4xx for the recipient: tried again later, alone),
or a passing trouble (4xx for the message, connection lost) that stops the batch so that
its task is retried later.

Each message is marked attempted before it goes and its outcome recorded as soon as the
server answers, so a worker killed mid-batch leaves at most one message whose fate is
unknown, and every claim it never attempted can be given back (sending.release_abandoned).
"""

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db.models import F
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
    """Sort a sending error; raise Transient if the whole batch should wait for later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        reply = "; ".join(
            f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
            for code, reply in error.recipients.values()
        )
        if codes and all(code >= 500 for code in codes):
            return Outcome(Sent.State.BOUNCED, reply)
        # This recipient's trouble (a full mailbox, greylisting): the others go on.
        return Outcome(Sent.State.DEFERRED, reply)
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
        try:
            self.connection.open()
        except (smtplib.SMTPException, OSError) as error:
            raise Transient(f"could not reach the mail server: {error}") from error
        _quick_commits(True)
        return self

    def __exit__(self, *exc):
        _quick_commits(False)
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


def _quick_commits(on: bool) -> None:
    """
    On PostgreSQL, let the bookkeeping of each message (two small updates) commit without
    waiting for the disk. A killed worker loses nothing by it (the server has the commits);
    only a crash of the database server itself could forget the last fraction of a second
    of marks, and with them resend those few messages. Waiting for the disk twice per
    message would halve the sending rate.
    """
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off" if on else "RESET synchronous_commit")


def deliver(outbox: Outbox, claimed: list[tuple[Sent, object]]) -> int:
    """
    Send each claimed (Sent row, message) pair and record how it went; return how many
    went out. A passing trouble gives back the claims not yet sent and raises Transient.
    """
    sent_count = 0
    for index, (sent, message) in enumerate(claimed):
        Sent.objects.filter(pk=sent.pk).update(attempted_at=timezone.now())
        try:
            outcome = outbox.send(message)
        except Transient:
            give_back([row for row, _message in claimed[index:]])
            raise
        record(sent, outcome)
        sent_count += outcome.state == Sent.State.SENT
    return sent_count


def give_back(rows: list[Sent]) -> None:
    """Release claims that were not sent: new ones go, earlier deferrals are due again."""
    pks = [row.pk for row in rows]
    Sent.objects.filter(pk__in=pks, attempts=0).delete()
    Sent.objects.filter(pk__in=pks).update(
        state=Sent.State.DEFERRED, retry_after=timezone.now(), attempted_at=None
    )


def record(sent: Sent, outcome: Outcome) -> None:
    """Record what the server answered for one claimed message."""
    now = timezone.now()
    attempts = sent.attempts + 1
    changes = {"state": outcome.state, "attempts": F("attempts") + 1, "error": outcome.error[:2000]}
    if outcome.state == Sent.State.SENT:
        changes["sent_at"] = now
    elif outcome.state == Sent.State.DEFERRED:
        if attempts >= settings.ALERTS_RETRY_ATTEMPTS:
            changes["state"] = Sent.State.FAILED
            changes["error"] = f"{outcome.error[:1900]} (given up after {attempts} attempts)"
        else:
            wait = timedelta(minutes=settings.ALERTS_RETRY_MINUTES * 2 ** (attempts - 1))
            changes["retry_after"] = now + wait
    Sent.objects.filter(pk=sent.pk).update(**changes)
    if outcome.state == Sent.State.BOUNCED:
        logger.warning("Hard bounce for subscriber %s: %s", sent.subscriber_id, outcome.error)
        subscriber_bounced(subscriber_id=sent.subscriber_id, now=now)

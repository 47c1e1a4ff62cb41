"""
Send the daily and weekly digests of the last whole period. Idempotent: run it as often
as you like (from cron or a systemd timer, e.g. every hour); each subscriber gets each
period's digest once. --enqueue hands the work to the task workers instead.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from alerts.models import Frequency
from alerts.sending import digests_send, period_of
from alerts.tasks import digests_due
from core.tasks import enqueue

DIGESTS = [Frequency.DAILY.value, Frequency.WEEKLY.value]


class Command(BaseCommand):
    help = "Send the daily and weekly digests of the last whole period (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=[*DIGESTS, "all"], default="all")
        parser.add_argument(
            "--now", help="Send as if it were this time (ISO 8601, with a time zone)."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            dest="to_workers",
            help="Leave the sending to the task workers.",
        )

    def handle(self, *args, frequency, now, to_workers: bool, **options):
        when = None
        if now:
            when = parse_datetime(now)
            if when is None or when.tzinfo is None:
                raise CommandError("--now must be an ISO 8601 time with a time zone.")
        for digest in DIGESTS if frequency == "all" else [frequency]:
            key, _start, _end = period_of(digest, when)
            if to_workers:
                # The task sends the period current when it runs.
                enqueue(digests_due, frequency=digest)
                self.stdout.write(f"{key}: enqueued")
                continue
            sent = digests_send(digest, now=when)
            self.stdout.write(f"{key}: {sent} sent")

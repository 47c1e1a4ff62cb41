"""
Honour the mailto: of List-Unsubscribe: read one email from standard input (an MTA pipes
the mail of ALERTS_UNSUBSCRIBE_MAILTO to this command, e.g. a Postfix alias
`unsubscribe: "|/srv/thinktank/.venv/bin/python /srv/thinktank/manage.py alerts_mail_unsubscribe"`)
and unsubscribe the subscriber its subject names ("unsubscribe <token>").
"""

import email
import email.policy
import sys

from django.core.management.base import BaseCommand

from alerts.services import subscriber_unsubscribe
from alerts.tokens import BadToken, subscriber_from


class Command(BaseCommand):
    help = "Unsubscribe the sender of an unsubscribe email read from standard input."

    def handle(self, *args, **options):
        message = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
        words = str(message.get("Subject", "")).split()
        token = words[-1] if len(words) >= 2 and words[0].lower() == "unsubscribe" else ""
        try:
            subscriber = subscriber_from(token, "unsubscribe")
        except BadToken:
            # Exit 0 all the same: a bounce to a forged message would help nobody.
            self.stderr.write("No valid unsubscribe token in the subject; ignored.")
            return
        subscriber_unsubscribe(subscriber=subscriber)
        self.stdout.write(f"Unsubscribed subscriber {subscriber.pk}.")

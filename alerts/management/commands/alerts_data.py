"""Show, export or delete what is stored about an email address (a reader's request)."""

import json

from django.core.management.base import BaseCommand, CommandError

from alerts.models import Subscriber
from alerts.services import normalize_email, subscriber_delete, subscriber_export


class Command(BaseCommand):
    help = "Export (JSON on standard output) or delete the alerts data of an email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "delete"])
        parser.add_argument("email")

    def handle(self, *args, action: str, email: str, **options):
        subscriber = Subscriber.objects.filter(email=normalize_email(email)).first()
        if subscriber is None:
            raise CommandError(f"No alerts data for {email}.")
        if action == "export":
            data = subscriber_export(subscriber)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            subscriber_delete(subscriber=subscriber)
            self.stdout.write(f"Deleted the alerts data of {email}.")

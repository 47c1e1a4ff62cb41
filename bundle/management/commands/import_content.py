from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bundle.services import BundleError, bundle_import


class Command(BaseCommand):
    help = "Import a content bundle (docs/bundle.md); run it again to apply changed records only."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A bundle directory or .tar.gz.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--user", help="The username the changes are recorded under (default: a superuser)."
        )

    def handle(self, *args, path, dry_run, user, **options):
        users = get_user_model().objects.filter(is_active=True)
        found = users.filter(username=user).first() if user else None
        found = found or (None if user else users.filter(is_superuser=True).order_by("pk").first())
        if found is None:
            raise CommandError(_("No such user to import as; create a superuser or pass --user."))
        try:
            report = bundle_import(
                path=path, user=found, dry_run=dry_run, progress=options["verbosity"] > 0
            )
        except BundleError as error:
            raise CommandError(str(error)) from None
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        for (kind, outcome), count in sorted(report.counts.items()):
            self.stdout.write(f"{kind}: {count} {outcome}")
        for problem in report.problems:
            self.stderr.write(str(problem))
        count = len(report.problems)
        self.stdout.write(
            ngettext("%(count)d problem.", "%(count)d problems.", count) % {"count": count}
        )

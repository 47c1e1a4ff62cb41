from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bundle.services import bundle_export


class Command(BaseCommand):
    help = "Write the site's content to a bundle (a directory, or a .tar.gz): see docs/bundle.md."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A directory, or a file name ending in .tar.gz.")

    def handle(self, *args, path, **options):
        manifest = bundle_export(path=path)
        for kind, count in sorted(manifest["counts"].items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(
            _("%(files)d files written to %(path)s.")
            % {"files": len(manifest["files"]), "path": path}
        )

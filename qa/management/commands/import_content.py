from django.core.management.base import BaseCommand, CommandError

from qa.interchange.loading import import_bundle
from qa.interchange.schema import BundleError, read_bundle


class Command(BaseCommand):
    help = (
        "Import a content bundle (docs/content-bundle.md): create or update its records, all or nothing. "
        "Every problem in the file is reported with its JSON path."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle, a UTF-8 JSON file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the bundle and report what would change; write nothing"
        )
        parser.add_argument(
            "--create-only",
            action="store_true",
            help="only create records whose key is new; leave existing records exactly as they are",
        )

    def handle(self, file, dry_run, create_only, **options):
        try:
            report = import_bundle(read_bundle(file), dry_run=dry_run, create_only=create_only)
        except BundleError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(str(report))

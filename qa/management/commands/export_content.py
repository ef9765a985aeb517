from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qa.interchange.dumping import dumps, export_bundle


class Command(BaseCommand):
    help = "Export all content as a bundle (docs/content-bundle.md), to standard output or a file."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", metavar="FILE", help="write the bundle to FILE instead of stdout")

    def handle(self, output, **options):
        text = dumps(export_bundle())
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{output}: cannot write the file: {error.strerror or error}") from error

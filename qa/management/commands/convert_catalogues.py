from django.core.management.base import BaseCommand

from qa.catalogues import write_traditional_catalogues


class Command(BaseCommand):
    help = "Write the Traditional Chinese (zh_Hant) catalogues from the Simplified Chinese ones."

    def handle(self, *args, **options):
        for path in write_traditional_catalogues():
            if options["verbosity"]:
                self.stdout.write(f"Wrote {path}")

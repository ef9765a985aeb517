from django.core.management.base import BaseCommand

from qa.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the published questions."

    def handle(self, *args, **options):
        count = rebuild_index()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} published questions."))

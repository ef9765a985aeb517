from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from qa.web.cache import retire_cached_pages


class Command(BaseCommand):
    help = "Retire every cached public page, on every host that shares the cache."

    def handle(self, *args, **options):
        retire_cached_pages()
        self.stdout.write(_("Cached pages cleared."))

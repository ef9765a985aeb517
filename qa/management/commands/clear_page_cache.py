from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qa.web.cache import retire_cached_pages


class Command(BaseCommand):
    help = "Retire every cached public page, on every host that shares the cache."

    def handle(self, *args, **options):
        if not retire_cached_pages():
            raise CommandError(
                _("The page cache could not be reached; nothing was cleared. Try again once it is back.")
            )
        self.stdout.write(_("Cached pages cleared."))

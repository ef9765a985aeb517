from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from reversion.models import Revision

from qa.editorial.change_messages import readable
from qa.editorial.revisions import undo


class Command(BaseCommand):
    help = (
        "Undo a revision (an import, or any admin save): every object it saved goes back to how it was "
        "before, objects it created are deleted. Without an id, lists the latest revisions."
    )

    def add_arguments(self, parser):
        parser.add_argument("revision", nargs="?", type=int, help="the revision id (see the list)")
        parser.add_argument("--limit", type=int, default=20, help="how many revisions to list")

    def handle(self, revision=None, limit=20, **options):
        if revision is None:
            for item in Revision.objects.select_related("user").order_by("-date_created", "-pk")[:limit]:
                when = date_format(localtime(item.date_created), "Y-m-d H:i")
                self.stdout.write(f"{item.pk}\t{when}\t{item.user or '-'}\t{readable(item.comment)}")
            return
        try:
            target = Revision.objects.get(pk=revision)
        except Revision.DoesNotExist:
            raise CommandError(f"There is no revision {revision}.") from None
        restored, deleted = undo(target)
        self.stdout.write(f"Undid revision {revision}: {restored} object(s) restored, {deleted} deleted.")

import tempfile

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qa.interchange.backups import BackupError, open_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by manage.py backup, once the file is checked, "
        "and clear the page cache on every host (docs/operators.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup, a .tar file made by manage.py backup")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, file, interactive, **options):
        with tempfile.TemporaryDirectory(prefix="knowledgehub-restore-") as work:
            try:
                backup = open_backup(file, work)
            except BackupError as error:
                raise CommandError(str(error)) from error
            if interactive:
                question = _(
                    "This replaces everything in the database with the backup made %(created)s. "
                    "Type 'yes' to continue: "
                ) % {"created": backup.created}
                if input(question) != "yes":
                    raise CommandError(_("Restore cancelled; nothing changed."))
            try:
                cleared = restore_backup(backup)
            except BackupError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored the database from %(path)s (made %(created)s).")
            % {"path": backup.path, "created": backup.created}
        )
        if cleared:
            self.stdout.write(_("Cleared the page cache on every host that shares it."))
        else:
            self.stderr.write(_("The page cache could not be reached: run manage.py clear_page_cache once it is back."))
        self.stdout.write(
            _(
                "Keep the secret key the site had: with another DJANGO_SECRET_KEY (or DJANGO_VAR_DIR/secret_key) "
                "every editor is logged out."
            )
        )

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qa.interchange.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (copied while the site runs) and the content bundle into one file "
        "(docs/operators.md). The secret key is not in it: keep it beside the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", help="a directory (the file is named knowledgehub-<UTC time>.tar in it) or the file to write"
        )

    def handle(self, target, **options):
        try:
            path = create_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Backup written to %(path)s. It holds the database and the content bundle, not the secret key: "
                "keep DJANGO_SECRET_KEY (or DJANGO_VAR_DIR/secret_key) safe with it."
            )
            % {"path": path}
        )

from django.core.management.base import BaseCommand, CommandError

from qa.interchange import seeding
from qa.interchange.schema import BundleError, read_bundle


class Command(BaseCommand):
    help = (
        "Seed the database with the bundled content, once: a database that had it is left exactly as "
        "editors keep it. --add-new adds the bundled records this database never had, and lists the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the content bundle, a UTF-8 JSON file")
        parser.add_argument(
            "--add-new",
            action="store_true",
            help="create the records of the bundle this database was never seeded with; skip every other",
        )
        parser.add_argument("--dry-run", action="store_true", help="with --add-new: report, write nothing")

    def handle(self, file, add_new, dry_run, **options):
        if dry_run and not add_new:
            raise CommandError("--dry-run goes with --add-new")
        try:
            bundle = read_bundle(file)
            outcome = seeding.add_new(bundle, dry_run=dry_run) if add_new else seeding.seed(bundle)
        except BundleError as error:
            raise CommandError(f"{file}: {error}") from error
        self.report(file, outcome)

    def report(self, file, outcome):
        write = self.stdout.write
        if outcome.action == "seeded":
            write(f"Seeded the database from {file}:")
            write(str(outcome.report))
        elif outcome.action == "adopted":
            write(
                f"This database already has content: the records of {file} are now recorded as seeded, "
                "and none was created or changed."
            )
        elif outcome.action == "nothing":
            write("Bundled content was seeded before; nothing written (editors' changes and deletions stay).")
            if outcome.new:
                write(
                    f"{len(outcome.new)} bundled record(s) are new since then; to add them, run "
                    f"`manage.py seed_content {file} --add-new`."
                )
        else:
            write(str(outcome.report))
            for kind, name, reason in outcome.report.skipped:
                write(f"  skipped {kind} {name}: {reason}", self.style.WARNING)

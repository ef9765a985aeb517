from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qa import importers
from qa.working_papers import WorkingPaperError, parse


class Command(BaseCommand):
    help = (
        "Import questions from CIKD working papers in their extracted text form. "
        "All files are checked first; if any is refused, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, files, dry_run, **options):
        papers, errors = [], []
        for name in files:
            path = Path(name)
            try:
                papers.append(parse(name, path.read_bytes()))
            except OSError as error:
                errors.append(f"{name}: {error.strerror or error}")
            except WorkingPaperError as error:
                errors.append(str(error))
        if not errors:
            try:
                imports = (importers.plan if dry_run else importers.apply)(papers)
            except WorkingPaperError as error:
                errors.append(str(error))
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} file(s) refused; nothing was written.")
        for item in imports:
            self.report(item, dry_run)
        totals = importers.count(imports)
        if dry_run:
            self.stdout.write(
                "Dry run: {created} to create, {updated} to change, {unchanged} unchanged. "
                "Nothing was written.".format(**totals)
            )
        elif totals["created"] or totals["updated"]:
            self.stdout.write(self.style.SUCCESS(
                "{created} created, {updated} changed, {unchanged} unchanged.".format(**totals)
            ))
        else:
            self.stdout.write("Nothing changed.")

    def report(self, item, dry_run):
        paper = item.paper
        verb = {
            item.CREATED: "would be created" if dry_run else "created",
            item.UPDATED: "would be changed" if dry_run else "changed",
            item.UNCHANGED: "nothing changed",
        }[item.action]
        self.stdout.write(f"{paper.file_name}: Question {paper.number}: {verb}")
        if item.new_series:
            self.stdout.write(f"  new series “{item.series.title_en}” ({item.series.slug})")
        if item.new_author:
            self.stdout.write(f"  new author “{item.author.name_en}” ({item.author.slug})")
        for change in item.changes:
            old, new = change.shortened
            shown = f"“{new}”" if item.created else f"“{old}” → “{new}”"
            self.stdout.write(f"  {change.label}: {shown}")

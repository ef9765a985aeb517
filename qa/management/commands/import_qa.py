import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qa.interchange import importers
from qa.interchange.uploads import PapersRefused, read_files
from qa.interchange.working_papers import WorkingPaperError, shorten


class ProgressBar:
    """"Reading 40/100 [########------------]" on one line of stderr, redrawn as files are read;
    nothing when stderr is not a terminal (a log, a pipe, a test)."""

    WIDTH = 30

    def __init__(self, stream, total):
        self.stream, self.total, self.done = stream, total, 0
        self.shown = total > 1 and getattr(stream, "isatty", lambda: False)()

    def __call__(self, count):
        self.done = min(self.total, self.done + count)
        if self.shown:
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\rReading {self.done}/{self.total} [{'#' * filled}{'-' * (self.WIDTH - filled)}]")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def shorten_pair(old, new, width=70):
    """Both values cut to ``width`` characters, showing where they first differ (for a terminal line)."""
    common = 0
    while common < min(len(old), len(new)) and old[common] == new[common]:
        common += 1
    start = max(0, common - width // 3)

    def cut(text):
        return ("…" if start else "") + shorten(text[start:], width)

    return cut(old), cut(new)


class Command(BaseCommand):
    help = (
        "Import questions from CIKD working papers: their PDFs (English or Chinese edition) or their extracted "
        "text in .txt files. "
        "All files are checked first; if any is refused, nothing is written. "
        "New questions are drafts unless --publish is given; existing ones keep their status."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--publish", action="store_true",
            help="Publish the new questions at once (by default they are drafts, which readers do not see).",
        )

    def handle(self, files, dry_run, publish, **options):
        contents, errors = [], []
        for name in files:
            try:
                contents.append((name, Path(name).read_bytes()))
            except OSError as error:
                errors.append(f"{name}: {error.strerror or error}")
        if not errors:
            try:
                reading = read_files(contents, progress=ProgressBar(sys.stderr, len(contents)))
                imports = importers.import_papers(
                    reading.papers, publish=publish, dry_run=dry_run, originals=reading.originals
                )
            except PapersRefused as refused:
                errors += refused.messages
            except WorkingPaperError as error:
                errors.append(str(error))
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} file(s) refused; nothing was written.")
        for item in imports:
            self.report(item, dry_run, publish)
        totals = importers.count(imports)
        drafts = "a draft" if totals["created"] == 1 else "drafts"
        if dry_run:
            to_create = "to create and publish" if publish else f"to create as {drafts}"
            self.stdout.write(
                "Dry run: {created} {to_create}, {updated} to change, {unchanged} unchanged. "
                "Nothing was written.".format(to_create=to_create, **totals)
            )
        elif totals["created"] or totals["updated"]:
            created = "created and published" if publish else f"created as {drafts}"
            self.stdout.write(self.style.SUCCESS(
                "{created} {created_as}, {updated} changed, {unchanged} unchanged.".format(created_as=created, **totals)
            ))
        else:
            self.stdout.write("Nothing changed.")

    def report(self, item, dry_run, publish):
        paper = item.paper
        created = "created and published" if publish else "created as a draft"
        verb = {
            item.CREATED: f"would be {created}" if dry_run else created,
            item.UPDATED: "would be changed" if dry_run else "changed",
            item.UNCHANGED: "nothing changed",
        }[item.action]
        self.stdout.write(f"{paper.file_name}: Question {paper.number}: {verb}")
        if item.new_series:
            self.stdout.write(f"  new series “{item.series.title_en}” ({item.series.slug})")
        if item.new_author:
            self.stdout.write(f"  new author “{item.author.name_en}” ({item.author.slug})")
        for change in item.changes:
            old, new = shorten_pair(change.old, change.new)
            shown = f"“{new}”" if item.created else f"“{old}” → “{new}”"
            self.stdout.write(f"  {change.label}: {shown}")

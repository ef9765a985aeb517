"""Working papers imported as content bundles: each parsed paper becomes bundle records.

A paper gives a question record (English ``title`` and ``body``, the month,
``original_language`` "en", the byline of its one author), an author record
(the English ``name`` and ``position``) and, for a series the site does not
have yet, a series record. They go through qa.interchange.loading's
``import_bundle``: one validation, one Report with the field changes, one dry
run (the import rolled back), one revision. The rules that are the papers' own:

- Only English fields are named, and a Text keeps the languages it leaves
  out, so whatever an editor wrote in Chinese stays.
- A series is found by its English title (ignoring case) or its slug, else
  created with the slug and address this site gives it (``SERIES_SLUGS`` and
  ``SERIES_PATHS``, else both from the title); an existing series is never changed.
- An author is found by English name ignoring case, else created with a slug
  from the name; an existing author keeps its name, and its English position
  follows the paper's biography.
- A new question is a draft unless ``publish``; a question that exists keeps its
  status (its record names no ``status``).

Special cases kept here, since the bundle path cannot do them without making
them worse: the same question twice in one upload is refused before any
record is built, naming both files (the bundle would only say ``questions[1]``),
and a bundle problem is turned back into a WorkingPaperError at the paper's
file and line. The preview's conflict check (``basis``/``conflicts``) compares
the versions the preview saw under a row lock, before ``import_bundle`` writes.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext
from reversion.models import Version

from qa.editorial.change_messages import said
from qa.editorial.revisions import recorded
from qa.interchange import chinese_editions as chinese
from qa.interchange.loading import import_bundle, record_name
from qa.interchange.schema import FORMAT, VERSION, InvalidBundle
from qa.interchange.working_papers import WorkingPaperError
from qa.languages import field_label, localized_name
from qa.models import Author, Question, Series, WorkingPaperFile

# The slug this site gives CIKD's series when an import creates it; other series get slugify(title).
# The Chinese edition's series title maps to the same slug (qa.interchange.chinese_editions).
SERIES_SLUGS = {
    "fighting the covid-19: 100 q&as": "fighting-covid-19-100-qas",
    "抗击新冠肺炎疫情：100问": "fighting-covid-19-100-qas",
}
# The address it gets (as the bundled series has), unless another series already has that address.
SERIES_PATHS = {"fighting-covid-19-100-qas": "qa"}
# The part of the paper (see WorkingPaper.lines) a record's field comes from, to point errors at a line.
SOURCE_LINES = {"title": "title", "body": "body", "published": "date", "name": "author", "position": "position"}
MODELS = {"series": Series, "authors": Author, "questions": Question}
PATH = re.compile(r"(?P<kind>\w+)\[(?P<index>\d+)\](?:\.(?P<field>\w+))?")


def _slug(model, text, room=0):
    """A slug from the text, short enough for the model's slug field with ``room`` for a suffix."""
    return slugify(text)[: model._meta.get_field("slug").max_length - room].rstrip("-")


def _label(model, name, language):
    """The name of a record's field as the admin shows it: a Text's in the paper's language ("English title")."""
    if name is None:
        return model._meta.verbose_name
    for candidate in (localized_name(name, language), name):
        try:
            return field_label(model._meta.get_field(candidate))
        except FieldDoesNotExist:
            pass
    return name


def _within(record_label, label):
    """A field of a record other than the question: "Author: English position" (作者：英文职务)."""
    return f"{capfirst(record_label)}{pgettext('separator', ': ')}{label}"


@dataclass
class PaperImport:
    """One paper in an import: what it was matched with, and what the import does (or would do) to it."""

    CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

    paper: object
    series: Series  # unsaved when new
    author: Author  # unsaved when new
    question: Question  # unsaved when new
    new_series: bool = False
    new_author: bool = False
    record: dict = None  # the question's bundle record (both editions of a question share one)
    action: str = None
    changes: list = field(default_factory=list)

    @property
    def created(self):
        return self.action == self.CREATED


class Plan:
    """The papers as a bundle, and each paper's PaperImport."""

    def __init__(self, papers, publish=False):
        self.publish = publish
        self.series, self.authors, self.author_slugs = {}, {}, set()
        self.bundle = {"format": FORMAT, "version": VERSION, "series": [], "authors": [], "questions": []}
        self.sources = {}  # (kind, index) -> the paper a record comes from
        self.author_records = {}  # author slug -> its record
        self.question_items = {}  # (series slug, number) -> the English edition's PaperImport
        self.refuse_repeats(papers)
        # The English edition first: it may create the question the Chinese edition fills in.
        english_first = sorted(papers, key=lambda paper: paper.language != "en")
        self.items = [self.add(paper) if paper.language == "en" else chinese.add(self, paper)
                      for paper in english_first]

    @staticmethod
    def refuse_repeats(papers):
        seen = {}
        for paper in papers:
            key = (paper.series_title.casefold(), paper.number, paper.language)
            if key in seen:
                raise WorkingPaperError(
                    paper.file_name, paper.lines["title"],
                    _("Question %(number)d of this series is also in %(other)s; import each question once"),
                    number=paper.number, other=seen[key],
                )
            seen[key] = paper.file_name

    def record(self, kind, paper, record):
        self.sources[(kind, len(self.bundle[kind]))] = paper
        self.bundle[kind].append(record)
        return record

    def add(self, paper):
        series, new_series = self.find_series(paper.series_title)
        if new_series:
            self.record("series", paper, {"slug": series.slug, "path": series.path, "title": {"en": series.title_en}})
        author, new_author = self.find_author(paper.author_name)
        if author.slug in self.author_records:  # a later paper's biography wins, as it would one after the other
            self.author_records[author.slug]["position"] = {"en": paper.position}
        else:
            self.author_records[author.slug] = self.record("authors", paper, {
                "slug": author.slug, "name": {"en": author.name_en}, "position": {"en": paper.position},
            })
        question = None if series.pk is None else Question.objects.filter(series=series, number=paper.number).first()
        record = {
            "series": series.slug,
            "number": paper.number,
            "title": {"en": paper.title},
            "body": {"en": paper.body},
            "authors": [author.slug],
            "published": f"{paper.year:04d}-{paper.month:02d}",
            "original_language": "en",
        }
        if question is None:
            record["status"] = Question.PUBLISHED if self.publish else Question.DRAFT
        self.record("questions", paper, record)
        item = PaperImport(
            paper=paper, series=series, author=author, new_series=new_series, new_author=new_author,
            question=question or Question(series=series, number=paper.number, title_en=paper.title), record=record,
        )
        self.question_items[(series.slug, paper.number)] = item
        return item

    def find_series(self, title):
        key = title.casefold()
        if key in self.series:
            return self.series[key], False
        slug = SERIES_SLUGS.get(key) or _slug(Series, title) or "series"
        found = (Series.objects.filter(title_en__iexact=title).order_by("pk").first()
                 or Series.objects.filter(slug=slug).first())
        if found is not None:
            self.series[key] = found
            return found, False
        path = SERIES_PATHS.get(slug)
        if path is None or Series.objects.filter(path=path).exists():
            path = slug[: Series._meta.get_field("path").max_length]
        self.series[key] = Series(slug=slug, path=path, title_en=title)
        return self.series[key], True

    def find_author(self, name):
        key = name.casefold()
        if key in self.authors:
            return self.authors[key], False
        found = Author.objects.filter(name_en__iexact=name).order_by("pk").first()
        self.authors[key] = found or Author(slug=self.new_author_slug(name), name_en=name)
        return self.authors[key], found is None

    def new_author_slug(self, name):
        base = _slug(Author, name, room=4) or "author"
        slug, suffix = base, 1
        while slug in self.author_slugs or Author.objects.filter(slug=slug).exists():
            suffix += 1
            slug = f"{base}-{suffix}"
        self.author_slugs.add(slug)
        return slug

    def refusal(self, invalid):
        """The first problem of the bundle, as a WorkingPaperError at the file and line it comes from."""
        problem = invalid.problems[0]
        match = PATH.match(getattr(problem, "path", ""))
        paper = match and self.sources.get((match["kind"], int(match["index"])))
        if paper is None:
            return invalid
        kind, name = match["kind"], match["field"]
        label = _label(MODELS[kind], name, paper.language)
        if kind != "questions":
            label = _within(MODELS[kind]._meta.verbose_name, label)
        part = "header" if kind == "series" else SOURCE_LINES.get("name" if name == "slug" else name, "header")
        return WorkingPaperError(
            paper.file_name, paper.lines[part], _("%(field)s: %(error)s"), field=label, error=problem.message
        )

    def outcome(self, report):
        """Each PaperImport with what the import did: its question's outcome and the changes in its
        language, and its author's."""
        told = set()
        for item in self.items:
            key = record_name("questions", item.record)
            language = item.paper.language
            changes = []
            if (item.author.slug, language) not in told:  # an author's changes are told once, with its first paper
                told.add((item.author.slug, language))
                author_label = Author._meta.verbose_name
                changes = [
                    replace(change, label=_within(author_label, change.label))
                    for change in report.changes_of("authors", item.author.slug)
                    if not (item.new_author and change.name == localized_name("name", "en"))
                    and chinese.in_language(change, language)
                ]
            changes += [change for change in report.changes_of("questions", key)
                        if chinese.in_language(change, language)]
            item.changes = changes
            if report.outcome("questions", key) == PaperImport.CREATED:
                item.action = PaperImport.CREATED
            else:
                item.action = PaperImport.UPDATED if changes else PaperImport.UNCHANGED
        return self.items


def import_papers(papers, *, publish=False, dry_run=False, user=None, basis=None, originals=None):
    """Import all the papers or, if any is refused, none of them, as one revision that can be undone.

    Returns a PaperImport for each paper. ``dry_run`` writes nothing (the
    admin's preview, ``import_qa --dry-run``). ``basis`` is what the editor's
    preview was made from (see ``basis()``): if any of it was saved since,
    ImportConflict is raised and nothing is written. Raises WorkingPaperError
    for a paper the Hub refuses. ``originals`` maps a paper's file name to the
    PDF it was read from, kept with its question in the paper's language.
    """
    names = ", ".join(paper.file_name for paper in papers)
    comment = said(gettext_noop("Imported working papers: %(names)s"), names=names)
    with transaction.atomic(), recorded(comment, user=user):
        plan = Plan(papers, publish=publish)
        if basis is not None:
            problems = conflicts(plan.items, basis)
            if problems:
                raise ImportConflict(problems)
        try:
            report = import_bundle(plan.bundle, dry_run=dry_run, user=user, comment=comment)
        except InvalidBundle as invalid:
            raise plan.refusal(invalid) from None
        items = plan.outcome(report)
        if dry_run:
            # The revision this block records (the PDFs join the bundle's) must go too.
            transaction.set_rollback(True)
        elif originals:
            keep_originals(items, originals)
    return items


def keep_originals(items, originals):
    """Store each paper's PDF with its question and language; a newer one replaces the file, the older
    stays in the revision history."""
    for item in items:
        data = originals.get(item.paper.file_name)
        if data is None:
            continue
        question = Question.objects.get(series__slug=item.series.slug, number=item.paper.number)
        stored = WorkingPaperFile.objects.filter(question=question, language=item.paper.language).first()
        digest = hashlib.sha256(data).hexdigest()
        if stored is not None and stored.sha256 == digest:
            continue
        stored = stored or WorkingPaperFile(question=question, language=item.paper.language)
        stored.file_name, stored.data = PurePath(item.paper.file_name).name[:200], data
        stored.size, stored.sha256 = len(data), digest
        stored.save()


def count(imports):
    totals = {PaperImport.CREATED: 0, PaperImport.UPDATED: 0, PaperImport.UNCHANGED: 0}
    for item in imports:
        totals[item.action] += 1
    return totals


class ImportConflict(Exception):
    """A question or author the preview showed was saved by someone else before the editor confirmed."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


def stamp(obj):
    return None if obj.pk is None else [obj.pk, obj.version]


def basis(imports):
    """The question and author each paper's import starts from, as [pk, version] (None for a new one)."""
    return [{"question": stamp(item.question), "author": stamp(item.author)} for item in imports]


def conflicts(imports, basis):
    """Lock the questions and authors the preview was based on, and say which were saved since."""
    problems, seen = [], set()
    for item, based_on in zip(imports, basis, strict=True):
        for name, obj in (("question", item.question), ("author", item.author)):
            before = based_on[name]
            key = (name, before[0] if before else obj.pk or id(obj))
            if key not in seen:
                seen.add(key)
                problem = changed_since(obj, before)
                if problem is not None:
                    problems.append(problem)
    return problems


def changed_since(obj, before):
    model = type(obj)
    if before is None:
        return None if obj.pk is None else saved_by(obj)
    pk, version = before
    stored = model.stored_version(pk, lock=True)
    if stored is None:
        return _("%(object)s was deleted after your preview.") % {"object": describe(obj)}
    if stored != version or obj.pk != pk:
        return saved_by(model._base_manager.get(pk=pk))
    return None


def describe(obj):
    if isinstance(obj, Question):
        return _("Question %(number)d “%(title)s”") % {"number": obj.number, "title": obj.title_en or obj.title}
    return _("Author “%(name)s”") % {"name": obj.name_en or obj.name}


def saved_by(obj):
    """Who saved ``obj`` last and when: the user of its latest revision if that revision holds
    the latest save, else "someone" (a save from the shell or a script leaves no revision)."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    user = None
    recorded_at = version.field_dict.get("updated") if version is not None else None
    # The revision's JSON keeps the time to the millisecond.
    if recorded_at is not None and abs(recorded_at - obj.updated) < datetime.timedelta(milliseconds=1):
        user = version.revision.user
    return _("%(object)s was saved by %(user)s on %(time)s, after your preview.") % {
        "object": describe(obj),
        "user": user.get_username() if user is not None else _("someone"),
        "time": formats.date_format(timezone.localtime(obj.updated), "DATETIME_FORMAT"),
    }

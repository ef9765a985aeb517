"""Turn parsed working papers into questions: plan the changes, then write them.

Only English fields are written; whatever an editor wrote in Chinese stays. Every
write goes through the model's ``save()`` so the signals that keep search, cache
and history in step fire as they do for the admin.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from qa.editorial.revisions import recorded
from qa.interchange.working_papers import WorkingPaperError
from qa.models import Author, Authorship, PartialDateMixin, Question, Series

# The slug this site gives CIKD's series when an import creates it; other series get slugify(title).
SERIES_SLUGS = {"fighting the covid-19: 100 q&as": "fighting-covid-19-100-qas"}
# The part of the paper (see WorkingPaper.lines) a model field comes from, to point errors at a line.
ENGLISH_TEXT = {"title_en", "body_en", "position_en", "authors"}
SOURCE_LINES = {"title": "title", "body": "body", "published": "date", "name": "author", "position": "position"}


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str

    @property
    def old_paragraphs(self):
        return self.old.split("\n\n") if self.old else []

    @property
    def is_english_text(self):
        """Text from the paper (shown with lang="en"), not a label in the editor's language."""
        return self.name in ENGLISH_TEXT


@dataclass
class QuestionImport:
    CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

    paper: object
    series: Series
    author: Author
    question: Question
    created: bool
    changes: list = field(default_factory=list)
    new_series: bool = False
    new_author: bool = False
    author_changed: bool = False
    question_changed: bool = False
    byline_changed: bool = False

    @property
    def action(self):
        if self.created:
            return self.CREATED
        return self.UPDATED if self.changes else self.UNCHANGED

    def save(self):
        if self.series.pk is None:
            self.series.save()
        if self.author.pk is None or self.author_changed:
            self.author.save()
        if self.question.pk is None or self.question_changed:
            self.question.series = self.series
            self.question.save()
        if self.byline_changed:
            for authorship in self.question.authorships.exclude(author=self.author):
                authorship.delete()
            authorship = Authorship.objects.filter(question=self.question, author=self.author).first()
            if authorship is None:
                Authorship.objects.create(question=self.question, author=self.author, order=0)
            elif authorship.order != 0:
                authorship.order = 0
                authorship.save()


def display(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def shown(obj, name):
    """A field's value as an editor reads it: a choice by its label in the active language, a date as YYYY-MM-DD."""
    if obj._meta.get_field(name).choices:
        return str(getattr(obj, f"get_{name}_display")())
    return display(getattr(obj, name))


class Planner:
    """Works out what importing some papers would change, without writing anything."""

    def __init__(self, publish=False):
        self.publish = publish
        self.series = {}
        self.authors = {}
        self.author_slugs = set()

    def plan(self, papers):
        seen = {}
        for paper in papers:
            key = (paper.series_title.casefold(), paper.number)
            if key in seen:
                raise WorkingPaperError(
                    paper.file_name, paper.lines["title"],
                    _("Question %(number)d of this series is also in %(other)s; import each question once"),
                    number=paper.number, other=seen[key],
                )
            seen[key] = paper.file_name
        return [self.plan_paper(paper) for paper in papers]

    def plan_paper(self, paper):
        series, new_series = self.find_series(paper.series_title)
        author, new_author = self.find_author(paper.author_name)
        question = None
        if series.pk is not None:
            question = Question.objects.filter(series=series, number=paper.number).first()
        item = QuestionImport(
            paper=paper, series=series, author=author, created=question is None,
            question=question or Question(series=series, number=paper.number),
            new_series=new_series, new_author=new_author,
        )

        if (author.position_en or "") != paper.position:
            label = f"{Author._meta.verbose_name}: {Author._meta.get_field('position_en').verbose_name}"
            item.changes.append(FieldChange("position_en", label, author.position_en or "", paper.position))
            author.position_en = paper.position
            item.author_changed = True
        self.validate(paper, author, exclude=[])

        values = {
            "title_en": paper.title,
            "body_en": paper.body,
            "published": datetime.date(paper.year, paper.month, 1),
            "published_precision": PartialDateMixin.MONTH,
            "original_language": "en",
        }
        if item.created:
            # A question that exists keeps its status: an import never publishes or withdraws it.
            values["status"] = Question.PUBLISHED if self.publish else Question.DRAFT
        for name, value in values.items():
            old = getattr(item.question, name)
            if item.created or display(old) != display(value):
                before = "" if item.created else shown(item.question, name)
                setattr(item.question, name, value)
                item.changes.append(FieldChange(
                    name, str(Question._meta.get_field(name).verbose_name), before, shown(item.question, name),
                ))
                item.question_changed = True
        self.validate(paper, item.question, exclude=["series"])

        byline = [] if item.created else [a.author for a in item.question.authorships.select_related("author")]
        if author.pk is None or [a.pk for a in byline] != [author.pk]:
            item.changes.append(FieldChange(
                "authors", str(Question._meta.get_field("authors").verbose_name),
                ", ".join(a.name_en for a in byline), author.name_en,
            ))
            item.byline_changed = True
        return item
    def find_series(self, title):
        key = title.casefold()
        if key in self.series:
            return self.series[key], False
        slug = SERIES_SLUGS.get(key) or slugify(title) or "series"
        found = (Series.objects.filter(title_en__iexact=title).order_by("pk").first()
                 or Series.objects.filter(slug=slug).first())
        self.series[key] = found or Series(slug=slug, title_en=title)
        return self.series[key], found is None

    def find_author(self, name):
        key = name.casefold()
        if key in self.authors:
            return self.authors[key], False
        found = Author.objects.filter(name_en__iexact=name).order_by("pk").first()
        self.authors[key] = found or Author(slug=self.new_author_slug(name), name_en=name)
        return self.authors[key], found is None

    def new_author_slug(self, name):
        base = slugify(name) or "author"
        slug, suffix = base, 1
        while slug in self.author_slugs or Author.objects.filter(slug=slug).exists():
            suffix += 1
            slug = f"{base}-{suffix}"
        self.author_slugs.add(slug)
        return slug

    @staticmethod
    def validate(paper, obj, exclude):
        """Field checks (lengths, choices) the database may not make; uniqueness is the planner's."""
        try:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            part = SOURCE_LINES.get(name.removesuffix("_en"), "header")
            label = obj._meta.get_field(name).verbose_name if name != NON_FIELD_ERRORS else obj._meta.verbose_name
            raise WorkingPaperError(
                paper.file_name, paper.lines[part], _("%(field)s: %(error)s"), field=label, error=" ".join(messages),
            ) from None


def plan(papers, publish=False):
    """What importing these papers would do; raises WorkingPaperError and writes nothing."""
    return Planner(publish=publish).plan(papers)


def apply(papers, user=None, publish=False, basis=None):
    """Import all the papers or, if any is refused, none of them, as one revision that can be undone.

    ``basis`` is what the editor's preview was made from (see ``basis()``): if any
    of it was saved since, ImportConflict is raised and nothing is written.
    """
    names = ", ".join(paper.file_name for paper in papers)
    with transaction.atomic(), recorded(f"Imported working papers: {names}", user=user):
        imports = plan(papers, publish=publish)
        if basis is not None:
            problems = conflicts(imports, basis)
            if problems:
                raise ImportConflict(problems)
        for item in imports:
            item.save()
    return imports


def count(imports):
    totals = {QuestionImport.CREATED: 0, QuestionImport.UPDATED: 0, QuestionImport.UNCHANGED: 0}
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
    """The question and author each planned import starts from, as [pk, version] (None for a new one)."""
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

"""Importing a checked bundle: create or update each record by its natural key, all or nothing.

Choices the format leaves to the site:

- A Text sets the languages it names (an empty string removes that
  translation) and keeps the languages it leaves out.
- Every write goes through the model's ``save()`` or ``delete()`` (and the
  related manager for topics), so the signals that keep search, cache and
  revisions in step fire as they do for the admin; a record is saved only
  when something in it changed.
- A record's ``translation_status`` is stored as given; without one (older
  bundles) the Hub's own rule applies (``qa.editorial.staleness``).
- A dry run performs the import and rolls the transaction back, so it
  reports exactly what a real import would do.
"""

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_noop

from qa.content.statistics import refresh_statistics
from qa.editorial.revisions import recorded
from qa.interchange.report import Report, field_changes, list_change
from qa.interchange.schema import BundleError
from qa.interchange.validation import check
from qa.languages import localized_name
from qa.models import Author, Authorship, Page, Pairing, PartialDateMixin, Programme, Question, Region, Series, Topic
from qa.search.indexing import deferred_indexing
from qa.text import normalize_newlines


def _snapshot(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _set_texts(obj, record, *fields):
    for field in fields:
        for language, string in record.get(field, {}).items():
            attr = localized_name(field, language)
            string = normalize_newlines(string)
            if (getattr(obj, attr) or "") != string:
                setattr(obj, attr, string)


def _set_values(obj, record, **attrs):
    """Set ``obj.<attr>`` from ``record[<key>]`` for each ``attr=key`` the record has."""
    for attr, key in attrs.items():
        if key in record:
            setattr(obj, attr, record[key])


def _write_byline(question, authors):
    rows = {row.author_id: row for row in question.authorships.all()}
    for order, author in enumerate(authors):
        row = rows.pop(author.pk, None) or Authorship(question=question, author=author)
        if row.pk is None or row.order != order:
            row.order = order
            row.save()
    for row in rows.values():
        row.delete()


def record_name(kind, record, parent=None):
    """A record's key as one string: ``slug``, ``series/number``, or ``programme/supporter>supported`` for a pairing."""
    if kind == "questions":
        return f"{record['series']}/{record['number']}"
    if kind == "pairings":
        return f"{parent}/{record['supporter']}>{record['supported']}"
    return record["code"] if kind == "regions" else record["slug"]


def skip_existing(kind, name, exists):
    """The ``skip`` rule of a create-only import: keep every record the database has."""
    return "exists" if exists else None


class _Importer:
    """Writes a validated bundle. ``skip(kind, name, exists)`` may name a reason to leave a record alone."""

    def __init__(self, bundle, report, skip=None):
        self.bundle = bundle
        self.report = report
        self.skip = skip or (lambda kind, name, exists: None)
        self.cache = {}

    def run(self):
        for kind, model, fill in (
            ("series", Series, self.fill_series),
            ("topics", Topic, self.fill_topic),
            ("authors", Author, self.fill_author),
        ):
            for record in self.bundle.get(kind, []):
                self.upsert(kind, model, {"slug": record["slug"]}, record, fill)
        for record in self.bundle.get("questions", []):
            key = {"series": self.get(Series, slug=record["series"]), "number": record["number"]}
            self.upsert("questions", Question, key, record, self.fill_question, self.question_relations)
        for record in self.parents_first(self.bundle.get("regions", [])):
            self.upsert("regions", Region, {"code": record["code"]}, record, self.fill_region)
        for record in self.bundle.get("programmes", []):
            programme = self.upsert("programmes", Programme, {"slug": record["slug"]}, record, self.fill_programme)
            for pairing in record["pairings"]:
                if programme is None:
                    self.report.skip("pairings", record_name("pairings", pairing, record["slug"]), "no programme")
                    continue
                key = {
                    "programme": programme,
                    "supporter": self.get(Region, code=pairing["supporter"]),
                    "supported": self.get(Region, code=pairing["supported"]),
                }
                self.upsert("pairings", Pairing, key, pairing, self.fill_pairing, parent=record["slug"])
        for record in self.bundle.get("pages", []):
            self.upsert("pages", Page, {"slug": record["slug"]}, record, self.fill_page)

    def get(self, model, **key):
        cache_key = (model, *key.items())
        if cache_key not in self.cache:
            try:
                self.cache[cache_key] = model.objects.get(**key)
            except model.DoesNotExist:
                shown = ", ".join(f"{name} '{value}'" for name, value in key.items())
                raise BundleError(
                    f"the bundle refers to the {model._meta.verbose_name} with {shown}, which this database "
                    "no longer has (an editor deleted it); restore it from the admin's history first. "
                    "Nothing was written."
                ) from None
        return self.cache[cache_key]

    def upsert(self, kind, model, key, record, fill, relations=None, parent=None):
        """Create or update one record; ``relations`` gives the (write, FieldChange) to make after saving it.

        Returns the object, or None for a skipped record the database does not have.
        """
        obj = model.objects.filter(**key).first()
        name = record_name(kind, record, parent)
        reason = self.skip(kind, name, obj is not None)
        if reason:
            self.report.skip(kind, name, reason)
            return obj
        before = None if obj is None else _snapshot(obj)
        if obj is None:
            obj = model(**key)
        fill(obj, record)
        if "translation_status" in record:
            obj.translation_status = record["translation_status"]
        writes = relations(obj, record) if relations else []
        if before is None or before != _snapshot(obj) or writes:
            changes = [*field_changes(obj, before, key), *(change for _write, change in writes)]
            if "translation_status" in record:
                obj.given_translation_status = obj.translation_status
            obj.save()
            for write, _change in writes:
                write()
            self.report.add(kind, "created" if before is None else "updated", name, changes)
        else:
            self.report.add(kind, "unchanged", name)
        self.cache[(model, *key.items())] = obj
        return obj

    @staticmethod
    def parents_first(regions):
        by_code = {region["code"]: region for region in regions}

        def depth(region):
            level = 0
            while region.get("parent") in by_code:
                region, level = by_code[region["parent"]], level + 1
            return level

        return sorted(regions, key=depth)

    @staticmethod
    def fill_series(series, record):
        """A stored series' ``path`` is never changed: validation refused a bundle that would."""
        _set_texts(series, record, "title", "description", "publisher")
        _set_values(series, record, position="position")
        if series.pk is None:
            _set_values(series, record, path="path")

    @staticmethod
    def fill_topic(topic, record):
        _set_texts(topic, record, "name", "description")

    @staticmethod
    def fill_author(author, record):
        _set_texts(author, record, "name", "position", "bio")

    @staticmethod
    def fill_question(question, record):
        _set_texts(question, record, "title", "summary", "body")
        if isinstance(record.get("slug"), dict):
            _set_texts(question, record, "slug")
        else:
            _set_values(question, record, slug_en="slug")
        _set_values(question, record, original_language="original_language", source_url="source_url")
        question.published, question.published_precision = PartialDateMixin.parse_partial_date(record["published"])
        if "status" in record:
            question.status = record["status"]
        elif question.pk is None:
            question.status = Question.PUBLISHED
        if "publish_at" in record:
            question.publish_at = parse_datetime(record["publish_at"])

    def question_relations(self, question, record):
        writes = []
        authors = [self.get(Author, slug=slug) for slug in record["authors"]]
        byline = [] if question.pk is None else [row.author for row in question.authorships.select_related("author")]
        if [author.pk for author in byline] != [author.pk for author in authors]:
            change = list_change(Question, "authors", byline, authors)
            writes.append((lambda: _write_byline(question, authors), change))
        if "topics" in record:
            topics = [self.get(Topic, slug=slug) for slug in record["topics"]]
            current = [] if question.pk is None else list(question.topics.order_by("slug"))
            if {topic.pk for topic in current} != {topic.pk for topic in topics}:
                change = list_change(Question, "topics", current, sorted(topics, key=lambda topic: topic.slug))
                writes.append((lambda: question.topics.set(topics), change))
        return writes

    def fill_region(self, region, record):
        _set_texts(region, record, "name")
        region.kind = record["kind"]
        if "parent" in record:
            region.parent = self.get(Region, code=record["parent"])

    def fill_programme(self, programme, record):
        _set_texts(programme, record, "name", "description", "organiser", "citation")
        programme.announced, programme.announced_precision = PartialDateMixin.parse_partial_date(record["announced"])
        if "source" in record:
            source = record["source"]
            programme.source_question = self.get(
                Question, series=self.get(Series, slug=source["series"]), number=source["number"]
            )
        _set_values(
            programme,
            record.get("totals", {}),
            total_medical_teams="medical_teams",
            total_medical_staff="medical_staff",
        )

    @staticmethod
    def fill_pairing(pairing, record):
        _set_texts(pairing, record, "note")
        _set_values(pairing, record, medical_teams="medical_teams", medical_staff="medical_staff")

    @staticmethod
    def fill_page(page, record):
        _set_texts(page, record, "title", "body")
        _set_values(page, record, position="position")


# A revision's comment, worded in each reader's language (qa.editorial.change_messages.readable).
IMPORTED = gettext_noop("Imported a content bundle")


def import_bundle(
    bundle, *, dry_run=False, create_only=False, skip=None, user=None, comment=IMPORTED
):
    """Import a parsed bundle all or nothing, as one revision that can be undone; return its Report.

    ``create_only`` keeps every record the database has; ``skip(kind, name,
    exists)`` is a rule of one's own (see qa.interchange.seeding). ``comment``
    is the revision's. Raise BundleError (InvalidBundle lists every problem).
    """
    skip = skip_existing if create_only else skip
    check(bundle, skip)
    report = Report(dry_run=dry_run)
    with transaction.atomic(), recorded(comment, user=user):
        with deferred_indexing():
            _Importer(bundle, report, skip).run()
        if dry_run:
            transaction.set_rollback(True)
        else:
            refresh_statistics()
    return report

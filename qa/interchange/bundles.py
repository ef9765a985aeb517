"""Content bundles: the hub's editorial content as one JSON file (docs/content-bundle.md).

Choices the format leaves to the site:

- A Text sets the languages it names (an empty string removes that
  translation) and keeps the languages it leaves out.
- A field the format does not know is an error, so a misspelt key never
  passes unnoticed.
- Every write goes through the model's ``save()`` or ``delete()`` (and the
  related manager for topics), so the signals that keep search, cache and
  revisions in step fire as they do for the admin; a record is saved only
  when something in it changed.
- A dry run performs the import and rolls the transaction back, so it
  reports exactly what a real import would do.
"""

import json
import re
import sys
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Prefetch

from qa.editorial.revisions import recorded
from qa.languages import LANGUAGE_CODES, field_in
from qa.models import Author, Authorship, Pairing, PartialDateMixin, Programme, Question, Region, Series, Topic
from qa.search.engine import deferred_indexing
from qa.text import forbidden_character, length_problem, normalize_newlines, text_problem

FORMAT = "knowledgehub-bundle"
VERSION = 1
KINDS = ("series", "topics", "authors", "questions", "regions", "programmes")
REPORTED_KINDS = (*KINDS, "pairings")
PARTIAL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")


class BundleError(Exception):
    """A file that is not a bundle this site can read."""


class InvalidBundle(BundleError):
    """A bundle with problems; ``problems`` lists every one with its JSON path."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self.problems)

    def __str__(self):
        count = len(self.problems)
        heading = "1 problem" if count == 1 else f"{count} problems"
        return f"{heading} in the bundle, nothing was written:\n" + "\n".join(self.problems)


class Problems(list):
    def add(self, path, message):
        self.append(f"{path}: {message}")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _language_attr(field, language):
    return f"{field}_{language.replace('-', '_')}"


def _shown(value, limit=60):
    """``value`` as a message quotes it: never a whole nested structure or a pasted file."""
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _member(path, name):
    """The JSON path of ``name`` in the object at ``path`` (a key no terminal can show is quoted)."""
    name = name if name.isprintable() else repr(name)
    return f"{path}.{name}" if path else name


# Reading and validating -----------------------------------------------------


class _Duplicates(dict):
    """A JSON object that gave some keys more than once: ``duplicates`` maps each to its count."""


def _object(pairs):
    value = dict(pairs)
    if len(value) < len(pairs):
        value = _Duplicates(value)
        value.duplicates = {key: count for key, count in Counter(key for key, _item in pairs).items() if count > 1}
    return value


def _duplicate_keys(value):
    """Every key given twice in one object, with its path, in the file's order.

    JSON readers differ on which of the two counts, so neither may.
    """
    problems = Problems()
    pending = [("", value)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            for key, count in getattr(value, "duplicates", {}).items():
                problems.add(_member(path, key), f"duplicate key, given {count} times in one object")
            pending.extend(reversed([(_member(path, key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            pending.extend(reversed([(f"{path}[{index}]", item) for index, item in enumerate(value)]))
    return problems


def load(text):
    """Parse a bundle's JSON text (the content is checked on import).

    A leading byte-order mark is ignored. A file that JSON readers could
    read differently (a key given twice), or that no reader could hold
    (nesting or a number beyond Python's limits), is refused.
    """
    try:
        bundle = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise BundleError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise BundleError("not valid JSON for this site: arrays or objects nested too deeply") from None
    except ValueError:
        raise BundleError(
            f"not valid JSON for this site: a number longer than {sys.get_int_max_str_digits()} digits"
        ) from None
    problems = _duplicate_keys(bundle)
    if problems:
        raise InvalidBundle(problems)
    return bundle


def check_header(bundle):
    if not isinstance(bundle, dict):
        raise BundleError("not a content bundle: expected a JSON object")
    if bundle.get("format") != FORMAT:
        raise BundleError(f"not a content bundle: 'format' must be '{FORMAT}', got {_shown(bundle.get('format'))}")
    version = bundle.get("version")
    if not (_is_int(version) and version == VERSION):
        raise BundleError(f"unsupported bundle version {_shown(version)}: this site reads version {VERSION}")


def _field_problems(model_field, value):
    """Why ``value`` cannot be stored in ``model_field`` (a list of messages, empty when it can).

    The limits are the model's own, so a bundle and the admin never disagree:
    qa.text's rule for characters, the field's ``max_length`` (a TextField's
    too, which Django itself checks only in forms) and the field's
    validators. A text counts as it will be stored, with ``\\n`` line endings.
    """
    problem = text_problem(value)
    if problem is not None:
        return [str(problem)]  # the field's own validators would only repeat it
    value = normalize_newlines(value)
    problems = []
    too_long = length_problem(value, model_field.max_length)
    if too_long is not None:
        problems.append(str(too_long))
    for validator in model_field.validators:
        if isinstance(validator, MaxLengthValidator):
            continue  # the same max_length, already checked above
        try:
            validator(value)
        except ValidationError as error:
            problems.extend(error.messages)
    return problems


def text(model, name, required=False):
    """A Text: an object from language code to string."""
    model_field = model._meta.get_field(name)

    def check(value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, 'expected a Text object such as {"en": "...", "zh-hans": "..."}')
            return
        for language, string in value.items():
            if language not in LANGUAGE_CODES:
                problems.add(path, f"unknown language code '{language}' (expected one of: {', '.join(LANGUAGE_CODES)})")
            elif not isinstance(string, str):
                problems.add(f"{path}.{language}", "expected a string")
            else:
                for message in _field_problems(model_field, string):
                    problems.add(f"{path}.{language}", message)
        if required and not any(isinstance(value.get(code), str) and value[code] for code in LANGUAGE_CODES):
            problems.add(path, "needs text in at least one language")

    return check


def scalar(model, name, kind=str, minimum=None, allow_empty=None):
    """A string or integer, checked by the model field's own validators."""
    model_field = model._meta.get_field(name)
    allow_empty = model_field.blank if allow_empty is None else allow_empty

    def check(value, path, problems):
        if not (_is_int(value) if kind is int else isinstance(value, str)):
            problems.add(path, "expected an integer" if kind is int else "expected a string")
        elif value == "" and not allow_empty:
            problems.add(path, "must not be empty")
        elif minimum is not None and value < minimum:
            problems.add(path, f"must be at least {minimum}")
        else:
            for message in _field_problems(model_field, value):
                problems.add(path, message)

    return check


def choice(model, name, label):
    choices = [code for code, _label in model._meta.get_field(name).choices]

    def check(value, path, problems):
        if value not in choices:
            problems.add(path, f"unknown {label} {_shown(value)} (expected one of: {', '.join(choices)})")

    return check


def partial_date(value, path, problems):
    try:
        if not (isinstance(value, str) and PARTIAL_DATE.fullmatch(value)):
            raise ValueError
        PartialDateMixin.parse_partial_date(value)
    except ValueError:
        problems.add(path, f"{_shown(value)} is not YYYY-MM or YYYY-MM-DD")


def list_of(item, unique=False):
    def check(value, path, problems):
        if not isinstance(value, list):
            problems.add(path, "expected a list")
            return
        seen = set()
        for index, element in enumerate(value):
            item(element, f"{path}[{index}]", problems)
            if unique and isinstance(element, str):
                if element in seen:
                    problems.add(f"{path}[{index}]", f"'{element}' is listed twice")
                seen.add(element)

    return check


def record(schema):
    """An object whose fields are ``schema``: name -> (required, check)."""

    def check(value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, "expected an object")
            return
        for name in sorted(value.keys() - schema.keys()):
            problems.add(_member(path, name), "unknown field")
        for name, (required, check_field) in schema.items():
            if name in value:
                check_field(value[name], f"{path}.{name}", problems)
            elif required:
                problems.add(f"{path}.{name}", "required field is missing")

    return check


REQUIRED, OPTIONAL = True, False

RECORDS = {
    "series": record({
        "slug": (REQUIRED, scalar(Series, "slug")),
        "title": (REQUIRED, text(Series, "title", required=True)),
        "description": (OPTIONAL, text(Series, "description")),
        "publisher": (OPTIONAL, text(Series, "publisher")),
    }),
    "topics": record({
        "slug": (REQUIRED, scalar(Topic, "slug")),
        "name": (REQUIRED, text(Topic, "name", required=True)),
    }),
    "authors": record({
        "slug": (REQUIRED, scalar(Author, "slug")),
        "name": (REQUIRED, text(Author, "name", required=True)),
        "position": (OPTIONAL, text(Author, "position")),
        "bio": (OPTIONAL, text(Author, "bio")),
    }),
    "questions": record({
        "series": (REQUIRED, scalar(Series, "slug")),
        "number": (REQUIRED, scalar(Question, "number", int, minimum=1)),
        "slug": (OPTIONAL, scalar(Question, "slug", allow_empty=False)),
        "title": (REQUIRED, text(Question, "title", required=True)),
        "summary": (OPTIONAL, text(Question, "summary")),
        "body": (REQUIRED, text(Question, "body", required=True)),
        "authors": (REQUIRED, list_of(scalar(Author, "slug"), unique=True)),
        "published": (REQUIRED, partial_date),
        "original_language": (REQUIRED, choice(Question, "original_language", "language")),
        "status": (OPTIONAL, choice(Question, "status", "status")),
        "topics": (OPTIONAL, list_of(scalar(Topic, "slug"), unique=True)),
        "source_url": (OPTIONAL, scalar(Question, "source_url")),
    }),
    "regions": record({
        "code": (REQUIRED, scalar(Region, "code")),
        "name": (REQUIRED, text(Region, "name", required=True)),
        "kind": (REQUIRED, choice(Region, "kind", "region kind")),
        "parent": (OPTIONAL, scalar(Region, "code")),
    }),
    "programmes": record({
        "slug": (REQUIRED, scalar(Programme, "slug")),
        "name": (REQUIRED, text(Programme, "name", required=True)),
        "description": (OPTIONAL, text(Programme, "description")),
        "organiser": (OPTIONAL, text(Programme, "organiser")),
        "citation": (OPTIONAL, text(Programme, "citation")),
        "announced": (REQUIRED, partial_date),
        "source": (OPTIONAL, record({
            "series": (REQUIRED, scalar(Series, "slug")),
            "number": (REQUIRED, scalar(Question, "number", int, minimum=1)),
        })),
        "totals": (OPTIONAL, record({
            "medical_teams": (OPTIONAL, scalar(Programme, "total_medical_teams", int)),
            "medical_staff": (OPTIONAL, scalar(Programme, "total_medical_staff", int)),
        })),
        "pairings": (REQUIRED, list_of(record({
            "supporter": (REQUIRED, scalar(Region, "code")),
            "supported": (REQUIRED, scalar(Region, "code")),
            "medical_teams": (OPTIONAL, scalar(Pairing, "medical_teams", int)),
            "medical_staff": (OPTIONAL, scalar(Pairing, "medical_staff", int)),
            "note": (OPTIONAL, text(Pairing, "note")),
        }))),
    }),
}


def _question_key(record):
    series, number = record.get("series"), record.get("number")
    return (series, number) if isinstance(series, str) and _is_int(number) else None


LABELS = {
    "series": "series",
    "topics": "topic",
    "authors": "author",
    "questions": "question",
    "regions": "region",
    "programmes": "programme",
}


def _describe(kind, key):
    if kind == "questions":
        return f"question {key[1]} in series '{key[0]}'"
    return f"{LABELS[kind]} '{key}'"


def _usable(key):
    """Whether a key is well formed enough to look up (a malformed one is reported on its own).

    A key with a character the Hub refuses is never sent to the database:
    PostgreSQL cannot take a NUL even in a query.
    """
    name = key[0] if isinstance(key, tuple) else key
    return isinstance(name, str) and forbidden_character(name) is None


KEYS = {
    "series": lambda record: record.get("slug"),
    "topics": lambda record: record.get("slug"),
    "authors": lambda record: record.get("slug"),
    "questions": _question_key,
    "regions": lambda record: record.get("code"),
    "programmes": lambda record: record.get("slug"),
}

IN_DATABASE = {
    "series": lambda keys: Series.objects.filter(slug__in=keys).values_list("slug", flat=True),
    "topics": lambda keys: Topic.objects.filter(slug__in=keys).values_list("slug", flat=True),
    "authors": lambda keys: Author.objects.filter(slug__in=keys).values_list("slug", flat=True),
    "questions": lambda keys: Question.objects.filter(series__slug__in={series for series, _n in keys}).values_list(
        "series__slug", "number"
    ),
    "regions": lambda keys: Region.objects.filter(code__in=keys).values_list("code", flat=True),
}


class _Validator:
    """Every problem in a bundle whose header is valid, each with its JSON path."""

    def __init__(self, bundle):
        self.bundle = bundle
        self.problems = Problems()
        self.records = {}  # kind -> [(path, record)] for the records that are objects
        self.keys = {}  # kind -> keys defined in the bundle
        self.references = []  # (path, kind, key)

    def run(self):
        for name in sorted(self.bundle.keys() - {"format", "version", *KINDS}):
            self.problems.add(_member("", name), "unknown key")
        for kind in KINDS:
            self.check_records(kind)
        self.collect_references()
        self.check_references()
        self.check_pairings()
        self.check_region_tree()
        return self.problems

    def check_records(self, kind):
        records = self.bundle.get(kind, [])
        if not isinstance(records, list):
            self.problems.add(kind, "expected a list")
            records = []
        self.records[kind] = []
        seen = {}
        for index, item in enumerate(records):
            path = f"{kind}[{index}]"
            RECORDS[kind](item, path, self.problems)
            if not isinstance(item, dict):
                continue
            self.records[kind].append((path, item))
            key = KEYS[kind](item)
            if not _usable(key):
                continue
            if key in seen:
                self.problems.add(path, f"duplicate {_describe(kind, key)} (also at {seen[key]})")
            seen.setdefault(key, path)
        self.keys[kind] = set(seen)

    def refer(self, path, kind, key):
        if _usable(key):
            self.references.append((path, kind, key))

    def collect_references(self):
        for path, question in self.records["questions"]:
            self.refer(f"{path}.series", "series", question.get("series"))
            for kind in ("authors", "topics"):
                slugs = question.get(kind)
                for index, slug in enumerate(slugs if isinstance(slugs, list) else []):
                    self.refer(f"{path}.{kind}[{index}]", kind, slug)
        for path, region in self.records["regions"]:
            self.refer(f"{path}.parent", "regions", region.get("parent"))
        for path, programme in self.records["programmes"]:
            if isinstance(programme.get("source"), dict):
                self.refer(f"{path}.source", "questions", _question_key(programme["source"]))
            for pairing_path, pairing in self.pairings(path, programme):
                for role in ("supporter", "supported"):
                    self.refer(f"{pairing_path}.{role}", "regions", pairing.get(role))

    def check_references(self):
        wanted = {}
        for _path, kind, key in self.references:
            wanted.setdefault(kind, set()).add(key)
        known = {
            kind: self.keys[kind] | set(IN_DATABASE[kind](keys - self.keys[kind])) for kind, keys in wanted.items()
        }
        for path, kind, key in self.references:
            if key not in known[kind]:
                self.problems.add(path, f"unknown {_describe(kind, key)}")

    @staticmethod
    def pairings(path, programme):
        pairings = programme.get("pairings")
        for index, pairing in enumerate(pairings if isinstance(pairings, list) else []):
            if isinstance(pairing, dict):
                yield f"{path}.pairings[{index}]", pairing

    def check_pairings(self):
        for path, programme in self.records["programmes"]:
            seen = {}
            for pairing_path, pairing in self.pairings(path, programme):
                pair = (pairing.get("supporter"), pairing.get("supported"))
                if not all(isinstance(code, str) for code in pair):
                    continue
                if pair[0] == pair[1]:
                    self.problems.add(pairing_path, f"region '{pair[0]}' cannot support itself")
                elif pair in seen:
                    self.problems.add(pairing_path, f"duplicate pairing {pair[0]} → {pair[1]} (also at {seen[pair]})")
                seen.setdefault(pair, pairing_path)

    def check_region_tree(self):
        """A region may not be its own ancestor, once the bundle's parents are applied."""
        parents = dict(Region.objects.values_list("code", "parent__code"))
        regions = [(path, region) for path, region in self.records["regions"] if isinstance(region.get("code"), str)]
        parents.update(
            (region["code"], region["parent"]) for _path, region in regions if isinstance(region.get("parent"), str)
        )
        for path, region in regions:
            code, seen = region["code"], set()
            while code is not None and code not in seen:
                seen.add(code)
                code = parents.get(code)
            if code == region["code"]:
                self.problems.add(f"{path}.parent", f"region '{code}' would be its own ancestor")


# Importing ------------------------------------------------------------------


class Report:
    OUTCOMES = ("created", "updated", "unchanged", "skipped")

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.counts = {}
        self.created = []
        self.skipped = []

    def add(self, kind, outcome, name=None):
        self.counts.setdefault(kind, Counter())[outcome] += 1
        if outcome == "created":
            self.created.append((kind, name))

    def skip(self, kind, name, reason):
        self.add(kind, "skipped")
        self.skipped.append((kind, name, reason))

    @property
    def changed(self):
        return any(counts["created"] or counts["updated"] for counts in self.counts.values())

    def lines(self):
        for kind in REPORTED_KINDS:
            if kind in self.counts:
                counts = self.counts[kind]
                shown = [outcome for outcome in self.OUTCOMES if outcome != "skipped" or counts[outcome]]
                yield f"{kind}: " + ", ".join(f"{counts[outcome]} {outcome}" for outcome in shown)
        if not self.changed:
            yield "Nothing would change." if self.dry_run else "Nothing changed."
        elif self.dry_run:
            yield "Dry run: nothing was written."

    def __str__(self):
        return "\n".join(self.lines())


def _snapshot(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _set_texts(obj, record, *fields):
    for field in fields:
        for language, string in record.get(field, {}).items():
            attr = _language_attr(field, language)
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
        """Create or update one record; ``relations`` lists the writes to make after saving it.

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
        writes = relations(obj, record) if relations else []
        if before is None or before != _snapshot(obj) or writes:
            obj.save()
            for write in writes:
                write()
            self.report.add(kind, "created" if before is None else "updated", name)
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
        _set_texts(series, record, "title", "description", "publisher")

    @staticmethod
    def fill_topic(topic, record):
        _set_texts(topic, record, "name")

    @staticmethod
    def fill_author(author, record):
        _set_texts(author, record, "name", "position", "bio")

    @staticmethod
    def fill_question(question, record):
        _set_texts(question, record, "title", "summary", "body")
        _set_values(question, record, slug_en="slug", original_language="original_language", source_url="source_url")
        question.published, question.published_precision = PartialDateMixin.parse_partial_date(record["published"])
        if "status" in record:
            question.status = record["status"]
        elif question.pk is None:
            question.status = Question.PUBLISHED

    def question_relations(self, question, record):
        writes = []
        authors = [self.get(Author, slug=slug) for slug in record["authors"]]
        byline = [] if question.pk is None else [row.author_id for row in question.authorships.all()]
        if byline != [author.pk for author in authors]:
            writes.append(lambda: _write_byline(question, authors))
        if "topics" in record:
            topics = [self.get(Topic, slug=slug) for slug in record["topics"]]
            current = set() if question.pk is None else set(question.topics.values_list("pk", flat=True))
            if current != {topic.pk for topic in topics}:
                writes.append(lambda: question.topics.set(topics))
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


def validate(bundle):
    """Every problem of a bundle whose header is valid, each with its JSON path (an empty list if none)."""
    return _Validator(bundle).run()


def import_bundle(bundle, *, dry_run=False, create_only=False, skip=None, user=None):
    """Import a parsed bundle all or nothing, as one revision that can be undone.

    ``create_only`` keeps every record the database has; ``skip(kind, name,
    exists)`` is a rule of one's own (see qa.interchange.seeding). Raise BundleError
    (InvalidBundle lists every problem).
    """
    check_header(bundle)
    problems = validate(bundle)
    if problems:
        raise InvalidBundle(problems)
    report = Report(dry_run=dry_run)
    with transaction.atomic(), recorded("Imported a content bundle", user=user):
        with deferred_indexing():
            _Importer(bundle, report, skip_existing if create_only else skip).run()
        if dry_run:
            transaction.set_rollback(True)
    return report


# Exporting ------------------------------------------------------------------


def _text(obj, field):
    return {language: field_in(obj, field, language) for language in LANGUAGE_CODES if field_in(obj, field, language)}


def _without_empty(record, *optional):
    return {key: item for key, item in record.items() if key not in optional or item not in (None, "", {}, [])}


def _export_series(series):
    return _without_empty(
        {
            "slug": series.slug,
            "title": _text(series, "title"),
            "description": _text(series, "description"),
            "publisher": _text(series, "publisher"),
        },
        "description",
        "publisher",
    )


def _export_topic(topic):
    return {"slug": topic.slug, "name": _text(topic, "name")}


def _export_author(author):
    return _without_empty(
        {
            "slug": author.slug,
            "name": _text(author, "name"),
            "position": _text(author, "position"),
            "bio": _text(author, "bio"),
        },
        "position",
        "bio",
    )


def _export_question(question):
    return _without_empty(
        {
            "series": question.series.slug,
            "number": question.number,
            "slug": question.slug_en,
            "title": _text(question, "title"),
            "summary": _text(question, "summary"),
            "body": _text(question, "body"),
            "authors": [row.author.slug for row in question.authorships.all()],
            "published": question.partial_date_iso("published"),
            "original_language": question.original_language,
            "status": question.status,
            "topics": sorted(topic.slug for topic in question.topics.all()),
            "source_url": question.source_url,
        },
        "slug",
        "summary",
        "topics",
        "source_url",
    )


def _export_region(region):
    return _without_empty(
        {
            "code": region.code,
            "name": _text(region, "name"),
            "kind": region.kind,
            "parent": region.parent.code if region.parent else None,
        },
        "parent",
    )


def _export_programme(programme):
    source = programme.source_question
    totals = {"medical_teams": programme.total_medical_teams, "medical_staff": programme.total_medical_staff}
    return _without_empty(
        {
            "slug": programme.slug,
            "name": _text(programme, "name"),
            "description": _text(programme, "description"),
            "organiser": _text(programme, "organiser"),
            "citation": _text(programme, "citation"),
            "announced": programme.partial_date_iso("announced"),
            "source": {"series": source.series.slug, "number": source.number} if source else None,
            "totals": _without_empty(totals, *totals),
            "pairings": [_export_pairing(pairing) for pairing in programme.pairings.all()],
        },
        "description",
        "organiser",
        "citation",
        "source",
        "totals",
    )


def _export_pairing(pairing):
    return _without_empty(
        {
            "supporter": pairing.supporter.code,
            "supported": pairing.supported.code,
            "medical_teams": pairing.medical_teams,
            "medical_staff": pairing.medical_staff,
            "note": _text(pairing, "note"),
        },
        "medical_teams",
        "medical_staff",
        "note",
    )


def export_bundle():
    """Every record in the database as a bundle, in a stable order."""
    questions = (
        Question.objects.select_related("series")
        .prefetch_related("authorships__author", "topics")
        .order_by("series__slug", "number")
    )
    pairings = Pairing.objects.select_related("supporter", "supported").order_by("supporter__code", "supported__code")
    programmes = (
        Programme.objects.select_related("source_question__series")
        .prefetch_related(Prefetch("pairings", queryset=pairings))
        .order_by("slug")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "series": [_export_series(series) for series in Series.objects.order_by("slug")],
        "topics": [_export_topic(topic) for topic in Topic.objects.order_by("slug")],
        "authors": [_export_author(author) for author in Author.objects.order_by("slug")],
        "questions": [_export_question(question) for question in questions],
        "regions": [_export_region(region) for region in Region.objects.select_related("parent").order_by("code")],
        "programmes": [_export_programme(programme) for programme in programmes],
    }


def dumps(bundle):
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"

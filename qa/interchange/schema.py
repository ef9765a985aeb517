"""The bundle format (docs/content-bundle.md): reading the JSON, the header, and each record's schema.

The checks read their limits from the model fields (``max_length``, validators),
so a bundle and the admin never disagree. A field the format does not know is
an error, so a misspelt key never passes unnoticed. Checks that look across
records or into the database are qa.interchange.validation's.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.dateparse import parse_datetime

from qa.bounds import validate_year
from qa.interchange.status_schema import translation_status
from qa.languages import STORED_LANGUAGES
from qa.models import Author, Page, Pairing, PartialDateMixin, Programme, Question, Region, Series, Topic
from qa.text import length_problem, normalize_newlines, text_problem

FORMAT = "knowledgehub-bundle"
VERSION = 1
RECORD_KINDS = ("series", "topics", "authors", "questions", "regions", "programmes", "pages")
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


class Problem(str):
    """ "path: message", keeping both parts (a working-paper import points the path back at a file and line)."""

    def __new__(cls, path, message):
        problem = super().__new__(cls, f"{path}: {message}")
        problem.path, problem.message = path, message
        return problem


class Problems(list):
    def add(self, path, message):
        self.append(Problem(path, message))


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)



def shown(value, limit=60):
    """``value`` as a message quotes it: never a whole nested structure or a pasted file."""
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def member(path, name):
    """The JSON path of ``name`` in the object at ``path`` (a key no terminal can show is quoted)."""
    name = name if name.isprintable() else repr(name)
    return f"{path}.{name}" if path else name




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
                problems.add(member(path, key), f"duplicate key, given {count} times in one object")
            pending.extend(reversed([(member(path, key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            pending.extend(reversed([(f"{path}[{index}]", item) for index, item in enumerate(value)]))
    return problems


def load(content):
    """Parse a bundle's JSON text (the content is checked on import).

    A leading byte-order mark is ignored. A file that JSON readers could
    read differently (a key given twice), or that no reader could hold
    (nesting or a number beyond Python's limits), is refused.
    """
    try:
        bundle = json.loads(content.removeprefix("\ufeff"), object_pairs_hook=_object)
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


def read_bundle(path):
    """Read and parse the bundle file at ``path``; a file that cannot be read is a BundleError too."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BundleError(f"cannot read the file: {error.strerror or error}") from error
    except UnicodeDecodeError:
        raise BundleError("not a UTF-8 text file") from None
    return load(content)


def check_header(bundle):
    if not isinstance(bundle, dict):
        raise BundleError("not a content bundle: expected a JSON object")
    if bundle.get("format") != FORMAT:
        raise BundleError(f"not a content bundle: 'format' must be '{FORMAT}', got {shown(bundle.get('format'))}")
    version = bundle.get("version")
    if not (is_int(version) and version == VERSION):
        raise BundleError(f"unsupported bundle version {shown(version)}: this site reads version {VERSION}")


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
            if language not in STORED_LANGUAGES:
                expected = ", ".join(STORED_LANGUAGES)
                problems.add(path, f"unknown language code '{language}' (expected one of: {expected})")
            elif not isinstance(string, str):
                problems.add(f"{path}.{language}", "expected a string")
            else:
                for message in _field_problems(model_field, string):
                    problems.add(f"{path}.{language}", message)
        if required and not any(isinstance(value.get(code), str) and value[code] for code in STORED_LANGUAGES):
            problems.add(path, "needs text in at least one language")

    return check


def string_or_text(model, name):
    """A string, the English value (a question's slug), or a Text with a value per language."""
    as_string, as_text = scalar(model, name, allow_empty=False), text(model, name)

    def check(value, path, problems):
        (as_text if isinstance(value, dict) else as_string)(value, path, problems)

    return check


def scalar(model, name, kind=str, minimum=None, allow_empty=None):
    """A string or integer, checked by the model field's own validators.

    An integer must also fit the column on every database: SQLite would store
    any, PostgreSQL refuses what its ``smallint`` or ``integer`` cannot hold.
    """
    model_field = model._meta.get_field(name)
    allow_empty = model_field.blank if allow_empty is None else allow_empty
    lowest, highest = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type(), (None, None))
    minimum = lowest if minimum is None else minimum

    def check(value, path, problems):
        if not (is_int(value) if kind is int else isinstance(value, str)):
            problems.add(path, "expected an integer" if kind is int else "expected a string")
        elif value == "" and not allow_empty:
            problems.add(path, "must not be empty")
        elif kind is int and minimum is not None and value < minimum:
            problems.add(path, f"must be at least {minimum}")
        elif kind is int and highest is not None and value > highest:
            problems.add(path, f"must be at most {highest}")
        else:
            for message in _field_problems(model_field, value):
                problems.add(path, message)

    return check


def choice(model, name, label):
    choices = [code for code, _label in model._meta.get_field(name).choices]

    def check(value, path, problems):
        if value not in choices:
            problems.add(path, f"unknown {label} {shown(value)} (expected one of: {', '.join(choices)})")

    return check


def _year_problem(value, path, problems):
    try:
        validate_year(value)
    except ValidationError as error:
        problems.add(path, error.messages[0])


def partial_date(value, path, problems):
    try:
        if not (isinstance(value, str) and PARTIAL_DATE.fullmatch(value)):
            raise ValueError
        date, _precision = PartialDateMixin.parse_partial_date(value)
    except ValueError:
        problems.add(path, f"{shown(value)} is not YYYY-MM or YYYY-MM-DD")
    else:
        _year_problem(date, path, problems)


def moment(value, path, problems):
    """A date and time with its UTC offset, ISO 8601: "2031-05-04T09:00:00+08:00" (a publication time)."""
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        problems.add(path, f"{shown(value)} is not a date and time with its UTC offset, as 2031-05-04T09:00:00+08:00")
    else:
        _year_problem(parsed, path, problems)


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
            problems.add(member(path, name), "unknown field")
        for name, (required, check_field) in schema.items():
            if name in value:
                check_field(value[name], f"{path}.{name}", problems)
            elif required:
                problems.add(f"{path}.{name}", "required field is missing")

    return check


REQUIRED, OPTIONAL = True, False

RECORDS = {
    "series": record({
        "translation_status": (OPTIONAL, translation_status(Series)),
        "slug": (REQUIRED, scalar(Series, "slug")),
        "title": (REQUIRED, text(Series, "title", required=True)),
        "description": (OPTIONAL, text(Series, "description")),
        "publisher": (OPTIONAL, text(Series, "publisher")),
        "path": (OPTIONAL, scalar(Series, "path")),
        "position": (OPTIONAL, scalar(Series, "position", int)),
    }),
    "topics": record({
        "translation_status": (OPTIONAL, translation_status(Topic)),
        "slug": (REQUIRED, scalar(Topic, "slug")),
        "name": (REQUIRED, text(Topic, "name", required=True)),
        "description": (OPTIONAL, text(Topic, "description")),
    }),
    "authors": record({
        "translation_status": (OPTIONAL, translation_status(Author)),
        "slug": (REQUIRED, scalar(Author, "slug")),
        "name": (REQUIRED, text(Author, "name", required=True)),
        "position": (OPTIONAL, text(Author, "position")),
        "bio": (OPTIONAL, text(Author, "bio")),
    }),
    "questions": record({
        "translation_status": (OPTIONAL, translation_status(Question)),
        "series": (REQUIRED, scalar(Series, "slug")),
        "number": (REQUIRED, scalar(Question, "number", int, minimum=1)),
        "slug": (OPTIONAL, string_or_text(Question, "slug")),
        "title": (REQUIRED, text(Question, "title", required=True)),
        "summary": (OPTIONAL, text(Question, "summary")),
        "body": (REQUIRED, text(Question, "body", required=True)),
        "authors": (REQUIRED, list_of(scalar(Author, "slug"), unique=True)),
        "published": (REQUIRED, partial_date),
        "original_language": (REQUIRED, choice(Question, "original_language", "language")),
        "status": (OPTIONAL, choice(Question, "status", "status")),
        "publish_at": (OPTIONAL, moment),
        "topics": (OPTIONAL, list_of(scalar(Topic, "slug"), unique=True)),
        "source_url": (OPTIONAL, scalar(Question, "source_url")),
    }),
    "regions": record({
        "translation_status": (OPTIONAL, translation_status(Region)),
        "code": (REQUIRED, scalar(Region, "code")),
        "name": (REQUIRED, text(Region, "name", required=True)),
        "kind": (REQUIRED, choice(Region, "kind", "region kind")),
        "parent": (OPTIONAL, scalar(Region, "code")),
    }),
    "programmes": record({
        "translation_status": (OPTIONAL, translation_status(Programme)),
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
    "pages": record({
        "slug": (REQUIRED, scalar(Page, "slug")),
        "title": (REQUIRED, text(Page, "title", required=True)),
        "body": (REQUIRED, text(Page, "body", required=True)),
        "position": (OPTIONAL, scalar(Page, "position", int)),
    }),
}


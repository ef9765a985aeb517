"""Checks across the records of a bundle: keys, references (to the bundle or the database), pairings,
the region tree, series addresses.

``check(bundle)`` is the one entry point: the header, each record's schema
(qa.interchange.schema) and these checks, every problem with its JSON path.
"""

from django.core.exceptions import ValidationError

from qa.content.models import validate_series_path
from qa.interchange.schema import RECORD_KINDS, RECORDS, InvalidBundle, Problems, check_header, is_int, member
from qa.models import Author, Question, Region, Series, Topic
from qa.text import forbidden_character


def _question_key(record):
    series, number = record.get("series"), record.get("number")
    return (series, number) if isinstance(series, str) and is_int(number) else None


LABELS = {
    "series": "series",
    "topics": "topic",
    "authors": "author",
    "questions": "question",
    "regions": "region",
    "programmes": "programme",
    "pages": "page",
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
    "pages": lambda record: record.get("slug"),
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
    """Every problem in a bundle whose header is valid, each with its JSON path.

    ``skip(kind, name, exists)`` is the import's rule for records it leaves
    alone (see qa.interchange.loading): what it will not write cannot change
    anything, so a stored series' address is only defended against records
    that would be written.
    """

    def __init__(self, bundle, skip=None):
        self.bundle = bundle
        self.skip = skip or (lambda kind, name, exists: None)
        self.problems = Problems()
        self.records = {}  # kind -> [(path, record)] for the records that are objects
        self.keys = {}  # kind -> keys defined in the bundle
        self.references = []  # (path, kind, key)

    def run(self):
        for name in sorted(self.bundle.keys() - {"format", "version", *RECORD_KINDS}):
            self.problems.add(member("", name), "unknown key")
        for kind in RECORD_KINDS:
            self.check_records(kind)
        self.collect_references()
        self.check_references()
        self.check_pairings()
        self.check_region_tree()
        self.check_series_paths()
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

    def series_address(self, path, series, stored):
        """The address the series will have, or None when it cannot be told (its problem is reported elsewhere).

        A stored series keeps its address: links and citations are made of it.
        A new one takes its ``path``, or without one its slug (Series.save).
        """
        slug, given = series["slug"], series.get("path")
        given = given if isinstance(given, str) and _usable(given) else None
        if slug in stored:
            if given is not None and given != stored[slug] and not self.skip("series", slug, True):
                self.problems.add(
                    f"{path}.path",
                    f"series '{slug}' is at the address '{stored[slug]}' for good, since links and citations "
                    f"are made of it; the bundle gives '{given}'. Leave 'path' out or give '{stored[slug]}'",
                )
            return stored[slug]
        if self.skip("series", slug, False):
            return None
        if "path" in series:
            return given
        try:
            validate_series_path(slug[:50])
        except ValidationError as error:
            for message in error.messages:
                self.problems.add(
                    f"{path}.slug", f"without a 'path', a series takes its slug as its address: {message}"
                )
            return None
        return slug[:50]

    def check_series_paths(self):
        """Two series cannot have one address, in the bundle or with the database."""
        records = [(path, series) for path, series in self.records["series"] if _usable(series.get("slug"))]
        stored = dict(Series.objects.filter(slug__in=[series["slug"] for _path, series in records]).values_list(
            "slug", "path"
        ))
        claimed, seen = {}, set()  # address -> (JSON path, slug)
        for path, series in records:
            if series["slug"] in seen:
                continue  # a duplicate record, reported as one
            seen.add(series["slug"])
            address = self.series_address(path, series, stored)
            if address is None:
                continue
            where = f"{path}.path" if "path" in series else path
            if address in claimed:
                self.problems.add(where, f"two series at the address '{address}' (also at {claimed[address][0]})")
                continue
            claimed[address] = (where, series["slug"])
        for address, slug in Series.objects.filter(path__in=claimed).values_list("path", "slug"):
            where, claimant = claimed[address]
            if slug != claimant:
                self.problems.add(where, f"the address '{address}' is taken by series '{slug}'")


def check(bundle, skip=None):
    """Refuse a bundle that cannot be imported: BundleError for its header, InvalidBundle listing every problem.

    ``skip`` is the import's rule for records it will not write (see _Validator).
    """
    check_header(bundle)
    problems = _Validator(bundle, skip).run()
    if problems:
        raise InvalidBundle(problems)

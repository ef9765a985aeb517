"""Bundled content seeds a database once, and editors own it from then on.

``make run`` calls ``seed_content`` on every start. The first time, it loads
the bundle into a database that has none of its content and records every
record it brought (``SeededRecord``). Every later time it writes nothing, so
a question or pairing an editor deleted or changed stays as the editor left
it. Records shipped in a later version of the bundle are added only by an
explicit ``seed_content --add-new``, which creates what this database never
had and lists everything it skipped. Pages (About, Contact, Licence, Privacy)
are records like the others: a database seeded before the bundle had them
gets them from ``--add-new`` (docs/operators.md), never from a start.
"""

from dataclasses import dataclass, field

from django.db import transaction

from qa.interchange import validation
from qa.interchange.loading import import_bundle, record_name, skip_existing
from qa.interchange.report import Report
from qa.interchange.schema import RECORD_KINDS
from qa.models import Author, Page, Programme, Question, Region, SeededRecord, Series, Topic

# What makes a database one that has content (pages alone do not: they are not the publication).
CONTENT_MODELS = (Series, Topic, Author, Question, Region, Programme)
# Kinds the bundle gained after seeding was first recorded, with what tells whether a database has each record.
LATER_KINDS = {"pages": lambda names: set(Page.objects.filter(slug__in=names).values_list("slug", flat=True))}


def bundle_records(bundle):
    """(kind, name) of every record a validated bundle holds, pairings included."""
    for kind in RECORD_KINDS:
        for record in bundle.get(kind, []):
            yield kind, record_name(kind, record)
            if kind == "programmes":
                for pairing in record["pairings"]:
                    yield "pairings", record_name("pairings", pairing, record["slug"])


def seeded_records():
    return set(SeededRecord.objects.values_list("kind", "name"))


def has_content():
    return any(model.objects.exists() for model in CONTENT_MODELS)


@dataclass
class Outcome:
    """What a seeding did: ``action`` is "seeded", "adopted", "nothing" or "added"."""

    action: str
    report: Report = None
    new: list = field(default_factory=list)


def adopted_records(names):
    """The records a database made before seeding was recorded is taken to have been seeded with.

    Its editors may have deleted any of the older kinds, so all of those
    count; but none of a kind that did not exist yet, except those it has
    (an editor wrote them), so that ``--add-new`` offers the rest.
    """
    present = {
        kind: exists([name for other, name in names if other == kind]) for kind, exists in LATER_KINDS.items()
    }
    return [(kind, name) for kind, name in names if kind not in present or name in present[kind]]


def record(names):
    SeededRecord.objects.bulk_create(
        [SeededRecord(kind=kind, name=name) for kind, name in names], ignore_conflicts=True
    )


def seed(bundle):
    """Load the bundle into a database that never had it; otherwise write no content.

    A database with content but no record of seeding (made before seeding
    was recorded) is taken as seeded: its records are logged (``adopted_records``), none is created.
    """
    validation.check(bundle, skip=skip_existing)  # seeding never writes a record the database has
    with transaction.atomic():
        done = seeded_records()
        names = list(bundle_records(bundle))
        if done:
            return Outcome("nothing", new=[name for name in names if name not in done])
        if has_content():
            record(adopted_records(names))
            return Outcome("adopted")
        report = import_bundle(bundle, create_only=True)
        record(names)
        return Outcome("seeded", report)


def add_new(bundle, *, dry_run=False):
    """Create the bundled records this database was never seeded with; skip and list the rest."""

    def skip(kind, name, exists):
        if (kind, name) in done:
            return "kept as editors left it" if exists else "deleted by an editor, not re-created"
        return "already in the database" if exists else None

    with transaction.atomic():
        done = seeded_records()
        report = import_bundle(bundle, skip=skip, dry_run=dry_run)
        if not dry_run:
            record(bundle_records(bundle))
        return Outcome("added", report)

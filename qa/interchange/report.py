"""What an import did, or would do: counts per kind and, for each record created or updated, its field changes.

One ``Report`` serves every import: ``import_content``,
seeding, and working papers (whose preview shows the changes in full).
"""

import datetime
from collections import Counter
from functools import cache

from modeltranslation.fields import TranslationField

from qa.editorial.compare import FieldChange
from qa.interchange.schema import RECORD_KINDS
from qa.languages import field_label, value_in

REPORTED_KINDS = (*RECORD_KINDS, "pairings")
# Fields the database keeps for itself: never a change an import makes.
BOOKKEEPING = {"created", "updated", "version", "translation_status", "outdated_languages"}


@cache
def _compared_fields(model):
    """The fields whose values an import sets, in the order the model declares them (a translation at its field)."""
    translated = {field.translated_field.name for field in model._meta.concrete_fields
                  if isinstance(field, TranslationField)}
    fields = [
        field for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in translated and field.name not in BOOKKEEPING
    ]

    def declared(field):
        return (field.translated_field if isinstance(field, TranslationField) else field).creation_counter

    return sorted(fields, key=declared)


def _display(field, value, related=None):
    """A value as an editor reads it: a choice by its label in the active language, a date as YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        return str(related if related is not None else field.related_model._base_manager.filter(pk=value).first())
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def field_changes(obj, before, key=()):
    """The FieldChanges filling ``obj`` made: against the snapshot ``before``, or, for a new
    record (``before`` None), every field it is created with except those of its ``key``."""
    changes = []
    for field in _compared_fields(type(obj)):
        new = getattr(obj, field.attname)
        if before is None:
            if field.name in key or new is None or new == "":
                continue
            old = None
        else:
            old = before[field.attname]
            if old == new:
                continue
        related = getattr(obj, field.name) if field.is_relation and new is not None else None
        language = field.language if isinstance(field, TranslationField) else None
        changes.append(FieldChange(
            field.name, str(field_label(field)), language, _display(field, old), _display(field, new, related)
        ))
    return changes


def list_change(model, name, old, new):
    """The change of a many-to-many field: the related records by English name (or slug), in order."""

    def shown(records):
        return ", ".join(value_in(item, "name", "en")[0] or item.slug for item in records)

    return FieldChange(name, str(field_label(model._meta.get_field(name))), "en", shown(old), shown(new))


class Report:
    OUTCOMES = ("created", "updated", "unchanged", "skipped")

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.counts = {}
        self.created = []
        self.skipped = []
        self.outcomes = {}  # (kind, name) -> outcome
        self.changes = {}  # (kind, name) -> [FieldChange] for each record created or updated

    def add(self, kind, outcome, name=None, changes=()):
        self.counts.setdefault(kind, Counter())[outcome] += 1
        self.outcomes[(kind, name)] = outcome
        if changes:
            self.changes[(kind, name)] = list(changes)
        if outcome == "created":
            self.created.append((kind, name))

    def skip(self, kind, name, reason):
        self.add(kind, "skipped", name)
        self.skipped.append((kind, name, reason))

    def outcome(self, kind, name):
        """"created", "updated", "unchanged" or "skipped" for the record (see loading.record_name)."""
        return self.outcomes.get((kind, name))

    def changes_of(self, kind, name):
        return self.changes.get((kind, name), [])

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

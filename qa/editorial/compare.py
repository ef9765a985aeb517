"""Comparing two versions of an object: field by field, each language apart, word or character diffs."""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

from qa.languages import CJK, field_label

# Bookkeeping fields that change on every save and say nothing about the content.
UNCOMPARED_FIELDS = {"id", "version", "created", "updated", "translation_status", "outdated_languages"}


@dataclass(frozen=True)
class FieldChange:
    """One field of one object as an editor reads it before and after: between two versions,
    or what an import changes (``old`` is "" for a new record).

    ``name`` is the model field ("title_en", "published", "authors"); ``language``
    the language of the text, or ""/None for a date, a choice or a number.
    """

    name: str
    label: str
    language: str
    old: str
    new: str

    @property
    def diff(self):
        return text_diff(self.old, self.new)

    @property
    def old_paragraphs(self):
        return self.old.split("\n\n") if self.old else []

    @property
    def is_english_text(self):
        """Text in English (shown with lang="en"), not a label in the editor's language."""
        return self.language == "en"


def compared_fields(model):
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    for field in model._meta.concrete_fields + model._meta.many_to_many:
        if field.name in UNCOMPARED_FIELDS or field.name in translated:
            continue
        if isinstance(field, models.ManyToManyField) and not field.remote_field.through._meta.auto_created:
            continue
        yield field


def compare(older, newer):
    """Field by field changes from one version of an object to another, each language apart."""
    model = older._model
    old_values, new_values = older.field_dict, newer.field_dict
    fields = [f for f in compared_fields(model) if old_values.get(f.attname) != new_values.get(f.attname)]
    labels = _ValueLabels(fields, [old_values, new_values])
    changes = [
        FieldChange(
            name=field.name,
            label=field_label(field),
            language=getattr(field, "language", ""),
            old=labels.text(field, old_values.get(field.attname)),
            new=labels.text(field, new_values.get(field.attname)),
        )
        for field in fields
    ]
    for name in reversion.revisions._get_options(model).follow:
        old, new = _related_text(older, name), _related_text(newer, name)
        if old != new:
            relation = model._meta.get_field(name)
            label = capfirst(relation.related_model._meta.verbose_name_plural)
            changes.append(FieldChange(name=name, label=label, language="", old=old, new=new))
    return changes


class _ValueLabels:
    """Shows related objects and choices by name, fetching each related model once."""

    def __init__(self, fields, value_dicts):
        self.objects = {}
        for field in fields:
            if not field.is_relation:
                continue
            pks = set()
            for values in value_dicts:
                value = values.get(field.attname)
                pks.update(value if isinstance(value, (list, tuple)) else [value])
            pks.discard(None)
            model = field.related_model
            self.objects.setdefault(model, {}).update(model._base_manager.in_bulk(pks))

    def one(self, field, value):
        if value is None or value == "":
            return ""
        if field.is_relation:
            obj = self.objects.get(field.related_model, {}).get(value)
            return str(obj) if obj is not None else f"#{value}"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "✓" if value else "✗"
        return str(value)

    def text(self, field, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(sorted(self.one(field, item) for item in value))
        return self.one(field, value)


def _related_text(version, relation_name):
    """The rows a version follows (a question's byline, a programme's pairings) as lines of text."""
    relation = version._model._meta.get_field(relation_name)
    related_model, fk_name = relation.related_model, relation.field.attname
    rows = [
        related.field_dict
        for related in Version.objects.get_for_model(related_model).filter(revision_id=version.revision_id)
        if str(related.field_dict.get(fk_name)) == str(version.object_id)
    ]
    fields = [f for f in compared_fields(related_model) if f.attname != fk_name]
    labels = _ValueLabels(fields, rows)
    lines = []
    for row in rows:
        parts = [(field_label(f), labels.text(f, row.get(f.attname))) for f in fields]
        lines.append("; ".join(f"{label}: {text}" for label, text in parts if text))
    return "\n".join(sorted(lines))


TOKEN = re.compile(f"[^\\W{CJK}]+|\\s+|.", re.DOTALL)


def _tokens(text):
    """Words for alphabetic text, single characters for Chinese (which has no spaces)."""
    return TOKEN.findall(text)


def _marked(tokens, tag):
    text = "".join(tokens)
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def _token_diff(old, new):
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_tokens[i1:i2])))
        else:
            parts.append(_marked(old_tokens[i1:i2], "del"))
            parts.append(_marked(new_tokens[j1:j2], "ins"))
    return "".join(parts)


def text_diff(old, new):
    """HTML (escaped) marking deletions with <del> and insertions with <ins>:
    lines first, then words within changed lines."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_block, new_block = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            parts.append(escape(old_block))
        elif op == "replace":
            parts.append(_token_diff(old_block, new_block))
        else:
            parts.append(_marked([old_block], "del") + _marked([new_block], "ins"))
    return mark_safe("".join(parts))

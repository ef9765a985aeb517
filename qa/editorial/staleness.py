"""Translation status: which version of its source text each translated field was made from.

Each tracked object keeps, in its own row (so every revision, restore and undo
carries it with the text), ``translation_status``::

    {"zh-hans": {"body": {"source": "<digest of the English body translated>",
                          "revised": "2026-03-05T10:00:00+00:00"}}}

per target language and field: the digest of the source text the translation
was made from and when the source last changed. The source language is a
question's ``original_language``; for other models the setting
``HUB_TRANSLATION_SOURCE_LANGUAGE`` (default "en"). Every other stored
language is a target. A field in a target language is

- ``missing`` when its translation is empty (and the source is not),
- ``outdated`` when the source has changed since the translation was made,
- ``current`` otherwise.

Every writer goes through one rule (``track``, a ``pre_save`` hook): a save that
changes a translation makes it current (against the source the translator saw,
when a form says which); a save that changes the source and leaves the
translation alone makes it outdated. ``mark_current`` is an editor's "it still
says the same". ``outdated_languages`` repeats which targets have an outdated
field ("|zh-hans|") so lists filter on it in SQL on SQLite and PostgreSQL alike.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from qa.languages import STORED_LANGUAGES, localized_name

MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"
# Translated fields that are not translations of a text: a slug is made from the title.
UNTRACKED_FIELDS = {"slug"}


class TranslationTracked(models.Model):
    translation_status = models.JSONField(_("translation status"), default=dict, blank=True, editable=False)
    outdated_languages = models.CharField(
        _("outdated translations"), max_length=40, blank=True, default="", editable=False, db_index=True
    )

    class Meta:
        abstract = True


def digest(text):
    """A short fingerprint of a source text: equal texts, equal digests."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:20]


def tracked_fields(model):
    """The translated fields of a model whose translations are tracked, in declaration order."""
    try:
        fields = set(translator.get_options_for_model(model).fields) - UNTRACKED_FIELDS
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.concrete_fields if field.name in fields)


def source_language(obj):
    """The language an object's texts are written in and translated from."""
    language = getattr(obj, "original_language", "") or settings.HUB_TRANSLATION_SOURCE_LANGUAGE
    if language not in STORED_LANGUAGES:
        raise ImproperlyConfigured(f"HUB_TRANSLATION_SOURCE_LANGUAGE must be one of {STORED_LANGUAGES}: {language!r}")
    return language


def target_languages(obj):
    source = source_language(obj)
    return [code for code in STORED_LANGUAGES if code != source]


def _text(obj, field, language):
    return getattr(obj, localized_name(field, language)) or ""


def _entry(obj, field, language):
    status = obj.translation_status if isinstance(obj.translation_status, dict) else {}
    entry = (status.get(language) or {}).get(field)
    return entry if isinstance(entry, dict) else None


def field_status(obj, field, language):
    """ "missing", "outdated" or "current": the translation of ``field`` in ``language``
    (a stored target language; the source language itself is always current)."""
    if language == source_language(obj):
        return CURRENT
    source, translation = _text(obj, field, source_language(obj)), _text(obj, field, language)
    if not translation:
        return MISSING if source else CURRENT
    entry = _entry(obj, field, language)
    if entry is not None and entry.get("source") != digest(source):
        return OUTDATED
    return CURRENT


def statuses(obj, language):
    """{field: status} for every tracked field of ``obj`` in one target language."""
    return {field: field_status(obj, field, language) for field in tracked_fields(type(obj))}


def outdated_fields(obj, language):
    return [field for field in tracked_fields(type(obj)) if field_status(obj, field, language) == OUTDATED]


def outdated_status(obj):
    """The status entries of the outdated translations only: every other translation is current against
    its source as stored, which is what a save without a status makes of it (the bundle keeps these)."""
    status = {}
    for language in target_languages(obj):
        entries = {field: _entry(obj, field, language) for field in outdated_fields(obj, language)}
        if entries:
            status[language] = entries
    return status


def missing_fields(obj, language):
    """Tracked fields empty in ``language`` while another language has the text (the source too may lack one)."""
    others = [code for code in STORED_LANGUAGES if code != language]
    return [
        field
        for field in tracked_fields(type(obj))
        if not _text(obj, field, language) and any(_text(obj, field, code) for code in others)
    ]


def source_revised(obj, field, language):
    """When the source of an outdated translation last changed (an aware datetime), else None."""
    entry = _entry(obj, field, language)
    return parse_datetime(entry.get("revised") or "") if entry else None


def latest_revision(obj, language, fields=None):
    """The latest source change among the outdated fields of ``obj`` in ``language`` (None if none)."""
    fields = tracked_fields(type(obj)) if fields is None else fields
    dates = [source_revised(obj, f, language) for f in fields if field_status(obj, f, language) == OUTDATED]
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


def outdated_filter(language):
    """The rows with an outdated translation in ``language``: ``Model.objects.filter(outdated_filter("en"))``."""
    return models.Q(outdated_languages__contains=f"|{language}|")


def _denormalise(obj):
    codes = [code for code in target_languages(obj) if outdated_fields(obj, code)]
    obj.outdated_languages = f"|{'|'.join(codes)}|" if codes else ""


def _set(obj, language, field, entry):
    status = obj.translation_status if isinstance(obj.translation_status, dict) else {}
    fields = dict(status.get(language) or {})
    if entry is None:
        fields.pop(field, None)
    else:
        fields[field] = entry
    obj.translation_status = {**status, language: fields}
    if not fields:
        obj.translation_status.pop(language)


def seen_sources(obj):
    """{"zh-hans": {"body": digest}}: the source texts as shown now, for a form to send back with a translation."""
    source = source_language(obj)
    return {
        language: {field: digest(_text(obj, field, source)) for field in tracked_fields(type(obj))}
        for language in target_languages(obj)
    }


def track(sender, instance, raw=False, **kwargs):
    """pre_save of every tracked model, from every writer but a raw save (a restore brings its own status).

    A writer may set ``instance.translated_from`` ({language: {field: digest}}: the source texts the
    translator saw, from the form) or ``instance.given_translation_status`` (a bundle's own status)."""
    if raw or not isinstance(instance, TranslationTracked):
        return
    given = instance.__dict__.pop("given_translation_status", None)
    if given is not None:
        instance.translation_status = given
        _denormalise(instance)
        return
    fields = tracked_fields(sender)
    source = source_language(instance)
    names = [localized_name(field, code) for field in fields for code in STORED_LANGUAGES]
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    seen = instance.__dict__.pop("translated_from", None) or {}
    now = timezone.now().isoformat()
    for language in set(instance.translation_status or {}) - set(target_languages(instance)):
        instance.translation_status.pop(language)  # the original language changed: it is no translation now
    for language in target_languages(instance):
        for field in fields:
            text, translation = _text(instance, field, source), _text(instance, field, language)
            if not translation:
                _set(instance, language, field, None)
                continue
            entry = _entry(instance, field, language)
            old_source = (stored or {}).get(localized_name(field, source)) or ""
            old_translation = (stored or {}).get(localized_name(field, language)) or ""
            if stored is None or translation != old_translation:
                made_from = (seen.get(language) or {}).get(field) or digest(text)
                revised = (entry or {}).get("revised") or now
                _set(instance, language, field, {"source": made_from, "revised": revised})
            elif text != old_source:
                made_from = (entry or {}).get("source") or digest(old_source)
                _set(instance, language, field, {"source": made_from, "revised": now})
    _denormalise(instance)


def mark_current(obj, field, language):
    """An editor's word that the translation still says what the source says now (the caller saves)."""
    made_from = digest(_text(obj, field, source_language(obj)))
    _set(obj, language, field, {"source": made_from, "revised": timezone.now().isoformat()})
    _denormalise(obj)
    obj.given_translation_status = obj.translation_status

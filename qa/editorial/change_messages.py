"""History comments that every editor reads in their own language.

Django's admin words a change message with the form's labels in the saver's
language ("Changed Title [zh-hans]"), and django-reversion keeps that text.
Here the message is stored as Django's JSON with the labels in English, and
shown with each label in the reader's language ("Chinese title", 中文标题).
Other writers (the publish actions, imports, undo, a restore) keep theirs the
same way, as an English message and its values (``said``).
"""

import copy
import functools
import json

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import construct_change_message
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from qa.languages import field_label
from qa.typography import separator


def editors_changes(form):
    """``form`` naming only the fields the editor changed, read in the editor's language.

    Whether a field changed is read before the labels are put into English, as Django's
    ``construct_change_message`` warns: a date the Chinese admin shows as 2020/03/01 is no
    date to English input formats, so it would always count as changed. Hidden fields are
    the form's bookkeeping (the edit version, the sources a translation was made from),
    never an editor's change.
    """
    shown = copy.copy(form)
    shown.changed_data = [name for name in form.changed_data if not form[name].is_hidden]
    return shown


def language_neutral(form, formsets, add):
    """The change message of an admin save, labels and names in English, as JSON text."""
    form = editors_changes(form)
    with translation.override("en"):
        return json.dumps(construct_change_message(form, formsets, add))


@functools.cache
def _fields_by_english_label():
    with translation.override("en"):
        return {
            str(field_label(field)): field
            for model in apps.get_app_config("qa").get_models()
            for field in model._meta.fields
        }


def _shown(label):
    field = _fields_by_english_label().get(label)
    return str(field_label(field)) if field is not None else gettext(label)


def said(message, words=(), **values):
    """A revision comment worded in each reader's language: ``message`` a msgid (marked with gettext_noop where
    it is written), ``values`` its values, plain (a number, a file name) or, for the names in ``words``, msgids
    too ("published"); a value named ``comment`` is another comment, a ``moment`` an ISO 8601 time."""
    return json.dumps([{"said": message, "with": values, "words": list(words)}])


def _worded(part):
    values = {}
    for name, value in part.get("with", {}).items():
        if name == "comment":
            value = readable(value)
        elif name == "moment":
            moment = parse_datetime(value) if isinstance(value, str) else None
            value = formats.localize(timezone.localtime(moment)) if moment and moment.tzinfo else value
        elif name in part.get("words", ()):
            value = gettext(value)
        values[name] = value
    try:
        return gettext(part["said"]) % values
    except (KeyError, TypeError, ValueError):
        return str(part["said"])


def readable(comment):
    """A revision's comment in the active language: an admin change message, or an importer's English text."""
    try:
        message = json.loads(comment)
    except (TypeError, ValueError):
        return gettext(comment) if comment else ""
    if not isinstance(message, list):
        return comment
    if message and all(isinstance(part, dict) and isinstance(part.get("said"), str) for part in message):
        return separator(translation.get_language()).join(_worded(part) for part in message)
    marked = [part["marked_current"] for part in message if isinstance(part, dict) and "marked_current" in part]
    if marked and isinstance(marked[0], dict) and isinstance(marked[0].get("fields"), list):
        fields = gettext(", ").join(_shown(str(label)) for label in marked[0]["fields"])
        return gettext("Marked %(fields)s as up to date with the original.") % {"fields": fields}
    for part in message:
        for details in part.values() if isinstance(part, dict) else ():
            if isinstance(details, dict) and isinstance(details.get("fields"), list):
                details["fields"] = [_shown(label) for label in details["fields"]]
    return LogEntry(change_message=json.dumps(message)).get_change_message()

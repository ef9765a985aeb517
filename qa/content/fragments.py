"""Fragments of reader pages rendered once per content they show, not once per request.

A fragment is kept in a ``ContentMemo`` under a digest of everything it is
rendered from: the active language and script prefix, every stored column of
the rows it shows, as loaded for this request, and what the clock decides
(whether a question is published or still scheduled, read now). An edit,
an unpublish or a scheduled time passing thus changes the key, and the old
fragment is never read again; nothing has to be retired, so the fragments
survive the page cache's retirement on every save and work with any cache
backend (``dummy://`` too). Digesting the loaded rows costs far less than
rendering them through the template engine.
"""

import functools

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation

from qa.content.memo import ContentMemo

fragments = ContentMemo(budget=16_000_000)

# Long texts no listing shows: left out of an item's key so that digesting it stays cheap.
UNLISTED_PREFIXES = ("body",)


def row_state(obj, unlisted=()):
    """Every stored column of ``obj`` as loaded, as one text (those starting with ``unlisted`` left out).

    Each value is written with its length first, so no two different rows give the same text.
    """
    loaded = vars(obj)  # the columns as read, not through modeltranslation's fallback descriptors
    values = (loaded[name] if name in loaded else getattr(obj, name) for name in stored_columns(type(obj), unlisted))
    texts = (value if type(value) is str else repr(value) for value in values)
    return obj._meta.label + "".join(f"|{len(text)}:{text}" for text in texts)


@functools.cache
def stored_columns(model, unlisted):
    return tuple(f.attname for f in model._meta.concrete_fields if not f.attname.startswith(unlisted))


def question_item(question, show_series):
    """One question of a listing (includes/question_item.html), rendered once per content and language."""
    inputs = [
        translation.get_language() or "",
        get_script_prefix(),
        f"series shown: {bool(show_series)}; published: {question.is_published}; scheduled: {question.is_scheduled}",
        row_state(question, UNLISTED_PREFIXES),
        row_state(question.series),
        "authors:",
        *(row_state(author) for author in question.byline),
        "topics:",
        *(row_state(topic) for topic in question.topics.all()),
    ]
    return fragments.get(lambda *_inputs: render_item(question, show_series), *inputs)


def render_item(question, show_series):
    return render_to_string("includes/question_item.html", {"question": question, "show_series": show_series})

"""Fragments of reader pages rendered once per content they show, not once per request.

A fragment is kept in a ``ContentMemo`` under a digest of everything it is
rendered from: the active language and script prefix (and the site's address,
for fragments with absolute links), every stored column of the rows it shows,
as loaded for this request, and what the clock decides
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
from qa.web.metadata import page_metadata

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
        *language_inputs(),
        f"series shown: {bool(show_series)}",
        clock_state(question),
        *question_inputs(question, UNLISTED_PREFIXES),
    ]
    return fragments.get(lambda *_inputs: render_item(question, show_series), *inputs)


def render_item(question, show_series):
    return render_to_string("includes/question_item.html", {"question": question, "show_series": show_series})


# What templates/includes/question_article.html is rendered from: nothing else of the page's context reaches it.
ARTICLE_CONTEXT = ("question", "shown_language", "previous", "next", "related", "citation", "working_paper_size")


def question_article(request, context):
    """The question page's article, rendered once per everything it shows (``ARTICLE_CONTEXT``), language,
    address and publication state.

    A reviewer's preview (``review_link`` in ``context``) shows the link's expiry and the question's
    unpublished state to the link's holder only: it is rendered each time and never kept.
    """
    shown = {name: context.get(name) for name in ARTICLE_CONTEXT}
    if context.get("review_link"):
        return render_article({**shown, "review_link": context["review_link"]})
    question = shown["question"]
    neighbours = [shown["previous"], shown["next"], *shown["related"]]
    inputs = [
        *page_inputs(request),
        clock_state(question),
        f"shown in: {shown['shown_language']}; working paper: {shown['working_paper_size'] or ''}",
        *question_inputs(question),
        "programmes:",
        *(row_state(programme) for programme in question.programmes.all()),
        "previous, next and related:",
        *(row_state(other, UNLISTED_PREFIXES) + row_state(other.series) if other else "none" for other in neighbours),
    ]
    return fragments.get(lambda *_inputs: render_article(shown), *inputs)


def article_meta(question, request):
    """A question's Open Graph, JSON-LD and Highwire tags (includes/article_meta.html), rendered once per content."""
    inputs = [*page_inputs(request), "meta:", *question_inputs(question, UNLISTED_PREFIXES)]
    return fragments.get(lambda *_inputs: render_meta(question, request), *inputs)


# What templates/includes/programme_pairings.html is rendered from: all of it follows from the programme, its
# pairs (with their regions) as loaded, and the order asked for.
PROGRAMME_CONTEXT = ("programme", "order", "groups", "counts", "diagram")


def programme_pairings(request, context):
    """A pairing page's figures, diagram and table, rendered once per programme, pairs, order and language."""
    programme, source = context["programme"], context["programme"].source_question
    inputs = [
        *page_inputs(request),
        f"order: {context['order']}",
        row_state(programme),
        "source:",
        *([clock_state(source), row_state(source, UNLISTED_PREFIXES), row_state(source.series)] if source else []),
        "pairs:",
        *(row_state(pair) + row_state(pair.supporter) + row_state(pair.supported) for pair in context["pairings"]),
    ]
    shown = {name: context.get(name) for name in PROGRAMME_CONTEXT}
    return fragments.get(lambda *_inputs: render_programme(shown), *inputs)


def language_inputs():
    """What every fragment depends on beside its rows: the active language and the script prefix."""
    return [translation.get_language() or "", get_script_prefix()]


def page_inputs(request):
    """The language inputs and the site's own address, for fragments with absolute links."""
    return [*language_inputs(), request.build_absolute_uri("/")]


def clock_state(question):
    """What the clock decides of a question, read now: a scheduled time passing changes it."""
    return f"published: {question.is_published}; scheduled: {question.is_scheduled}"


def question_inputs(question, unlisted=()):
    return [
        row_state(question, unlisted),
        row_state(question.series),
        "authors:",
        *(row_state(author) for author in question.byline),
        "topics:",
        *(row_state(topic) for topic in question.topics.all()),
    ]


def render_article(context):
    return render_to_string("includes/question_article.html", context)


def render_programme(context):
    return render_to_string("includes/programme_pairings.html", context)


def render_meta(question, request):
    return render_to_string("includes/article_meta.html", page_metadata(question, request))

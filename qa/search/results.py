"""Searching: one page of the questions matching a query, best first, each with its excerpt.

The index holds the stored languages (English, Simplified Chinese); a reader of
Traditional Chinese is shown the Simplified text converted (``in_script``), its
title and excerpt alike, with the matches still marked (``qa.search.highlight``).
"""

from dataclasses import dataclass

from qa.content.models import BODIES
from qa.languages import field_in, in_script, source_language
from qa.models import Question
from qa.search.backends import backend
from qa.search.highlight import Highlighter
from qa.search.query import Query, parse_query
from qa.search.text import plain_text
from qa.typography import join_text

PAGE_SIZE = 10
MAX_PAGE = 100_000
# Of a long body, the characters of Markdown rendered for an excerpt, and how far a match is looked for.
WINDOW = 2000
SCAN_LIMIT = 200_000


@dataclass
class Result:
    question: Question
    language: str  # the language the match (and snippet) is in
    shown_language: str  # the language the title is shown in
    snippet: str

    @property
    def title(self):
        return field_in(self.question, "title", self.shown_language)

    @property
    def matched_other_language(self):
        return self.language != self.shown_language


@dataclass
class Results:
    query: Query
    results: list
    count: int
    page: int

    @property
    def num_pages(self):
        return max(1, -(-self.count // PAGE_SIZE))

    @property
    def out_of_range(self):
        return self.count > 0 and not self.results

    @property
    def first_position(self):
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def previous_page(self):
        return self.page - 1 if 1 < self.page <= self.num_pages else None

    @property
    def next_page(self):
        return self.page + 1 if self.page < self.num_pages else None


def in_reader_script(code, language):
    """A stored language as a reader of ``language`` reads it: zh-hans is zh-hant on a Traditional page."""
    return language if code == source_language(language) else code


def body_window(body, highlighter, summary_matches):
    """The part of a body's Markdown an excerpt can come from: all of a short body, else a window.

    A long body (a 2 MB paper) is never rendered or stemmed whole for an
    excerpt: the first match is looked for in its Markdown, within its first
    ``SCAN_LIMIT`` characters, and only ``WINDOW`` characters around it are
    rendered (from the start of the line the window begins on, when that is
    near). Without a match there (the summary matched, or only a title or
    author name), the excerpt comes from the body's beginning.
    """
    if len(body) <= 2 * WINDOW:
        return body
    position = None if summary_matches else highlighter.first_match(body, SCAN_LIMIT)
    if position is None:
        return body[:WINDOW] + "…"
    start = max(0, position - WINDOW // 3)
    line = body.find("\n", start, position)
    start = line + 1 if line >= 0 else start
    end = min(len(body), start + WINDOW)
    return ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")


def excerpt_text(question, language, highlighter):
    """The summary and body of a question in ``language`` (a long body's window), as plain text joined as that
    language joins them."""
    stored = source_language(language)
    summary = field_in(question, "summary", stored)
    window = body_window(field_in(question, "body", stored), highlighter, bool(highlighter.spans(summary)))
    return in_script(join_text([summary, plain_text(window)], language), language)


def found_questions(pks):
    """The published questions of a results page by pk, for showing only: their bodies cut at ``SCAN_LIMIT``
    characters in the database, so a 2 MB body is never read whole."""
    found = Question.objects.published().select_related("series").with_body_heads(SCAN_LIMIT).in_bulk(pks)
    for question in found.values():
        for name in BODIES:
            setattr(question, name, getattr(question, f"head_of_{name}"))
    return found


def search(raw_query, language, page=1):
    """One page of published questions matching the query, best first."""
    query = parse_query(raw_query)
    page = max(1, page)
    if not query:
        return Results(query=query, results=[], count=0, page=page)
    engine = backend()
    rows, count = engine.search(query, PAGE_SIZE, (min(page, MAX_PAGE) - 1) * PAGE_SIZE)
    if page > MAX_PAGE:  # the offset the database sees stays bounded; the page asked for is named, empty
        rows = []
    found = found_questions([pk for pk, _in_title in rows])
    questions = [found[pk] for pk, _in_title in rows if pk in found]
    matched = {}
    if questions:
        for pk, code in engine.matched_languages(query, questions):
            matched.setdefault(pk, set()).add(code)
    highlighter = Highlighter(query, engine.stemmer)
    results = []
    for question in questions:
        pk = question.pk
        shown = in_reader_script(question.shown_language(language), language)
        languages = {in_reader_script(code, language) for code in matched.get(pk, ())}
        # A match across both languages, or in author names only, is shown in the reader's language.
        match_language = shown if shown in languages or not languages else sorted(languages)[0]
        snippet = highlighter.snippet(excerpt_text(question, match_language, highlighter), match_language)
        results.append(Result(question, match_language, shown, snippet))
    return Results(query=query, results=results, count=count, page=page)

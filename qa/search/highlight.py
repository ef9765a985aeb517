"""Excerpts: the text around a result's first match, escaped, with the query's words in <mark>.

Matches are found in the text's Simplified shadow (``qa.search.scripts``) and
marked in the text itself, so a Traditional page marks 對口支援 for the query
对口支援 and the reverse; the text between the marks is escaped as it is, never
converted as HTML. An English excerpt starts and ends between words; a Chinese
one, written without spaces, at a clause boundary (after ，。；：！？、) found
within a bounded window, else at a match, so it never cuts a word such as 抗击
in half. A cut is marked with "…".
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from qa.languages import is_chinese_language
from qa.search.query import Term
from qa.search.scripts import shadow
from qa.search.text import stem

CLAUSE_ENDS = "，。；：！？、"
SENTENCE_ENDS = "。！？；"
# Closing quotes and brackets belong to the clause they end: 。」 stays together.
_CLOSING = "”’」』）》〉】"


def _chinese_bounds(text, spans, width):
    """(start, end) of a Chinese excerpt: from a clause boundary before the first match to one after it.

    The start is looked for in the half excerpt before the match (the earliest
    boundary there, for the most context), else the excerpt starts at the match;
    the end is the last sentence end (。！？；) in the second half of the excerpt, else its last
    clause boundary, else the next one within a third of a width beyond it, else the end of the
    last match inside it.
    """
    first, first_end = spans[0] if spans else (0, 0)
    start = 0
    if first > width // 2:
        window_start = first - width // 2
        boundary = next((i for i in range(window_start, first) if text[i] in CLAUSE_ENDS), None)
        start = boundary + 1 if boundary is not None else first
        while start < first and (text[start] in _CLOSING or text[start].isspace()):
            start += 1
    limit = max(start + width, first_end)
    if limit >= len(text):
        return start, len(text)
    backwards = range(limit - 1, max(start, first_end) - 1, -1)
    sentence = (i for i in backwards if i >= start + width // 2 and text[i] in SENTENCE_ENDS)
    clause = (i for i in backwards if text[i] in CLAUSE_ENDS)
    beyond = (i for i in range(limit, min(len(text), limit + width // 3)) if text[i] in CLAUSE_ENDS)
    cut = next(sentence, None)
    for candidates in (clause, beyond):
        if cut is None:
            cut = next(candidates, None)
    if cut is not None:
        end = cut + 1
        while end < len(text) and text[end] in _CLOSING:
            end += 1
        return start, end
    ends = [span_end for span_start, span_end in spans if span_start >= start and span_end <= limit]
    return start, ends[-1] if ends else limit


def _latin_bounds(text, spans, width):
    """(start, end) of an excerpt of spaced text: a third of a width before the first match, cut at spaces."""
    start = 0
    if spans and spans[0][0] > width // 3:
        start = spans[0][0] - width // 3
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


class Highlighter:
    """Marks the query's words in a text: Latin words by stem, CJK terms as written, in either script."""

    CHINESE_WIDTH = 90
    DEFAULT_WIDTH = 200
    # first_match converts this much at a time, each piece overlapping the next by a long term.
    CHUNK = 4096
    OVERLAP = 64

    def __init__(self, query, stemmer):
        self._algorithm = stemmer
        words = [word for term in query.terms if term.kind == Term.LATIN for word in term.text.split()]
        self.stems = {stem(stemmer, word) for word in words}
        # Stemming changes at most a word's last letter besides cutting its ending, so only
        # words starting with a stem less its last letter need stemming.
        prefixes = sorted({root[:-1] or root for root in self.stems}, key=len, reverse=True)
        self.prefixes = [prefix.lower() for prefix in prefixes]
        self.candidates = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, prefixes)) + r")[^\W_]*", re.IGNORECASE)
            if prefixes
            else None
        )
        cjk = sorted({term.text for term in query.terms if term.kind != Term.LATIN}, key=len, reverse=True)
        self.cjk = re.compile("|".join(map(re.escape, cjk))) if cjk else None

    def spans(self, text):
        """The (start, end) of each match in ``text``, merged where they touch, found in its Simplified shadow."""
        text = shadow(text)
        spans = []
        if self.candidates:
            spans += [match.span() for match in self.candidates.finditer(text) if self._is_match(match.group())]
        if self.cjk:
            spans += [m.span() for m in self.cjk.finditer(text)]
        merged = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def first_match(self, text, limit):
        """Where the first match in ``text[:limit]`` starts (None if none), without reading past it.

        Latin words are looked for in the text itself (the shadow changes only
        Chinese characters), stemming candidates until one matches; Chinese terms
        in the shadow of a few KB at a time, so a long text is not converted whole.
        """
        end = min(len(text), limit)
        found = []
        if self.candidates:
            latin = self._first_latin_match(text[:end])
            if latin is not None:
                found.append(latin)
        if self.cjk:
            for start in range(0, end, self.CHUNK):
                match = self.cjk.search(shadow(text[start : min(end, start + self.CHUNK + self.OVERLAP)]))
                if match:
                    found.append(start + match.start())
                    break
        return min(found, default=None)

    def _first_latin_match(self, text):
        """first_match for the Latin words: each stem's prefix found by ``str.find`` (many times faster than the
        regular expression over a long text), then checked at that place as ``spans`` checks it."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer, such as İ
            matches = self.candidates.finditer(text)
            return next((m.start() for m in matches if self._is_match(m.group())), None)
        best = None
        for prefix in self.prefixes:
            position = lowered.find(prefix)
            while position >= 0 and (best is None or position < best):
                match = self.candidates.match(text, position)
                if match and self._is_match(match.group()):
                    best = position
                    break
                position = lowered.find(prefix, position + 1)
        return best

    def _is_match(self, word):
        return stem(self._algorithm, word.lower()) in self.stems

    def snippet(self, text, language):
        """An escaped excerpt around the first match, with matches in <mark>."""
        spans = self.spans(text)
        if is_chinese_language(language):
            start, end = _chinese_bounds(text, spans, self.CHINESE_WIDTH)
        else:
            start, end = _latin_bounds(text, spans, self.DEFAULT_WIDTH)
        parts = ["…"] if start > 0 else []
        position = start
        for span_start, span_end in spans:
            if span_end <= start or span_start >= end:
                continue
            span_start, span_end = max(span_start, start), min(span_end, end)
            parts.append(escape(text[position:span_start]))
            parts.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
            position = span_end
        parts.append(escape(text[position:end]))
        if end < len(text):
            parts.append("…")
        return mark_safe("".join(parts))

"""Excerpts: the text around a result's first match, escaped, with the query's words in <mark>."""

import re

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

from qa.search.query import Term


class Highlighter:
    """Marks the query's words in a text: Latin words by stem, CJK terms as written."""

    WIDTH = {"zh-hans": 90}
    DEFAULT_WIDTH = 200

    def __init__(self, query, stemmer):
        self._stemmer = snowballstemmer.stemmer(stemmer)
        words = [word for term in query.terms if term.kind == Term.LATIN for word in term.text.split()]
        self.stems = set(self._stemmer.stemWords(words))
        # Stemming changes at most a word's last letter besides cutting its ending, so only
        # words starting with a stem less its last letter need stemming.
        prefixes = sorted({stem[:-1] or stem for stem in self.stems}, key=len, reverse=True)
        self.candidates = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, prefixes)) + r")[^\W_]*", re.IGNORECASE)
            if prefixes
            else None
        )
        cjk = sorted({term.text for term in query.terms if term.kind != Term.LATIN}, key=len, reverse=True)
        self.cjk = re.compile("|".join(map(re.escape, cjk))) if cjk else None

    def spans(self, text):
        spans = []
        if self.candidates:
            for match in self.candidates.finditer(text):
                if self._stemmer.stemWord(match.group().lower()) in self.stems:
                    spans.append(match.span())
        if self.cjk:
            spans += [m.span() for m in self.cjk.finditer(text)]
        merged = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def snippet(self, text, language):
        """An escaped excerpt around the first match, with matches in <mark>."""
        width = self.WIDTH.get(language, self.DEFAULT_WIDTH)
        spans = self.spans(text)
        start = 0
        if spans and spans[0][0] > width // 3:
            start = spans[0][0] - width // 3
            if language != "zh-hans":
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < spans[0][0] else start
        end = min(len(text), start + width)
        if language != "zh-hans" and end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
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

"""A reader's query, parsed into the terms that must all match, within fixed limits.

User input is never passed as query syntax: the query is cut to
``MAX_QUERY_LENGTH`` characters, stripped of control characters, split into
words, quoted phrases and CJK runs, and every term is rebuilt from letters and
digits only, so FTS5 operators (AND, OR, NOT, NEAR, ``*``, ``^``, ``column:``)
and tsquery operators are plain words to the backends. All terms must match.
A CJK term of two or more characters is the phrase of its bigrams; a single
CJK character is a prefix match on the bigram tokens (see ``qa.search.text``).
Terms are made Simplified, as the index is (``qa.search.scripts``): 對口支援 is
the term 对口支援; the query's ``text`` stays as the reader typed it.
"""

import re
from dataclasses import dataclass, field

from qa.languages import CJK
from qa.search.scripts import to_index

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32

# A query chunk: a "quoted phrase" or a run of non-space, non-quote characters.
_CHUNK = re.compile(r'"([^"]*)"|[^\s"]+')
# Letters and digits (no underscore, no punctuation), or a CJK run.
_SEGMENT = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Term:
    """One required part of a query: a Latin phrase, a CJK phrase, or a single CJK character."""

    LATIN = "latin"
    CJK = "cjk"
    CHARACTER = "character"

    kind: str
    text: str

    @property
    def tokens(self):
        """The text as the index holds it: Latin words, or CJK bigrams."""
        if self.kind == self.CJK:
            return " ".join(self.text[i : i + 2] for i in range(len(self.text) - 1))
        return self.text


@dataclass
class Query:
    text: str = ""
    terms: list = field(default_factory=list)
    truncated: bool = False

    def __bool__(self):
        return bool(self.terms)


def clean_query(raw):
    """The query as searched: no control characters or NULs, whitespace collapsed, cut at a word to the length cap."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY_LENGTH] else ""
    return (cut or text[:MAX_QUERY_LENGTH]).strip(), True


def words(text):
    """The Latin words of a text, lowercased, split as a query is: 'Xi'an' → ["xi", "an"]."""
    return [word.lower() for _cjk, word in _SEGMENT.findall(text) if word]


def cjk_runs(text):
    return [cjk for cjk, _word in _SEGMENT.findall(text) if cjk]


def parse_query(raw):
    """Every word, "quoted phrase" and CJK run of the query becomes a required term, in Simplified script."""
    text, truncated = clean_query(raw)
    terms = []
    for chunk in _CHUNK.finditer(to_index(text)):
        phrase = chunk.group(1) is not None
        latin_words = []
        for cjk, word in _SEGMENT.findall(chunk.group(1) if phrase else chunk.group(0)):
            if word and phrase:
                latin_words.append(word.lower())
                continue
            if latin_words:
                terms.append(Term(Term.LATIN, " ".join(latin_words)))
                latin_words = []
            if word:
                terms.append(Term(Term.LATIN, word.lower()))
            else:
                terms.append(Term(Term.CHARACTER if len(cjk) == 1 else Term.CJK, cjk))
        if latin_words:
            terms.append(Term(Term.LATIN, " ".join(latin_words)))
    unique = list(dict.fromkeys(terms))[:MAX_TERMS]
    return Query(text=text, terms=unique, truncated=truncated)

"""Bilingual full-text search over published questions.

Why Chinese is indexed as overlapping character bigrams
-------------------------------------------------------
Chinese is written without spaces, and none of the tokenizers at hand split it
into words:

* SQLite FTS5's default ``unicode61`` tokenizer treats a whole Chinese sentence
  as one token, so a search for 武汉 finds nothing unless 武汉 is the whole
  sentence;
* its ``trigram`` tokenizer cannot match words shorter than three characters,
  and most Chinese words (湖北, 口罩, 疫苗) have two;
* Debian ships no Chinese parser for PostgreSQL (no zhparser, no pg_jieba).

So before indexing, every run of CJK characters becomes its overlapping
bigrams, as Lucene's CJK analyzer does: 湖北省 → 湖北 北省, plus the run's last
character on its own (省) so that every character starts at least one token.
A query of two or more characters becomes the phrase of its bigrams
(武汉市 → "武汉 汉市"), which matches exactly the texts containing that
string; a one-character query is a prefix match on the tokens (湖*), which finds
every text containing the character. Splitting runs at about 18 MB/s in plain
Python, with no dictionary to load and no word list to keep up to date; jieba
would give real words but loads its dictionary in about 0.5 s per process and
can split a name differently in the text and in the query, so a search would
miss text that contains the query.

English and other Latin text goes to the database's stemming tokenizer: FTS5's
``porter unicode61`` on SQLite, the ``english`` configuration on PostgreSQL,
while the Chinese bigrams use the ``simple`` configuration there (no stemming,
no stop words). So search is case-insensitive and "province" finds "provinces".

User input is never passed as query syntax: the query is cut to
``MAX_QUERY_LENGTH`` characters, stripped of control characters, split into
words, quoted phrases and CJK runs, and every term is rebuilt from letters and
digits only and quoted, so FTS5 operators (AND, OR, NOT, NEAR, ``*``, ``^``,
``column:``) are plain words to it. All terms must match.
"""

import html
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from qa.content.rendering import render_markdown
from qa.languages import CJK, LANGUAGE_CODES, field_in, localized_name
from qa.models import Authorship, Question, SearchEntry

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_TERMS = 32
MAX_PAGE = 100_000

_CJK_RUN = re.compile(f"[{CJK}]+")
# A query chunk: a "quoted phrase" or a run of non-space, non-quote characters.
_CHUNK = re.compile(r'"([^"]*)"|[^\s"]+')
# Letters and digits (no underscore, no punctuation), or a CJK run.
_SEGMENT = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- Text preparation -------------------------------------------------------


def cjk_bigrams(run):
    """湖北省 → ["湖北", "北省", "省"]; a single character stays as it is."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def split_scripts(text):
    """(Latin text with CJK runs blanked out, the CJK runs as space-separated bigrams)."""
    latin = _CJK_RUN.sub(" ", text)
    cjk = " ".join(token for run in _CJK_RUN.findall(text) for token in cjk_bigrams(run))
    return latin, cjk


def plain_text(markdown_text):
    return html.unescape(strip_tags(render_markdown(markdown_text))).strip()


# The indexed columns: each text field once per language, then author names.
LANGUAGE_FIELDS = ("title", "summary", "body")
COLUMNS = [localized_name(name, code) for name in LANGUAGE_FIELDS for code in LANGUAGE_CODES] + ["authors"]


def is_searchable(question):
    """Only published questions of the site's series are indexed, so only they are ever found."""
    return question.is_on_site


def document(question, authors):
    """The searchable text of a question, column by column (see COLUMNS)."""
    texts = {}
    for code in LANGUAGE_CODES:
        texts[localized_name("title", code)] = field_in(question, "title", code)
        texts[localized_name("summary", code)] = field_in(question, "summary", code)
        texts[localized_name("body", code)] = plain_text(field_in(question, "body", code))
    # Author names in every language, so a name finds its questions whatever language it is typed in.
    names = (field_in(author, "name", code) for author in authors for code in LANGUAGE_CODES)
    texts["authors"] = " · ".join(dict.fromkeys(name for name in names if name))
    return texts


# --- Query parsing ----------------------------------------------------------


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


def parse_query(raw):
    """Every word, "quoted phrase" and CJK run of the query becomes a required term."""
    text, truncated = clean_query(raw)
    terms = []
    for chunk in _CHUNK.finditer(text):
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


# --- Backends ---------------------------------------------------------------


BM25_WEIGHTS = {"title": "10.0", "summary": "4.0", "body": "1.0", "authors": "4.0"}


class SQLiteBackend:
    """FTS5 virtual table ``qa_search_fts`` with rowid = question id (see migration 0005_search)."""

    stemmer = "porter"
    # bm25 weight of each column, in COLUMNS order.
    weights = ", ".join(BM25_WEIGHTS[column.split("_")[0]] for column in COLUMNS)

    def store(self, cursor, documents):
        columns = ", ".join(COLUMNS)
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        cursor.executemany(
            f"INSERT INTO qa_search_fts (rowid, {columns}) VALUES ({placeholders})",
            [(pk, *("\n".join(split_scripts(texts[name])) for name in COLUMNS)) for pk, texts in documents],
        )

    @staticmethod
    def _expression(query, columns=None):
        phrases = " AND ".join(
            f'"{term.tokens}" *' if term.kind == Term.CHARACTER else f'"{term.tokens}"' for term in query.terms
        )
        return f"{{{' '.join(columns)}}} : ({phrases})" if columns else phrases

    def search(self, cursor, query, limit, offset):
        """([(question id, matched in a title)], total) for one page, best first."""
        titles = [localized_name("title", code) for code in LANGUAGE_CODES]
        cursor.execute(
            f"""
            SELECT rowid, rowid IN (SELECT rowid FROM qa_search_fts WHERE qa_search_fts MATCH %s) AS in_title
            FROM qa_search_fts WHERE qa_search_fts MATCH %s
            ORDER BY in_title DESC, bm25(qa_search_fts, {self.weights}), rowid
            LIMIT %s OFFSET %s
            """,
            [self._expression(query, titles), self._expression(query), limit, offset],
        )
        rows = cursor.fetchall()
        if offset == 0 and len(rows) < limit:
            return rows, len(rows)
        cursor.execute("SELECT COUNT(*) FROM qa_search_fts WHERE qa_search_fts MATCH %s", [self._expression(query)])
        return rows, cursor.fetchone()[0]

    def matched_languages(self, cursor, query, questions):
        """[(question id, language)] where that language's own text matches the whole query."""
        ids = [question.pk for question in questions]
        selects, params = [], []
        for code in LANGUAGE_CODES:
            columns = [localized_name(name, code) for name in LANGUAGE_FIELDS]
            placeholders = ", ".join(["%s"] * len(ids))
            selects.append(
                f"SELECT rowid, %s FROM qa_search_fts WHERE qa_search_fts MATCH %s AND rowid IN ({placeholders})"
            )
            params += [code, self._expression(query, columns), *ids]
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()

    def after_rebuild(self, cursor):
        cursor.execute("INSERT INTO qa_search_fts (qa_search_fts) VALUES ('optimize')")

    def size(self, cursor):
        cursor.execute("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'qa_search%%'")
        return cursor.fetchone()[0]


class PostgreSQLBackend:
    """tsvector columns on qa_searchentry (see migration 0005_search).

    ``document`` holds all the text, GIN-indexed, weighted: titles A, summaries
    B, author names C, bodies D. ``title_document`` holds the titles again:
    small enough to stay in the row, it tells a title match without reading
    ``document`` (stored out of line) a second time.
    """

    stemmer = "english"
    _WEIGHTS = {"title": "A", "summary": "B", "body": "D"}

    def store(self, cursor, documents):
        weights = {localized_name(name, code): self._WEIGHTS[name] for name in LANGUAGE_FIELDS for code in LANGUAGE_CODES}
        weights["authors"] = "C"
        vector = " || ".join(
            f"setweight(to_tsvector('english', %s) || to_tsvector('simple', %s), '{weights[name]}')" for name in COLUMNS
        )
        cursor.executemany(
            f"UPDATE qa_searchentry SET document = v.document, title_document = ts_filter(v.document, '{{a}}') "
            f"FROM (SELECT {vector} AS document) v WHERE question_id = %s",
            [(*(part for name in COLUMNS for part in split_scripts(texts[name])), pk) for pk, texts in documents],
        )

    @staticmethod
    def _tsquery(query):
        parts, params = [], []
        for term in query.terms:
            if term.kind == Term.CHARACTER:
                parts.append("to_tsquery('simple', %s)")
                params.append(f"'{term.text}':*")
            else:
                parts.append(f"phraseto_tsquery('{'english' if term.kind == Term.LATIN else 'simple'}', %s)")
                params.append(term.tokens)
        return " && ".join(parts), params

    def search(self, cursor, query, limit, offset):
        # The tsquery is written out where it is used, so the planner sees it and uses the GIN index.
        tsquery, params = self._tsquery(query)
        cursor.execute(
            f"""
            SELECT question_id, title_document @@ ({tsquery}) AS in_title, COUNT(*) OVER ()
            FROM qa_searchentry
            WHERE document @@ ({tsquery})
            ORDER BY in_title DESC, ts_rank('{{0.1, 0.2, 0.4, 1.0}}', document, {tsquery}) DESC, question_id
            LIMIT %s OFFSET %s
            """,
            [*params, *params, *params, limit, offset],
        )
        rows = cursor.fetchall()
        if rows or offset == 0:
            return [row[:2] for row in rows], rows[0][2] if rows else 0
        cursor.execute(f"SELECT COUNT(*) FROM qa_searchentry WHERE document @@ ({tsquery})", params)
        return [], cursor.fetchone()[0]

    def after_rebuild(self, cursor):
        cursor.execute("ANALYZE qa_searchentry")

    def matched_languages(self, cursor, query, questions):
        """[(question id, language)] where that language's own text matches the whole query.

        Computed from the text, for the page's few results only, rather than
        stored as one more tsvector for every question.
        """
        tsquery, params = self._tsquery(query)
        values = []
        for question in questions:
            for code in LANGUAGE_CODES:
                text = "\n".join(field_in(question, name, code) for name in LANGUAGE_FIELDS)
                values += [question.pk, code, *split_scripts(text)]
        rows = ", ".join(["(%s::bigint, %s, %s, %s)"] * (len(values) // 4))
        cursor.execute(
            f"""
            SELECT v.pk, v.language FROM (VALUES {rows}) AS v(pk, language, latin, cjk), (SELECT {tsquery} AS q) query
            WHERE (to_tsvector('english', v.latin) || to_tsvector('simple', v.cjk)) @@ query.q
            """,
            [*values, *params],
        )
        return cursor.fetchall()

    def size(self, cursor):
        cursor.execute("SELECT pg_total_relation_size('qa_searchentry')")
        return cursor.fetchone()[0]


def backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()


# --- Indexing ---------------------------------------------------------------


@transaction.atomic
def index_questions(questions):
    """Replace the index entries of these questions (with series and authorships prefetched)."""
    questions = list(questions)
    SearchEntry.objects.filter(question__in=[question.pk for question in questions]).delete()
    documents = [
        (question.pk, document(question, [authorship.author for authorship in question.authorships.all()]))
        for question in questions
        if is_searchable(question)
    ]
    if not documents:
        return
    SearchEntry.objects.bulk_create([SearchEntry(question_id=pk) for pk, _texts in documents])
    with connection.cursor() as cursor:
        backend().store(cursor, documents)


def for_index(questions):
    return questions.select_related("series").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
    )


_deferred = threading.local()


@contextmanager
def deferred_indexing(batch_size=500):
    """Inside the block, each question written is indexed once, as the block ends, in its transaction.

    An import saves a question, then its byline row by row: indexed on each
    save, every question would be indexed two or three times.
    """
    if getattr(_deferred, "pks", None) is not None:
        yield
        return
    _deferred.pks = set()
    try:
        yield
        pks = sorted(_deferred.pks)
    finally:
        _deferred.pks = None
    for start in range(0, len(pks), batch_size):
        index_questions(for_index(Question.objects.filter(pk__in=pks[start : start + batch_size])))


def reindex(pks):
    """Bring the index entries of these questions up to date, now or as a deferred block ends."""
    pks = set(pks)
    if getattr(_deferred, "pks", None) is not None:
        _deferred.pks |= pks
    elif pks:
        index_questions(for_index(Question.objects.filter(pk__in=pks)))


@transaction.atomic
def rebuild_index(batch_size=500):
    """Rebuild the whole index; returns the number of questions indexed."""
    SearchEntry.objects.all().delete()
    searchable = for_index(Question.objects.on_site().order_by("pk"))
    batch = []
    for question in searchable.iterator(chunk_size=batch_size):
        batch.append(question)
        if len(batch) == batch_size:
            index_questions(batch)
            batch = []
    index_questions(batch)
    with connection.cursor() as cursor:
        backend().after_rebuild(cursor)
    return SearchEntry.objects.count()


def index_size():
    with connection.cursor() as cursor:
        return backend().size(cursor)


# --- Searching --------------------------------------------------------------


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


def search(raw_query, language, page=1):
    """One page of published questions matching the query, best first."""
    query = parse_query(raw_query)
    page = min(max(1, page), MAX_PAGE)
    if not query:
        return Results(query=query, results=[], count=0, page=page)
    engine = backend()
    with connection.cursor() as cursor:
        rows, count = engine.search(cursor, query, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    found = Question.objects.published().select_related("series").in_bulk([pk for pk, _in_title in rows])
    questions = [found[pk] for pk, _in_title in rows if pk in found]
    matched = {}
    if questions:
        with connection.cursor() as cursor:
            for pk, code in engine.matched_languages(cursor, query, questions):
                matched.setdefault(pk, set()).add(code)
    highlighter = Highlighter(query, engine.stemmer)
    results = []
    for question in questions:
        pk = question.pk
        shown = question.shown_language(language)
        languages = matched.get(pk, ())
        # A match across both languages, or in author names only, is shown in the reader's language.
        match_language = shown if shown in languages or not languages else sorted(languages)[0]
        text = " ".join(
            part
            for part in (
                field_in(question, "summary", match_language),
                plain_text(field_in(question, "body", match_language)),
            )
            if part
        )
        results.append(Result(question, match_language, shown, highlighter.snippet(text, match_language)))
    return Results(query=query, results=results, count=count, page=page)


# --- Snippets ---------------------------------------------------------------


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

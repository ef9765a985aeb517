"""PostgreSQL: tsvectors in ``SearchDocument`` (qa.search.models), through django.contrib.postgres.search and SQL.

``document`` holds all the text of a question, GIN-indexed, weighted: titles
A, summaries B, author names C, bodies D. ``title_document`` holds the titles
again, GIN-indexed too: small, it finds the title matches (a search's first
tier) without reading ``document``, stored out of line; without its index that
tier read every title, 5–9 ms at 20,000 questions. Each column's text is split
by ``split_scripts``: the Latin part goes to ``to_tsvector('english')``, the
CJK bigrams to ``to_tsvector('simple')``. Titles come first in COLUMNS, so
``title_document`` holds the same lexemes at the same positions as the titles
in ``document``.
Each language's text is stored once more, unweighted, in its own column, so
which language a result matched in is a look-up, not a parse of the text:
sending the ten results' texts to ``to_tsvector`` at each search cost 46 ms
when one of them held 2 MB (bench/search.py).

The model is PostgreSQL only, rather than a column on SearchEntry: a tsvector
column and a GIN index cannot exist on SQLite, and SQLite's index is FTS5's own
table, so neither database carries the other's columns (migration 0010).

Storing and the look-ups beside a search are ORM: ``SearchVector`` to store,
``SearchQuery`` (phrase and raw) for the terms, the ``@@`` lookup on
``SearchVectorField``, ``SearchRank`` with the weights (``search_any``,
``matched_languages``). What is SQL:

* a search's page (``search``): one statement, ``_PAGE``, with the tsquery
  ``_tsquery`` builds (the same functions and configs, each term and config
  a parameter), returning the counts and the page's ids together, and
  ``SET LOCAL enable_seqscan = off`` in the same round trip. The ORM took
  two or three queries, five or six round trips (BEGIN, SET LOCAL, the
  counts, a tier or two, COMMIT) and about 2 ms of Python to build them; at
  20,000 questions the one statement took the query's p95 from 5.5–20.8 ms
  to 3.4–10.9 ms and its median from 3.3–5.1 to 1.8–2.9 ms (bench/search.py,
  docs/benchmarks.md). Sequential scans are
  discouraged because the planner does not count reading each row's
  out-of-line ``document``: for a term in most questions it chose to read
  the whole table, 160–200 ms at 20,000 questions, where the GIN index
  answers the same count in 7 ms;
* ``ANALYZE`` after a rebuild and ``pg_total_relation_size`` for the bench:
  maintenance statements the ORM has no form for;
* no ``SearchHeadline``: excerpts come from ``qa.search.highlight`` on both
  databases. ``ts_headline`` parses the original text, where a Chinese
  sentence is one token, so it cannot mark 湖北 inside it.
"""

import functools
import operator
import string

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value

from qa.languages import STORED_LANGUAGES, localized_name
from qa.models import Question
from qa.search.models import SearchDocument
from qa.search.query import Term
from qa.search.text import COLUMNS, LANGUAGE_FIELDS, split_scripts

_WEIGHTS = {"title": "A", "summary": "B", "body": "D", "authors": "C"}
# ts_rank's weights for D, C, B, A.
_RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
_TITLES = [localized_name("title", code) for code in STORED_LANGUAGES]


def _vector(text, weight=None):
    """A text's tsvector: its Latin words stemmed ('english'), its CJK bigrams as they are ('simple')."""
    latin, cjk = split_scripts(text)
    return SearchVector(Value(latin), config="english", weight=weight) + SearchVector(
        Value(cjk), config="simple", weight=weight
    )


def _document(texts, columns, weighted=True):
    return functools.reduce(
        operator.add, [_vector(texts[name], _WEIGHTS[name.split("_")[0]] if weighted else None) for name in columns]
    )


def _language_documents(texts):
    """{field: the language's own text as one unweighted tsvector}, for each stored language."""
    return {
        localized_name("language_document", code): _document(
            texts, [localized_name(name, code) for name in LANGUAGE_FIELDS], weighted=False
        )
        for code in STORED_LANGUAGES
    }


def _parts(terms):
    """(function, config, text) of each term's tsquery: Latin phrases stemmed, CJK phrases of bigrams, a single
    character as a prefix. The ORM's ``_tsquery`` and the SQL of ``search`` are both built from these."""
    for term in terms:
        if term.kind == Term.CHARACTER:
            # The character is CJK (qa.search.query lets nothing else through), so quoting it is safe.
            yield "to_tsquery", "simple", f"'{term.text}':*"
        else:
            yield "phraseto_tsquery", "english" if term.kind == Term.LATIN else "simple", term.tokens


def _tsquery(terms, combine=operator.and_):
    """All the terms (or any, with ``operator.or_``) as a ``SearchQuery``."""
    parts = [
        SearchQuery(text, config=config, search_type="raw" if function == "to_tsquery" else "phrase")
        for function, config, text in _parts(terms)
    ]
    return functools.reduce(combine, parts) if parts else None


def _tsquery_sql(terms):
    """(SQL, params) of all the terms: what ``_tsquery`` compiles to (each text and config a parameter), with
    its nested parentheses flattened."""
    parts, params = [], []
    for function, config, text in _parts(terms):
        parts.append(f"{function}(%s::regconfig, %s)")
        params += [config, text]
    return f"({' && '.join(parts)})", params


# One page of a search in one statement (``PostgreSQLBackend.search``). ``{q}`` is the tsquery, written out at each
# use (as the ORM did), so the planner sees its terms; ``{public}`` leaves out the scheduled questions. The tiers
# follow ``page_of_tiers``: a tier's ``WHERE`` holds a condition on the counts alone, which PostgreSQL tests once
# (a one-time filter) and, when it is false, never runs the tier, so a page scores only the tiers it reaches.
# The title matches are counted through their own index: testing ``title_document`` on each match instead took
# 15–35 % longer for a term in thousands of questions (``EXPLAIN ANALYZE``).
_PAGE = """WITH counts AS (
    SELECT (SELECT count(*) FROM qa_searchdocument WHERE document @@ {q} AND {public}) AS total,
        (SELECT count(*) FROM qa_searchdocument WHERE title_document @@ {q} AND {public}) AS in_titles
), titles AS (
    SELECT entry_id, ts_rank({weights}, document, {q}) AS rank FROM qa_searchdocument
    WHERE title_document @@ {q} AND {public} AND {offset} < (SELECT in_titles FROM counts)
    ORDER BY rank DESC, entry_id LIMIT {limit} OFFSET {offset}
), others AS (
    SELECT entry_id, ts_rank({weights}, document, {q}) AS rank FROM qa_searchdocument
    WHERE document @@ {q} AND NOT title_document @@ {q} AND {public}
        AND (SELECT in_titles < total AND in_titles < {offset} + {limit} AND {offset} < total FROM counts)
    ORDER BY rank DESC, entry_id
    LIMIT {limit} - (SELECT LEAST({limit}, GREATEST(0, in_titles - {offset})) FROM counts)
    OFFSET (SELECT GREATEST(0, {offset} - in_titles) FROM counts)
)
SELECT total, in_titles, entry_id, in_title FROM counts LEFT JOIN (
    SELECT entry_id, rank, true AS in_title FROM titles UNION ALL SELECT entry_id, rank, false FROM others
) page ON true
ORDER BY in_title DESC, rank DESC, entry_id"""
_PAGE_PARTS = [(literal, name) for literal, name, _spec, _conversion in string.Formatter().parse(_PAGE)]


def _page(query, limit, offset):
    """(SQL, params) of ``_PAGE`` for one page of a query: each ``{name}`` replaced by its SQL, its parameters
    in the order they stand."""
    scheduled, scheduled_params = Question.objects.time_to_come().values("pk").query.sql_with_params()
    fragments = {
        "q": _tsquery_sql(query.terms),
        "public": (f"entry_id NOT IN ({scheduled})", scheduled_params),
        "weights": ("%s::float4[]", [_RANK_WEIGHTS]),
        "limit": ("%s", [limit]),
        "offset": ("%s", [offset]),
    }
    sql, params = [], []
    for literal, name in _PAGE_PARTS:
        sql.append(literal)
        if name:
            fragment, fragment_params = fragments[name]
            sql.append(fragment)
            params += fragment_params
    return "".join(sql), params


class PostgreSQLBackend:
    stemmer = "english"

    def store(self, documents):
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    entry_id=pk,
                    document=_document(texts, COLUMNS),
                    title_document=_document(texts, _TITLES),
                    **_language_documents(texts),
                )
                for pk, texts in documents
            ],
            batch_size=500,  # 109 parameters a row, under PostgreSQL's 65,535 a statement
        )

    def search(self, query, limit, offset):
        """([(question id, matched in a title)], total) for one page, best first, without the
        scheduled questions (indexed, but not public until their time); see ``page_of_tiers``.

        One statement (``_PAGE``), with sequential scans discouraged (not forbidden: with no index to use, a
        table is still read): the planner does not count reading each row's out-of-line ``document``, so for a
        term in most questions it chose to read the whole table. ``SET LOCAL`` goes in the same round trip:
        outside a transaction, the two statements of one string run in one of their own; inside the caller's,
        in a savepoint whose rollback puts the setting back as it was (the search writes nothing)."""
        statements, params = _page(query, limit, offset)
        before = ["SET LOCAL enable_seqscan = off"]
        after = []
        if connection.in_atomic_block:
            before = ["SAVEPOINT qa_search", *before]
            after = ["ROLLBACK TO SAVEPOINT qa_search", "RELEASE SAVEPOINT qa_search"]
        with connection.cursor() as cursor:
            cursor.execute("; ".join([*before, statements, *after]), params)
            for _statement in before:
                cursor.nextset()
            rows = cursor.fetchall()
        return [(pk, in_title) for _total, _in_titles, pk, in_title in rows if pk is not None], rows[0][0]

    def search_any(self, terms, limit, exclude=()):
        """[question id] of the questions matching any of the terms, best first (related questions)."""
        if not terms:
            return []
        tsquery = _tsquery(terms, operator.or_)
        return list(
            SearchDocument.objects.filter(document=tsquery)
            .exclude(pk__in=exclude)
            .annotate(rank=SearchRank(F("document"), tsquery, weights=_RANK_WEIGHTS))
            .order_by("-rank", "pk")
            .values_list("pk", flat=True)[:limit]
        )

    def matched_languages(self, query, questions):
        """[(question id, language)] where that language's own text matches the whole query."""
        tsquery = _tsquery(query.terms)
        ids = [question.pk for question in questions]
        matches = [
            SearchDocument.objects.filter(pk__in=ids, **{localized_name("language_document", code): tsquery})
            .annotate(language=Value(code))
            .values_list("pk", "language")
            for code in STORED_LANGUAGES
        ]
        return list(matches[0].union(*matches[1:], all=True))

    def after_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE qa_searchdocument")

    def size(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('qa_searchentry') + pg_total_relation_size('qa_searchdocument')"
            )
            return cursor.fetchone()[0]

"""PostgreSQL: tsvectors in ``SearchDocument`` (qa.search.models), through django.contrib.postgres.search.

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

Everything that searches is ORM: ``SearchVector`` to store, ``SearchQuery``
(phrase and raw) for the terms, the ``@@`` lookup on ``SearchVectorField``,
``SearchRank`` with the weights, the counts in one ``aggregate``. The query is
written out where it is used, as it was in the raw SQL before, so the planner
sees it and uses the GIN index. Building the queryset costs about 2 ms of Python a
search more than the raw SQL did (bench/search.py). What stays SQL:

* ``ANALYZE`` after a rebuild and ``pg_total_relation_size`` for the bench:
  maintenance statements the ORM has no form for;
* ``enable_seqscan`` off while a search runs (``_through_the_index``): the
  planner does not count reading each row's out-of-line ``document``, so for
  a term in most questions it chose to read the whole table, 160–200 ms at
  20,000 questions, where the GIN index answers the same count in 7 ms;
* no ``SearchHeadline``: excerpts come from ``qa.search.highlight`` on both
  databases. ``ts_headline`` parses the original text, where a Chinese
  sentence is one token, so it cannot mark 湖北 inside it.
"""

import contextlib
import functools
import operator

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Count, F, Q, Value

from qa.languages import STORED_LANGUAGES, localized_name
from qa.models import Question
from qa.search.backends import page_of_tiers
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


def _tsquery(terms, combine=operator.and_):
    """All the terms (or any, with ``operator.or_``): Latin phrases stemmed, CJK phrases of bigrams, a single
    character as a prefix."""
    combined = None
    for term in terms:
        if term.kind == Term.CHARACTER:
            # The character is CJK (qa.search.query lets nothing else through), so quoting it is safe.
            part = SearchQuery(f"'{term.text}':*", config="simple", search_type="raw")
        else:
            config = "english" if term.kind == Term.LATIN else "simple"
            part = SearchQuery(term.tokens, config=config, search_type="phrase")
        combined = part if combined is None else combine(combined, part)
    return combined


@contextlib.contextmanager
def _through_the_index():
    """The queries inside planned with sequential scans discouraged (not forbidden: with no index to use, a
    table is still read). ``SET LOCAL`` ends with the transaction: the search's own, or else the caller's, for
    which the setting is put back as it was."""
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outer:
            cursor.execute("SELECT current_setting('enable_seqscan')")
            (before,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        if outer:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


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
        scheduled questions (indexed, but not public until their time); see ``page_of_tiers``."""
        with _through_the_index():
            return self._search(query, limit, offset)

    def _search(self, query, limit, offset):
        tsquery = _tsquery(query.terms)
        in_title = Q(title_document=tsquery)
        public = SearchDocument.objects.exclude(entry_id__in=Question.objects.time_to_come().values("pk"))
        matches = public.filter(document=tsquery)
        counts = matches.aggregate(total=Count("pk"), in_titles=Count("pk", filter=in_title))

        def ranked(title, limit, offset):
            # ``document`` holds the titles, so a title match is a match; testing the small ``title_document``
            # alone spares reading every other match's ``document`` from out of line.
            tier = public.filter(in_title) if title else matches.exclude(in_title)
            return list(
                tier.annotate(rank=SearchRank(F("document"), tsquery, weights=_RANK_WEIGHTS))
                .order_by("-rank", "pk")
                .values_list("pk", flat=True)[offset : offset + limit]
            )

        return page_of_tiers(limit, offset, (counts["total"], counts["in_titles"]), ranked)

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

"""SQLite: an FTS5 virtual table ``qa_search_fts``, rowid = question id (see migration 0005_search).

Django's ORM has no FTS5 support (no MATCH, no bm25), so this backend is raw
SQL; every user-typed term reaches it quoted by ``qa.search.query``.
"""

from django.db import connection

from qa.languages import STORED_LANGUAGES, localized_name
from qa.models import Question
from qa.search.query import Term
from qa.search.text import COLUMNS, LANGUAGE_FIELDS, split_scripts

BM25_WEIGHTS = {"title": "10.0", "summary": "4.0", "body": "1.0", "authors": "4.0"}


class SQLiteBackend:
    stemmer = "porter"
    # bm25 weight of each column, in COLUMNS order.
    weights = ", ".join(BM25_WEIGHTS[column.split("_")[0]] for column in COLUMNS)

    def store(self, documents):
        columns = ", ".join(COLUMNS)
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        with connection.cursor() as cursor:
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

    def search(self, query, limit, offset):
        """([(question id, matched in a title)], total) for one page, best first, without the
        scheduled questions (indexed, but not public until their time).

        The total comes with the page (``COUNT(*) OVER ()``): the matches are ranked once, not matched
        a second time to be counted; only a page past the last one needs a count of its own."""
        titles = [localized_name("title", code) for code in STORED_LANGUAGES]
        scheduled, scheduled_params = Question.objects.time_to_come().values("pk").query.sql_with_params()
        matches = f"qa_search_fts MATCH %s AND rowid NOT IN ({scheduled})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT rowid, in_title, COUNT(*) OVER () FROM (
                    SELECT rowid,
                        rowid IN (SELECT rowid FROM qa_search_fts WHERE qa_search_fts MATCH %s) AS in_title,
                        bm25(qa_search_fts, {self.weights}) AS score
                    FROM qa_search_fts WHERE {matches}
                )
                ORDER BY in_title DESC, score, rowid
                LIMIT %s OFFSET %s
                """,
                [self._expression(query, titles), self._expression(query), *scheduled_params, limit, offset],
            )
            rows = cursor.fetchall()
            if rows or offset == 0:
                return [row[:2] for row in rows], rows[0][2] if rows else 0
            cursor.execute(
                f"SELECT COUNT(*) FROM qa_search_fts WHERE {matches}", [self._expression(query), *scheduled_params]
            )
            return [], cursor.fetchone()[0]

    def search_any(self, terms, limit, exclude=()):
        """[question id] of the questions matching any of the terms, best first (related questions)."""
        if not terms:
            return []
        expression = " OR ".join(f'"{term.tokens}"' for term in terms)
        not_in = f"AND rowid NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT rowid FROM qa_search_fts WHERE qa_search_fts MATCH %s {not_in}
                ORDER BY bm25(qa_search_fts, {self.weights}), rowid LIMIT %s
                """,
                [expression, *exclude, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def matched_languages(self, query, questions):
        """[(question id, language)] where that language's own text matches the whole query."""
        ids = [question.pk for question in questions]
        selects, params = [], []
        for code in STORED_LANGUAGES:
            columns = [localized_name(name, code) for name in LANGUAGE_FIELDS]
            placeholders = ", ".join(["%s"] * len(ids))
            selects.append(
                f"SELECT rowid, %s FROM qa_search_fts WHERE qa_search_fts MATCH %s AND rowid IN ({placeholders})"
            )
            params += [code, self._expression(query, columns), *ids]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return cursor.fetchall()

    def after_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO qa_search_fts (qa_search_fts) VALUES ('optimize')")

    def size(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'qa_search%%'")
            return cursor.fetchone()[0]

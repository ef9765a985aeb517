"""SQLite: an FTS5 virtual table ``qa_search_fts``, rowid = question id (see migration 0005_search).

Django's ORM has no FTS5 support (no MATCH, no bm25), so this backend is raw
SQL; every user-typed term reaches it quoted by ``qa.search.query``.
"""

from django.db import connection

from qa.languages import STORED_LANGUAGES, localized_name
from qa.models import Question
from qa.search.backends import page_of_tiers
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
        scheduled questions (indexed, but not public until their time); see ``page_of_tiers``.

        A tier is scored in the cursor of the whole query's ``MATCH`` (bm25 scores the match of the
        whole query, not of the titles alone), the title matches picked out by a ``+rowid IN`` list,
        which SQLite checks row by row rather than handing to FTS5 as a lookup per row (100 times slower)."""
        titles = [localized_name("title", code) for code in STORED_LANGUAGES]
        scheduled, scheduled_params = Question.objects.time_to_come().values("pk").query.sql_with_params()
        everywhere, in_titles = self._expression(query), self._expression(query, titles)
        public = f"qa_search_fts MATCH %s AND rowid NOT IN ({scheduled})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM qa_search_fts WHERE {public}),"
                f" (SELECT COUNT(*) FROM qa_search_fts WHERE {public})",
                [everywhere, *scheduled_params, in_titles, *scheduled_params],
            )
            counts = cursor.fetchone()

            def ranked(in_title, limit, offset):
                cursor.execute(
                    f"""
                    SELECT rowid FROM qa_search_fts
                    WHERE {public} AND +rowid {"IN" if in_title else "NOT IN"}
                        (SELECT rowid FROM qa_search_fts WHERE qa_search_fts MATCH %s)
                    ORDER BY bm25(qa_search_fts, {self.weights}), rowid
                    LIMIT %s OFFSET %s
                    """,
                    [everywhere, *scheduled_params, in_titles, limit, offset],
                )
                return [row[0] for row in cursor.fetchall()]

            return page_of_tiers(limit, offset, counts, ranked)

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

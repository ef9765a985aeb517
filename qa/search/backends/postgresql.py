"""PostgreSQL: tsvector columns on qa_searchentry (see migration 0005_search).

``document`` holds all the text, GIN-indexed, weighted: titles A, summaries
B, author names C, bodies D. ``title_document`` holds the titles again:
small enough to stay in the row, it tells a title match without reading
``document`` (stored out of line) a second time.
"""

from qa.languages import LANGUAGE_CODES, field_in, localized_name
from qa.search.query import Term
from qa.search.text import COLUMNS, LANGUAGE_FIELDS, split_scripts


class PostgreSQLBackend:
    stemmer = "english"
    _WEIGHTS = {"title": "A", "summary": "B", "body": "D"}

    def store(self, cursor, documents):
        weights = {
            localized_name(name, code): self._WEIGHTS[name] for name in LANGUAGE_FIELDS for code in LANGUAGE_CODES
        }
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
        """([(question id, matched in a title)], total) for one page, best first."""
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

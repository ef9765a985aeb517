"""The database's own full-text engine behind one interface: FTS5 on SQLite, tsvector on PostgreSQL.

Each backend has ``stemmer`` (the Snowball stemmer its tokenizer matches, for
highlighting) and ``store``, ``search``, ``search_any`` (any of some terms, for
related questions), ``matched_languages``, ``after_rebuild`` and ``size``;
``backend()`` gives the one for the connection.
"""

from django.db import connection


def backend():
    if connection.vendor == "postgresql":
        from qa.search.backends.postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    from qa.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()


def page_of_tiers(limit, offset, counts, ranked):
    """([(question id, matched in a title)], total): one page of the matches, title matches first.

    A search's order is the questions matching in a title, then the rest, each
    tier by the engine's relevance (bm25, ``ts_rank``). Scoring is what costs:
    the engine reads every scored match's positions, about 1 µs a match in
    FTS5, so a word in 20,000 questions took 22 ms to rank whole. Counting is
    cheap, so the tiers are counted first (``counts``: the total and those in
    titles) and only the tiers this page reaches are scored, by
    ``ranked(in_title, limit, offset)``: the first page of a word in 200 titles
    and 6,000 questions scores 200. The order is the same as scoring them all.
    PostgreSQL's backend applies the same rule inside its one statement (``postgresql._PAGE``).
    """
    total, in_titles = counts
    rows = []
    if offset < in_titles:
        rows += [(pk, True) for pk in ranked(True, min(limit, in_titles - offset), offset)]
    if in_titles < total and in_titles < offset + limit and offset < total:
        rows += [(pk, False) for pk in ranked(False, limit - len(rows), max(0, offset - in_titles))]
    return rows, total

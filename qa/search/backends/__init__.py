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

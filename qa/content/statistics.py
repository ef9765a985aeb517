"""The database's statistics of the content's tables, refreshed after a change of many rows at once.

The planner chooses indexes from them. Without any (SQLite keeps none until
ANALYZE runs) it takes an equality on ``status`` for a selective one and reads
every published question, bodies and all, where a topic's questions were
asked for: a question page's related questions took 58 ms at 20,000 questions
instead of 7 (bench/scale.py). Bulk writes (a bundle imported or seeded, the
search index rebuilt, the scale builds of tests and bench) call
``refresh_statistics``; an editor's saves change proportions too little to
matter. ANALYZE reads the tables' indexes, not their rows: 0.1 s at 20,000
questions on SQLite.

On PostgreSQL, where autovacuum keeps statistics too, running it inside the
writing transaction also counts the rows not yet committed, which autovacuum
cannot see, and holds each table's lock until the end, so an autoanalyze
cannot record the tables as empty meanwhile (tests/test_scale.py's counts
once ran into the statement timeout that way).
"""

from django.db import connection

from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series, Topic


def content_tables():
    """The tables readers' pages join: the questions and what they are listed by, and the pairing tables."""
    models = (Author, Authorship, Pairing, Programme, Question, Region, Series, Topic)
    tables = {model._meta.db_table for model in models}
    tables |= {
        field.remote_field.through._meta.db_table for model in models for field in model._meta.local_many_to_many
    }
    return sorted(tables)


def refresh_statistics(tables=None):
    """ANALYZE ``tables`` (the content's, by default) in the current transaction."""
    with connection.cursor() as cursor:
        for table in tables or content_tables():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

"""The search index: SearchEntry, plus an FTS5 table (SQLite) or tsvector columns (PostgreSQL)."""

from django.db import migrations, models

SQLITE = [
    (
        "CREATE VIRTUAL TABLE qa_search_fts USING fts5("
        "title_en, title_zh_hans, summary_en, summary_zh_hans, body_en, body_zh_hans, authors, "
        "tokenize = 'porter unicode61 remove_diacritics 2')",
        "DROP TABLE qa_search_fts",
    ),
    (
        "CREATE TRIGGER qa_searchentry_fts_delete AFTER DELETE ON qa_searchentry "
        "BEGIN DELETE FROM qa_search_fts WHERE rowid = old.question_id; END",
        "DROP TRIGGER qa_searchentry_fts_delete",
    ),
]

POSTGRESQL = [
    (
        "ALTER TABLE qa_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT '', "
        "ADD COLUMN title_document tsvector NOT NULL DEFAULT ''",
        "ALTER TABLE qa_searchentry DROP COLUMN document, DROP COLUMN title_document",
    ),
    (
        # No pending list: with one, a big rebuild leaves the planner scanning the table instead.
        "CREATE INDEX qa_searchentry_document ON qa_searchentry USING GIN (document) WITH (fastupdate = off)",
        "DROP INDEX qa_searchentry_document",
    ),
]


def statements(schema_editor):
    return {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])


def create_index(apps, schema_editor):
    for forward, _backward in statements(schema_editor):
        schema_editor.execute(forward)


def drop_index(apps, schema_editor):
    for _forward, backward in reversed(statements(schema_editor)):
        schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0004_revisions"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "question",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="qa.question",
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_index, drop_index),
    ]

"""The search index: SearchEntry, plus FTS5 (SQLite) or a tsvector column (PostgreSQL)."""

from django.db import migrations, models

SQLITE = [
    (
        "CREATE VIRTUAL TABLE qa_search_fts USING fts5("
        "title, summary, body, authors, tokenize = 'porter unicode61 remove_diacritics 2')",
        "DROP TABLE qa_search_fts",
    ),
    (
        "CREATE TRIGGER qa_searchentry_fts_delete AFTER DELETE ON qa_searchentry "
        "BEGIN DELETE FROM qa_search_fts WHERE rowid = old.id; END",
        "DROP TRIGGER qa_searchentry_fts_delete",
    ),
]

POSTGRESQL = [
    (
        "ALTER TABLE qa_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector",
        "ALTER TABLE qa_searchentry DROP COLUMN document",
    ),
    (
        "CREATE INDEX qa_searchentry_document ON qa_searchentry USING GIN (document)",
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
        ("qa", "0002_editors_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language",
                    models.CharField(choices=[("en", "English"), ("zh-hans", "Simplified Chinese")], max_length=7),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE, related_name="search_entries", to="qa.question"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("question", "language"), name="searchentry_unique_language")
                ],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]

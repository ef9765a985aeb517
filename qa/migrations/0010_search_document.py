"""PostgreSQL's tsvectors move from raw columns on qa_searchentry to the SearchDocument model.

The model is PostgreSQL only, so on SQLite this migration does nothing. On
PostgreSQL it creates qa_searchdocument with its GIN index, gives it a foreign
key that cascades deletes from qa_searchentry (Django 5.2 cannot declare one),
copies the documents already indexed and drops the old columns and their index.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FORWARD = [
    "ALTER TABLE qa_searchdocument ADD CONSTRAINT qa_searchdocument_entry_cascade FOREIGN KEY (entry_id) "
    "REFERENCES qa_searchentry (question_id) ON DELETE CASCADE",
    "INSERT INTO qa_searchdocument (entry_id, document, title_document) "
    "SELECT question_id, document, title_document FROM qa_searchentry",
    "ALTER TABLE qa_searchentry DROP COLUMN document, DROP COLUMN title_document",
]

BACKWARD = [
    "ALTER TABLE qa_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN title_document tsvector NOT NULL DEFAULT ''",
    "UPDATE qa_searchentry e SET document = d.document, title_document = d.title_document "
    "FROM qa_searchdocument d WHERE d.entry_id = e.question_id",
    "CREATE INDEX qa_searchentry_document ON qa_searchentry USING GIN (document) WITH (fastupdate = off)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0009_search_entry_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="document",
                        serialize=False,
                        to="qa.searchentry",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
                ("title_document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "required_db_vendor": "postgresql",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fastupdate=False, fields=["document"], name="qa_searchdocument_document"
                    )
                ],
            },
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]

"""A GIN index on SearchDocument's titles (PostgreSQL only; SQLite skips it).

Without it the first tier of every search (the questions matching in a
title) read all the titles: 5–9 ms of a sequential scan at 20,000 questions
(bench/search.py). Built from the stored vectors, so no rebuild is needed.
"""

import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0016_search_language_documents"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False, fields=["title_document"], name="qa_searchdocument_titles"
            ),
        ),
    ]

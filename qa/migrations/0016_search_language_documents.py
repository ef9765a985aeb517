"""Each language's text as its own tsvector on SearchDocument (PostgreSQL only; SQLite skips it).

Existing documents get empty vectors: until ``manage.py rebuild_search_index``
(which ``make run`` does at every start) refills them, their results show the
excerpt in the reader's language, as for a match in author names.
"""

import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0015_publication_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name=name,
            field=django.contrib.postgres.search.SearchVectorField(default=""),
            preserve_default=False,
        )
        for name in ("language_document_en", "language_document_zh_hans")
    ]

"""Optimistic locking for series, topics, regions and programmes, as for questions, authors and pages.

Only adds the edit version (``qa.editorial.locking.EditVersioned``), 0 on every existing row: a form opened
before the migration carries no version, so its save is refused once, with the usual message, and the
reloaded form saves. Revisions never held the version (``qa.editorial.revisions`` leaves it out), so
restoring an older revision moves it on like any other write.
"""

from django.db import migrations, models


def edit_version():
    return models.PositiveIntegerField(default=0, editable=False, verbose_name="edit version")


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0019_note_lengths"),
    ]

    operations = [
        migrations.AddField(model_name=name, name="version", field=edit_version())
        for name in ("programme", "region", "series", "topic")
    ]

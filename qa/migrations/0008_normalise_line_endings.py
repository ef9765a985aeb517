"""Store every existing text with ``\\n`` line endings, as every writer now does.

Rows saved through the admin before held ``\\r\\n``; left so, the next save of
each would be recorded in the history as a change of every text.
"""

from django.db import migrations, models

MODELS = ("Series", "Topic", "Author", "Question", "Region", "Programme", "Pairing")


def normalise(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("qa", name)
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
        ]
        condition = models.Q()
        for attname in fields:
            condition |= models.Q(**{f"{attname}__contains": "\r"})
        for row in model._base_manager.filter(condition).values("pk", *fields):
            changed = {
                attname: value.replace("\r\n", "\n").replace("\r", "\n")
                for attname, value in row.items()
                if attname != "pk" and isinstance(value, str) and "\r" in value
            }
            model._base_manager.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("qa", "0007_seeded_records")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]

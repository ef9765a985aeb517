"""What tracking translations costs a save: the same saves with the rule (qa.editorial.staleness.track)
and without it, side by side in one run.

Run by hand from the repository root: ``.venv/bin/python bench/translation_status.py [SAVES]``
(default 300). It uses a throwaway SQLite database under a temporary DJANGO_VAR_DIR, makes one
question with an 8 KB body in each language, and times SAVES saves that change its English body
(so its Chinese translation is outdated each time) with the rule connected, then the same with the
rule disconnected (the yardstick), and field_status() of every field, which readers' pages and the
admin call.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(function, repeat):
    start = time.perf_counter()
    for index in range(repeat):
        function(index)
    return (time.perf_counter() - start) / repeat * 1000


def main():
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as var:
        os.environ.update(DJANGO_VAR_DIR=var, DATABASE_URL="", DJANGO_SETTINGS_MODULE="knowledgehub.settings")
        os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import datetime

        from django.core.management import call_command
        from django.db.models.signals import pre_save

        from qa.editorial import staleness
        from qa.models import Question, Series

        call_command("migrate", verbosity=0)
        series = Series.objects.create(slug="bench", path="bench", title_en="Bench")
        body_en, body_zh = "The response combined detection and care. " * 200, "应对结合了早期发现与救治。" * 200
        question = Question.objects.create(
            series=series,
            number=1,
            title_en="Title",
            title_zh_hans="标题",
            body_en=body_en,
            body_zh_hans=body_zh,
            published=datetime.date(2020, 3, 1),
        )

        def save(index):
            question.body_en = f"{index}. {body_en}"
            question.save()

        with_rule = timed(save, saves)
        pre_save.disconnect(staleness.track, sender=Question, dispatch_uid="translations-Question")
        without_rule = timed(save, saves)
        fields = staleness.tracked_fields(Question)
        status = timed(lambda index: [staleness.field_status(question, f, "zh-hans") for f in fields], saves)

    print(f"{'what (mean of ' + str(saves) + ')':<52} {'ms':>8}")
    print(f"{'save changing the English body, with the rule':<52} {with_rule:>8.2f}")
    print(f"{'the same save without the rule (yardstick)':<52} {without_rule:>8.2f}")
    print(f"{'field_status() of title, summary and body':<52} {status:>8.3f}")


if __name__ == "__main__":
    main()

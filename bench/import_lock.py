"""How long a large import holds SQLite's write lock, and what an editor's save made meanwhile gets.

Run by hand from the repository root: ``.venv/bin/python bench/import_lock.py [QUESTIONS]``
(default 3,000). It uses a throwaway database under a temporary DJANGO_VAR_DIR,
imports a generated bundle of QUESTIONS questions of about 8 KB each with
``import_content``, and two seconds in saves one question the way the admin
does (a separate process, the same busy timeout). It prints the import's time,
the save's wait and outcome, side by side.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SAVE = (
    "import time\nfrom django.db import transaction\nfrom qa.models import Question\n"
    "start = time.monotonic()\n"
    "try:\n"
    "    with transaction.atomic():\n"
    "        q = Question.objects.get(number=1); q.title_en = 'Saved during the import'; q.save()\n"
    "    print(f'landed after {time.monotonic() - start:.1f} s')\n"
    "except Exception as error:\n"
    "    print(f'failed after {time.monotonic() - start:.1f} s: {error}')\n"
)


def bundle(questions):
    body = "\n\n".join(["The response combined early detection, isolation and treatment. " * 20] * 6)
    return {
        "format": "knowledgehub-bundle",
        "version": 1,
        "series": [{"slug": "fighting-covid-19-100-qas", "title": {"en": "Fighting the COVID-19: 100 Q&As"}}],
        "authors": [{"slug": "author", "name": {"en": "An Author"}}],
        "questions": [
            {
                "series": "fighting-covid-19-100-qas",
                "number": number,
                "title": {"en": f"Question {number} of the response", "zh-hans": f"第{number}问"},
                "body": {"en": f"{number}. {body}", "zh-hans": f"第{number}问的正文。"},
                "authors": ["author"],
                "published": "2020-03",
                "original_language": "en",
            }
            for number in range(1, questions + 1)
        ],
    }


def manage(env, *args, **kwargs):
    return subprocess.Popen(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True, stderr=subprocess.DEVNULL, **kwargs
    )


def main():
    questions = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "DJANGO_VAR_DIR": var, "DATABASE_URL": ""}
        manage(env, "migrate", "--verbosity", "0").wait()
        small, large = Path(var) / "first.json", Path(var) / "large.json"
        small.write_text(json.dumps(bundle(1)))
        large.write_text(json.dumps(bundle(questions)))
        manage(env, "import_content", str(small), stdout=subprocess.DEVNULL).wait()

        start = time.monotonic()
        importer = manage(env, "import_content", str(large), stdout=subprocess.PIPE)
        time.sleep(2)
        saver = manage(env, "shell", "-c", SAVE, stdout=subprocess.PIPE)
        save_outcome = saver.communicate()[0].strip()
        importer.communicate()
        import_seconds = time.monotonic() - start

    print(f"{'what':<44} {'figure':>20}")
    print(f"{f'import_content of {questions:,} questions':<44} {f'{import_seconds:.1f} s':>20}")
    print(f"{'an editor save 2 s in (busy timeout 20 s)':<44} {save_outcome:>20}")


if __name__ == "__main__":
    main()

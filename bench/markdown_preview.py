"""What the admin's Markdown preview costs a request, beside rendering the same Markdown (the yardstick:
what the public page pays for its body).

    .venv/bin/python bench/markdown_preview.py

Takes the English body of Question 3 from the bundle (content/knowledgehub.json) and a body at the limit
(200 KB, ``qa.text.BODY_MAX_BYTES``), and prints, side by side, the median time of the preview view
(parsing the POST, checking the text, rendering, the JSON answer) and of ``render_markdown`` alone.
No database is used: the view is called with a staff user who may change questions.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from qa.content.rendering import render_markdown  # noqa: E402
from qa.models import Question  # noqa: E402
from qa.text import BODY_MAX_BYTES  # noqa: E402

BUNDLE = Path(__file__).resolve().parent.parent / "content" / "knowledgehub.json"
EDITOR = SimpleNamespace(is_active=True, is_staff=True, has_perm=lambda permission, obj=None: True)


def median_ms(function, text, runs):
    times = []
    for run in range(runs):
        varied = f"{text[: len(text) - 8]}\n\n{run:06d}"  # a different text each run, no larger than the limit
        start = time.perf_counter()
        function(varied)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def preview(text):
    request = RequestFactory().post("/admin/qa/question/markdown-preview/", {"text": text})
    request.user = EDITOR
    response = admin.site.get_model_admin(Question).markdown_preview_view(request)
    assert response.status_code == 200, response.content[:200]


def main():
    question = json.loads(BUNDLE.read_text(encoding="utf-8"))["questions"][0]
    body = question["body"]["en"]
    largest = ("\n\n".join([body] * (BODY_MAX_BYTES // len(body.encode()) + 1)).encode()[:BODY_MAX_BYTES]).decode(
        "utf-8", "ignore"
    )
    texts = {"Question 3 (body)": body, "a body at the limit": largest}
    print(f"{'text':<22}{'bytes':>10}{'preview request (ms)':>24}{'Markdown (ms)':>16}")
    for name, text in texts.items():
        runs = 50 if len(text) < 10_000 else 10
        request = median_ms(preview, text, runs)
        render = median_ms(render_markdown, text, runs)
        print(f"{name:<22}{len(text.encode()):>10,}{request:>24.2f}{render:>16.2f}")


if __name__ == "__main__":
    main()

"""What converting a page to Traditional Chinese costs, beside rendering its Markdown (the yardstick).

    .venv/bin/python bench/traditional.py

Takes the Chinese text of Question 3 from the bundle (content/knowledgehub.json) and a text the size of
100 such questions, and prints, side by side, the median time of OpenCC's conversion (s2tw, uncached, as
the first reader of a page pays it) and of rendering the same Markdown to HTML. No database is used.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from qa.content.rendering import render_markdown  # noqa: E402
from qa.languages import in_script  # noqa: E402

BUNDLE = Path(__file__).resolve().parent.parent / "content" / "knowledgehub.json"


def median_ms(function, text, runs):
    times = []
    for run in range(runs):
        # A different text each run (a trailing number), so no cache answers.
        varied = f"{text}\n\n{run}"
        start = time.perf_counter()
        function(varied)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    question = json.loads(BUNDLE.read_text(encoding="utf-8"))["questions"][0]
    body = question["body"]["zh-hans"]
    texts = {"Question 3 (body)": body, "100 questions' bodies": "\n\n".join([body] * 100)}
    print(f"{'text':<24}{'characters':>12}{'OpenCC s2tw (ms)':>20}{'Markdown (ms)':>16}")
    for name, text in texts.items():
        runs = 50 if len(text) < 10_000 else 10
        convert = median_ms(lambda value: in_script(value, "zh-hant"), text, runs)
        render = median_ms(render_markdown, text, runs)
        print(f"{name:<24}{len(text):>12,}{convert:>20.2f}{render:>16.2f}")


if __name__ == "__main__":
    main()

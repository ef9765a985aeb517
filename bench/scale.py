"""Query counts and render times of every reader page with 10 and 1,000 questions, and a 100-question index's weight.

    .venv/bin/python bench/scale.py
    QUESTIONS=20000 .venv/bin/python bench/scale.py      # 10 against 20,000 questions

Builds a throwaway database (a SQLite file in a temporary directory, never the site's own; with DATABASE_URL
a PostgreSQL test database), fills it as tests/test_scale.py does (tests/scale_data.py, the rows
bench/seed.py writes) and prints, side by side, the queries each page costs at both sizes (the page cache
off) and the milliseconds its second read took in process, then the series index of 100 questions
gzip-compressed (level 6) with static/css/site.css, against the 30 KB budget. Exits with status 1 if a
count grows or the index is over budget.
"""

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.scale_pages import (  # noqa: E402
    FEW,
    MANY,
    NAMES,
    PAGE_BUDGET,
    measure,
    reading_settings,
    series_index_weights,
)


def count(visit):
    if visit.error:
        return "error"
    return str(len(visit.queries)) if visit.status == 200 else f"HTTP {visit.status}"


def report():
    """Print the figures; the names of the pages whose count grew, or that failed or are over budget."""
    start = time.perf_counter()
    many_scale = dataclasses.replace(MANY, questions=int(os.environ.get("QUESTIONS", MANY.questions)))
    few, many = measure(FEW), measure(many_scale)
    print(f"{connection.vendor}: both databases built and every page read in {time.perf_counter() - start:.1f} s")
    size = f"{many_scale.questions:,}"
    print(f"\n{'page':40} {'queries, 10':>12} {size:>6} {'render ms, 10':>14} {size:>7}")
    failed = []
    for name in NAMES:
        print(
            f"{name:40} {count(few[name]):>12} {count(many[name]):>6} "
            f"{few[name].milliseconds:14.1f} {many[name].milliseconds:7.1f}"
        )
        if count(few[name]) != count(many[name]) or few[name].error or many[name].error:
            failed.append(name)
    print(f"\nSeries index of 100 questions, gzip -6 (budget {PAGE_BUDGET:,} B):")
    for lang, weight in series_index_weights().items():
        print(
            f"  {lang:8} HTML {weight.html_size:7,d} B + CSS {weight.css_size:6,d} B = {weight.total:7,d} B "
            f"({len(weight.html):,} B uncompressed)"
        )
        if weight.total > PAGE_BUDGET:
            failed.append(f"{lang} series index weight")
    return failed


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory() as directory, reading_settings():
        if connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = str(Path(directory) / "scale.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            failed = report()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    if failed:
        sys.exit(f"\nNot flat, failed or over budget: {', '.join(failed)}")


if __name__ == "__main__":
    main()

"""In-process render time of uncached pages: the question page, a 100-question series index, a pairing page.

    .venv/bin/python bench/cold_pages.py          # milliseconds per read, median of ROUNDS
    PROFILE=question .venv/bin/python bench/cold_pages.py   # and a cProfile of that page's reads

Builds a throwaway SQLite database (tests/scale_data.py, the page cache off as in bench/scale.py), reads each
page once, then ROUNDS times (default 200), and prints the median and the queries of a read. With the page
cache off every read renders the page, as after an editor's save retires the cache.
"""

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import translation  # noqa: E402

from tests.scale_data import Scale, build  # noqa: E402
from tests.scale_pages import reading_settings  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "200"))
SCALE = Scale(series=1, questions=100, authors=50, topics=30, programmes=2)


def pages(built):
    with translation.override("en"):
        return {
            "question": built.question().url_for("en"),
            "series index (100)": built.series[0].url_for("en"),
            "pairing": built.programmes[0].url_for("en"),
        }


def read(client, url, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def queries_of(client, url):
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    return queries


def report():
    with transaction.atomic():
        built = build(SCALE)
        client = Client()
        profiled = os.environ.get("PROFILE")
        print(f"{'page':24} {'ms per read':>12} {'queries':>8}")
        for name, url in pages(built).items():
            client.get(url)
            queries = queries_of(client, url)
            if profiled and name.startswith(profiled):
                profile = cProfile.Profile()
                profile.enable()
                read(client, url, ROUNDS)
                profile.disable()
                pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
            if os.environ.get("QUERIES"):
                print("\n".join(f"  {sql[:220]}" for sql in queries))
            print(f"{name:24} {read(client, url, ROUNDS):12.2f} {len(queries):8}")
        transaction.set_rollback(True)


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory() as directory, reading_settings():
        connection.settings_dict["TEST"]["NAME"] = str(Path(directory) / "cold.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            report()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

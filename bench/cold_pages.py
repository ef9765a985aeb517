"""In-process render time of uncached pages: the question page, a 100-question series index, the home page, a
pairing page, the search page.

    .venv/bin/python bench/cold_pages.py                     # milliseconds per read, with the memos and without
    PROFILE=question .venv/bin/python bench/cold_pages.py    # and a cProfile of that page's reads
    QUERIES=1 .venv/bin/python bench/cold_pages.py           # and the SQL of a read
    STAGES=1 .venv/bin/python bench/cold_pages.py            # and what the question page's lookup costs, by stage
    LONG_BODIES=5 .venv/bin/python bench/cold_pages.py       # and the listings (the admin's too) with 5 of 2 MB

Builds a throwaway SQLite database (tests/scale_data.py, the page cache off as in bench/scale.py), and reads
each page ROUNDS times (default 200) with the content memos (Markdown and its plain text, listed questions, the
article, the pairing table: qa.content.memo, qa.content.fragments) and
as many times with them empty and keeping nothing, in alternating batches, and prints both medians, their
ratio and the queries of a read. With the page cache off every read renders the page, as after an editor's
save retires the cache. The machine's load falls on both columns alike: read the ratio. The admin's question
list (LONG_BODIES) has no memo: its second column is the list as Django's own ChangeList reads it, every body
whole.
"""

import cProfile
import functools
import logging
import os
import pstats
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from django.contrib.admin.views.main import ChangeList  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from qa.content.admin import QuestionAdmin  # noqa: E402
from qa.content.fragments import fragments  # noqa: E402
from qa.content.rendering import rendered  # noqa: E402
from qa.models import Question, WorkingPaperFile  # noqa: E402
from qa.search.text import plain_texts  # noqa: E402
from tests.factories import EditorFactory  # noqa: E402
from tests.scale_data import Scale, build  # noqa: E402
from tests.scale_pages import reading_settings  # noqa: E402
from tests.two_factor import verify_session  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "200"))
MEMOS = [fragments, rendered, plain_texts]
SCALE = Scale(series=1, questions=100, authors=50, topics=30, programmes=2)


def pages(built):
    with translation.override("en"):
        return {
            "question": built.question().url_for("en"),
            "series index (100)": built.series[0].url_for("en"),
            "home": reverse("qa:home"),
            "pairing": built.programmes[0].url_for("en"),
            "search (province)": f"{reverse('qa:search')}?q=province",
        }


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - start) * 1000


@contextmanager
def memos_off():
    """Every content memo empty and keeping nothing: each read renders all it shows, as before the memos."""
    budgets = [(memo, memo.budget) for memo in MEMOS]
    for memo, _budget in budgets:
        memo.clear()
        memo.budget = 0
    try:
        yield
    finally:
        for memo, budget in budgets:
            memo.budget = budget


def compare(client, url, rounds, without=memos_off):
    """Medians of reads with the memos and without (or as ``without`` makes it), in alternating batches of ten,
    so load falls on both alike."""
    on, off = [], []
    for _ in range(max(1, rounds // 10)):
        on += [timed(client, url) for _ in range(10)]
        with without():
            off += [timed(client, url) for _ in range(10)]
        client.get(url)  # the memos fill again
    return statistics.median(on), statistics.median(off)


def queries_of(client, url):
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    return queries


def profile(client, url):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(ROUNDS):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def lookup(question):
    """The question page's first query as ``qa.web.views.reading.question`` makes it for a reader."""
    return (
        Question.objects.published()
        .select_related("series")
        .with_bylines()
        .prefetch_related("programmes", "topics")
        .annotate(working_paper_size=WorkingPaperFile.objects.size_in("en"))
        .filter(series__path=question.series.path, number=question.number)
    )


def stages(question):
    """Milliseconds per read of the question page's lookup, each stage with those before it: the ORM's own cost
    of a query against what the database does."""
    steps = {
        "build the QuerySet": lambda: lookup(question),
        "and compile its SQL": lambda: lookup(question).query.get_compiler(connection.alias).as_sql(),
        "and run it, no prefetch": lambda: list(lookup(question).prefetch_related(None)),
        "and its 3 prefetches": lambda: list(lookup(question)),
        "the same SQL, raw": functools.partial(raw_read, *lookup(question).query.sql_with_params()),
    }
    for name, step in steps.items():
        step()
        start = time.perf_counter()
        for _ in range(ROUNDS):
            step()
        print(f"  {name:28} {(time.perf_counter() - start) / ROUNDS * 1000:6.2f} ms")


def editors_list(client):
    """The admin's question list, as an editor past the second factor reads it."""
    editor = EditorFactory()
    logging.getLogger("axes").setLevel(logging.WARNING)  # its line for each login, not a figure
    client.force_login(editor)
    verify_session(client, editor)
    with translation.override("en"):
        return reverse("admin:qa_question_changelist")


@contextmanager
def whole_bodies():
    """The admin's question list as Django's own ChangeList reads it, every body whole (no memo serves the admin:
    this is its second column)."""
    with mock.patch.object(QuestionAdmin, "get_changelist", lambda admin, request, **kwargs: ChangeList):
        yield


def print_row(name, client, url, queries=None, without=memos_off):
    client.get(url)
    on, off = compare(client, url, ROUNDS, without)
    queries = queries_of(client, url) if queries is None else queries
    print(f"{name:20} {on:10.2f} {off:9.2f} {off / on:5.2f}x {len(queries):8}")


def long_bodies(built, count, client):
    """The pages that list the series' questions (the admin's list first with short bodies), then all of them
    again with ``count`` of those questions 2 MB papers in both languages (stored past the editors' limit, as an
    import script could): what a listing reads of a body."""
    staff = Client()
    admin_list = editors_list(staff)
    print_row("admin question list", staff, admin_list, without=whole_bodies)
    papers = Question.objects.filter(series=built.series[0]).order_by("number")[:count]
    Question.objects.filter(pk__in=[paper.pk for paper in papers]).update(
        body="Word " * 400_000, body_en="Word " * 400_000, body_zh_hans="正文" * 500_000
    )
    print(f"with {count} bodies of 2 MB:")
    for name, url in pages(built).items():
        if name.startswith(("series", "home")):
            print_row(name, client, url)
    print_row("admin question list", staff, admin_list, without=whole_bodies)


def raw_read(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def report():
    with transaction.atomic():
        built = build(SCALE)
        client = Client()
        print(f"{'page':20} {'ms, memos':>10} {'ms, none':>9} {'ratio':>6} {'queries':>8}")
        for name, url in pages(built).items():
            client.get(url)
            queries = queries_of(client, url)
            if os.environ.get("PROFILE") and name.startswith(os.environ["PROFILE"]):
                profile(client, url)
            if os.environ.get("QUERIES"):
                print("\n".join(f"  {sql[:220]}" for sql in queries))
            print_row(name, client, url, queries)
        if os.environ.get("LONG_BODIES"):
            long_bodies(built, int(os.environ["LONG_BODIES"]), client)
        if os.environ.get("STAGES"):
            print("the question page's lookup (a question with its bylines, programmes and topics):")
            stages(built.question())
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

"""Search benchmark: the index against a naive icontains scan over the same data.

    .venv/bin/python bench/search.py [--n 20000] [--queries 50] [--scheduled 0.01]
    DATABASE_URL=postgres://... .venv/bin/python bench/search.py

Builds a throwaway test database (never the site's own), fills it with N
bilingual questions of generated text, builds the index, then times
``qa.search.results.search()`` (one result page: count, ten hits, snippets) for English
words, 2-character and 4-character Chinese strings taken from the data, beside
a count plus first ten of ``icontains`` over the title, summary and body fields
in both languages. The ``query`` columns time the backend's query alone (the
ten best matches and the count, as the database answers them; ``slowest`` is
the longest of the kind's queries), the ``page``
columns all of ``search()``: that query, loading the ten questions, finding the
languages that matched and building the excerpts.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu "
    "na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu"
).split()
SUFFIXES = ["", "", "", "s", "ed", "ing", "ation"]


def zipf_weights(count):
    return [1 / rank for rank in range(1, count + 1)]


def make_vocabulary(rng):
    english = list(dict.fromkeys("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(6000)))[:5000]
    chinese = [chr(code) for code in rng.sample(range(0x4E00, 0x9FA5), 3000)]
    return english, chinese


def english_text(rng, words, weights, count):
    chosen = rng.choices(words, weights, k=count)
    return " ".join(word + rng.choice(SUFFIXES) + ("." if rng.random() < 0.08 else "") for word in chosen).capitalize()


def chinese_text(rng, characters, weights, count):
    chosen = rng.choices(characters, weights, k=count)
    return "".join(char + ("，" if rng.random() < 0.05 else "。" if rng.random() < 0.03 else "") for char in chosen)


@transaction.atomic
def generate(n, rng):
    from qa.models import Question, Series

    english, chinese = make_vocabulary(rng)
    english_weights, chinese_weights = zipf_weights(len(english)), zipf_weights(len(chinese))
    series = Series.objects.create(slug="benchmark", title_en="Benchmark")
    batch = []
    for number in range(1, n + 1):
        batch.append(
            Question(
                series=series,
                number=number,
                slug_en=f"q{number}",
                slug_zh_hans=f"q{number}",
                title_en=english_text(rng, english, english_weights, 8),
                title_zh_hans=chinese_text(rng, chinese, chinese_weights, 12),
                summary_en=english_text(rng, english, english_weights, 30),
                summary_zh_hans=chinese_text(rng, chinese, chinese_weights, 50),
                body_en=english_text(rng, english, english_weights, 250),
                body_zh_hans=chinese_text(rng, chinese, chinese_weights, 500),
                status=Question.PUBLISHED,
                published=datetime.date(2020, 3, 1),
            )
        )
        if len(batch) == 1000:
            Question.objects.bulk_create(batch)
            batch = []
    Question.objects.bulk_create(batch)
    return english


def some_pks(rng, count):
    """``count`` question pks drawn by ``rng``: the same ones in every run with the same seed, so two runs
    (the code before a change and after) time the same queries."""
    from qa.models import Question

    pks = sorted(Question.objects.values_list("pk", flat=True))
    return rng.sample(pks, min(count, len(pks)))


def sample_queries(rng, english, count):
    """Queries a reader might type, plus the worst case for the index.

    English: words of frequency rank 50 to 1000 (not the function words at the top).
    Chinese: strings cut from random places in the generated text, skipping those that
    contain one of the 50 most frequent characters (the 的, 了, 是 of real text, which
    no one searches for on their own); the last kind keeps them, so nearly every
    query there matches thousands of questions.
    """
    from qa.models import Question

    bodies = list(
        Question.objects.filter(pk__in=some_pks(rng, 200)).order_by("pk").values_list("body_zh_hans", flat=True)
    )
    frequent = {char for char, _count in Counter("".join(bodies).replace("，", "").replace("。", "")).most_common(50)}

    def substring(length, allow_frequent=False):
        while True:
            runs = [run for run in rng.choice(bodies).replace("，", "。").split("。") if len(run) >= length]
            run = rng.choice(runs)
            start = rng.randrange(len(run) - length + 1)
            text = run[start : start + length]
            if allow_frequent or not frequent & set(text):
                return text

    return {
        "English word": [rng.choice(english[50:1000]) for _ in range(count)],
        "Chinese, 2 characters": [substring(2) for _ in range(count)],
        "Chinese, 4 characters": [substring(4) for _ in range(count)],
        "Chinese, 2 frequent": [substring(2, allow_frequent=True) for _ in range(count)],
    }


def scan(query):
    from qa.models import Question

    condition = Q()
    for field in ("title", "summary", "body"):
        for suffix in ("en", "zh_hans"):
            condition |= Q(**{f"{field}_{suffix}__icontains": query})
    matches = Question.objects.published().filter(condition)
    return matches.count(), list(matches.order_by("number")[:10])


def backend_query(text):
    """The database's part of a search: the first page's ten pks, best first, and the count of all matches."""
    from qa.search.backends import backend
    from qa.search.query import parse_query
    from qa.search.results import PAGE_SIZE

    return backend().search(parse_query(text), PAGE_SIZE, 0)


def timed(function, queries):
    times, hits = [], []
    for query in queries:
        start = time.perf_counter()
        hits.append(function(query))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], times[-1], hits


def scheduled_searches(rng, queries, share):
    """The same searches before and after scheduling ``share`` of the questions (published, with a publication
    time to come: indexed, and left out by each backend's ``search`` until then), side by side."""
    from qa.models import Question
    from qa.search.results import search

    if not share:
        return
    texts = queries["English word"] + queries["Chinese, 2 characters"]
    before, _p95, _slowest, _hits = timed(lambda text: search(text, "en"), texts)
    pks = some_pks(rng, int(Question.objects.count() * share))
    Question.objects.filter(pk__in=pks).update(publish_at=timezone.now() + datetime.timedelta(days=1))
    after, _p95, _slowest, _hits = timed(lambda text: search(text, "en"), texts)
    Question.objects.filter(pk__in=pks).update(publish_at=None)
    print(
        f"{'searches':24} {'none scheduled':>14} {f'{len(pks)} scheduled':>16}\n"
        f"{'English and Chinese':24} {before:11.1f} ms {after:13.1f} ms"
    )


def long_question_cost(rng, word):
    """Milliseconds a matching 2 MB question adds to a search for ``word`` (median of 10, before and after)."""
    from qa.models import Question, Series
    from qa.search.indexing import reindex
    from qa.search.results import search

    before, _p95, _slowest, _hits = timed(lambda text: search(text, "en"), [word] * 10)
    filler = " ".join(rng.choices(["medical", "teams", "travelled", "between", "cities"], k=400_000))
    body = f"{filler[:1_000_000]} {word} {filler}"[:2_000_000]
    question = Question.objects.bulk_create(
        [
            Question(
                series=Series.objects.get(slug="benchmark"),
                number=10**6,
                slug_en="long",
                slug_zh_hans="long",
                title_en="Long",
                body_en=body,
                status=Question.PUBLISHED,
                published=datetime.date(2020, 3, 1),
            )
        ]
    )[0]
    reindex([question.pk])
    after, _p95, _slowest, hits = timed(lambda text: search(text, "en"), [word] * 10)
    assert any(result.question.pk == question.pk for result in hits[0].results), "the long question is not shown"
    return before, after


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="questions to generate (default 20000)")
    parser.add_argument("--queries", type=int, default=50, help="queries of each kind (default 50)")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument(
        "--scheduled", type=float, default=0.01, help="share of questions then scheduled, timed again (default 0.01)"
    )
    options = parser.parse_args()
    rng = random.Random(options.seed)

    from qa.search.indexing import index_size, rebuild_index
    from qa.search.results import search

    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":  # a file, as the site uses, not the in-memory default for tests
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        english = generate(options.n, rng)
        print(f"{connection.vendor}: generated {options.n} bilingual questions in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        rebuild_index()
        print(f"index built in {time.perf_counter() - start:.1f} s; index size {index_size() / 2**20:.1f} MiB")
        queries = sample_queries(rng, english, options.queries)
        for query in queries["English word"][:3]:
            search(query, "en")  # warm caches and the connection
        print(
            f"{'kind of query':24} {'query median':>12} {'p95':>8} {'slowest':>10} {'page median':>12} {'p95':>8} "
            f"{'scan median':>12} {'p95':>8} {'speed-up':>9}  matches (median)"
        )
        for kind, texts in queries.items():
            query_median, query_p95, query_slowest, _rows = timed(backend_query, texts)
            index_median, index_p95, _slowest, results = timed(lambda text: search(text, "en"), texts)
            scan_median, scan_p95, _slowest, scanned = timed(scan, texts[: max(5, len(texts) // 5)])
            matches = statistics.median(result.count for result in results)
            if kind.startswith("Chinese"):
                # Only the first fifth of the texts were scanned: zip stops there.
                # A disagreement is printed, not fatal: the generated text holds Traditional forms, which the
                # index (kept in Simplified) finds as their Simplified forms too, and icontains does not.
                for text, result, (count, _first) in zip(texts, results, scanned, strict=False):
                    if result.count != count:
                        print(f"  the index and the scan disagree on {text}: {result.count} and {count}")
            print(
                f"{kind:24} {query_median:9.1f} ms {query_p95:5.1f} ms {query_slowest:7.1f} ms "
                f"{index_median:9.1f} ms {index_p95:5.1f} ms "
                f"{scan_median:9.1f} ms {scan_p95:5.1f} ms "
                f"{scan_median / index_median:8.0f}×  {matches:.0f}"
            )
        scheduled_searches(rng, queries, options.scheduled)
        # A word only the long question holds, so it is on the first results page, with its excerpt.
        before, after = long_question_cost(rng, "quarantine")
        print(f"a matching 2 MB question: {before:.1f} ms before, {after:.1f} ms after, +{after - before:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

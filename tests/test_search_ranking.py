"""The order of search results across pages: title matches first, each tier by relevance, only the tiers a page
reaches scored (qa.search.backends.page_of_tiers), on either database."""

import datetime
import sys

import pytest
from django.db import connection
from django.utils import timezone

from qa.models import Question
from qa.search.backends import backend
from qa.search.query import parse_query
from qa.search.results import search
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

WORDS = 12


def make(series, number, in_title, times, **extra):
    """A question whose body holds "quarantine" ``times`` times in ``WORDS`` words, so with bodies of one length
    the more times, the more relevant."""
    body = " ".join(["quarantine"] * times + ["other"] * (WORDS - times))
    return QuestionFactory(
        series=series,
        number=number,
        title_en=f"Quarantine {number}" if in_title else f"Rules {number}",
        title_zh_hans=None,
        summary_en=None,
        summary_zh_hans=None,
        body_en=body + ".",
        body_zh_hans=None,
        published=datetime.date(2020, 3, 1),
        original_language="en",
        authors=[],
        **extra,
    )


@pytest.fixture
def matches(hub_series):
    """13 title matches and 14 others, made in an order unlike their rank (equals by number, as the pk breaks a tie),
    plus a scheduled one of each kind."""
    made = {True: [], False: []}
    for number, (in_title, times) in enumerate(
        [(in_title, times) for times in (3, 7, 1, 9, 5, 2, 11, 6, 8, 4, 10, 12) for in_title in (True, False)]
        + [(True, 0), (False, 5), (False, 6)],
        start=1,
    ):
        made[in_title].append((times, make(hub_series, number, in_title, times)))
    later = timezone.now() + datetime.timedelta(days=1)
    for number, in_title in ((98, True), (99, False)):
        make(hub_series, number, in_title, WORDS, publish_at=later)
    return [
        question.number
        for in_title in (True, False)
        for _times, question in sorted(made[in_title], key=lambda pair: (-pair[0], pair[1].number))
    ]


def test_pages_follow_one_order_across_the_tiers(matches):
    pages = [search("quarantine", "en", page) for page in (1, 2, 3, 4)]

    assert [result.question.number for page in pages for result in page.results] == matches
    assert [page.count for page in pages] == [27] * 4
    assert len(pages[1].results) == 10 and not pages[3].results  # page 2 holds the last 3 title matches


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="one statement on PostgreSQL, which skips the tiers itself (tests/test_search_postgresql_plans.py)",
)
def test_a_page_scores_only_the_tiers_it_reaches(matches, monkeypatch):
    module = sys.modules[type(backend()).__module__]
    real, scored = module.page_of_tiers, []

    def spy(limit, offset, counts, ranked):
        def recorded(in_title, limit, offset):
            scored.append((in_title, limit, offset))
            return ranked(in_title, limit, offset)

        return real(limit, offset, counts, recorded)

    monkeypatch.setattr(module, "page_of_tiers", spy)
    calls = {}
    for page in (1, 2, 3, 4):
        scored.clear()
        search("quarantine", "en", page)
        calls[page] = list(scored)

    assert calls == {
        1: [(True, 10, 0)],
        2: [(True, 3, 10), (False, 7, 0)],
        3: [(False, 10, 7)],
        4: [],
    }


def test_scheduled_questions_count_in_neither_tier(matches):
    results = search("quarantine", "en")

    assert results.count == 27
    assert Question.objects.scheduled().count() == 2
    assert {98, 99}.isdisjoint(result.question.number for result in results.results)


def test_every_window_of_the_order_is_a_slice_of_it(matches):
    """Any limit and offset give that slice of the one order, the tiers' boundary anywhere in it, and the total."""
    numbers = dict(Question.objects.values_list("pk", "number"))
    query = parse_query("quarantine")
    for limit in (1, 4, 13, 14, 27, 40):
        for offset in range(29):
            rows, total = backend().search(query, limit, offset)

            assert [numbers[pk] for pk, _in_title in rows] == matches[offset : offset + limit], (limit, offset)
            assert [in_title for _pk, in_title in rows] == [i < 13 for i in range(27)][offset : offset + limit]
            assert total == 27

"""Excerpts of long bodies: a matching 2 MB question costs a bounded window of work, never the whole body
rendered and stemmed, and its excerpt still shows and marks the match."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.models import Question
from qa.search import text as search_text
from qa.search.indexing import reindex
from qa.search.results import SCAN_LIMIT, WINDOW, search
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

FILLER_EN = "Medical teams travelled between cities while hospitals counted beds and staff. "
FILLER_ZH = "医疗队在城市之间往来，医院清点床位和人员。"


def long_question(hub_series, body_en="", body_zh="", summary_en="Summary"):
    """A question whose body is stored as given (past the editors' limit, as a careless script could)."""
    question = QuestionFactory(
        series=hub_series,
        title_en="Long paper",
        title_zh_hans="长文",
        summary_en=summary_en,
        authors=[],
        published=datetime.date(2020, 3, 1),
    )
    Question.objects.filter(pk=question.pk).update(body_en=body_en, body_zh_hans=body_zh)
    reindex([question.pk])
    return question


@pytest.fixture
def rendered():
    """The length of every text rendered as Markdown since the last call (indexing renders bodies whole)."""
    search_text.plain_texts.clear()  # a window another test made plain would not be rendered again
    with mock.patch.object(search_text, "render_markdown", wraps=search_text.render_markdown) as render:

        def lengths():
            seen = [len(call.args[0]) for call in render.call_args_list]
            render.reset_mock()
            return seen

        yield lengths


def test_a_match_deep_in_a_2_mb_body_renders_only_a_window_around_it(hub_series, rendered):
    filler = FILLER_EN * (1_000_000 // len(FILLER_EN))
    body = filler[:150_000] + "\n\nThe quarantine of Wuhan was eased. " + filler + filler
    assert len(body) > 2_000_000
    long_question(hub_series, body_en=body)
    rendered()
    [result] = search("quarantine", "en").results
    assert "<mark>quarantine</mark> of Wuhan" in result.snippet
    assert "…" in result.snippet.split("<mark>")[0] and result.snippet.endswith("…")
    assert max(rendered()) <= WINDOW + 2


def test_a_search_sends_no_result_text_back_to_the_database(hub_series):
    """Which language matched is looked up in the index, not worked out again from the 2 MB text."""
    long_question(hub_series, body_en=FILLER_EN * (2_000_000 // len(FILLER_EN)) + " quarantine")
    with CaptureQueriesContext(connection) as captured:
        [result] = search("quarantine", "zh-hans").results
    assert result.language == "en"
    assert max(len(query["sql"]) for query in captured) < 5_000


def test_a_chinese_match_in_a_long_body_is_marked(hub_series, rendered):
    # The match within PostgreSQL's 16,383 word positions (docs/search.md), the body far longer than the window.
    body = FILLER_ZH * 600 + "武汉解除封控。" + FILLER_ZH * 5000
    long_question(hub_series, body_zh=body)
    rendered()
    [result] = search("解除封控", "zh-hans").results
    assert "<mark>解除封控</mark>" in result.snippet
    assert max(rendered()) <= WINDOW + 2
    [traditional] = search("解除封控", "zh-hant").results
    assert "<mark>解除封控</mark>" in traditional.snippet


def test_a_match_in_the_summary_reads_only_the_beginning_of_the_body(hub_series, rendered):
    long_question(hub_series, body_en=FILLER_EN * 30_000, summary_en="About the quarantine")
    rendered()
    with mock.patch("qa.search.highlight.Highlighter.first_match") as first_match:
        [result] = search("quarantine", "en").results
    first_match.assert_not_called()
    assert result.snippet.startswith("About the <mark>quarantine</mark>")
    assert max(rendered()) <= WINDOW + 2


def test_a_match_past_the_scan_limit_gives_the_beginning_and_bounded_work(hub_series, rendered):
    body = FILLER_EN * (2 * SCAN_LIMIT // len(FILLER_EN)) + " quarantine"
    long_question(hub_series, body_en=body)
    rendered()
    [result] = search("quarantine", "en").results
    assert "Medical teams travelled" in result.snippet
    assert max(rendered()) <= WINDOW + 2


def test_short_bodies_are_excerpted_whole(hub_series):
    long_question(hub_series, body_en="A short body.\n\nThe *quarantine* of Wuhan.")
    [result] = search("quarantine", "en").results
    assert "<mark>quarantine</mark> of Wuhan" in result.snippet
    assert "*" not in result.snippet

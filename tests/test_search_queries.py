"""Any search query is safe: hostile input and operators taken as plain words, long queries cut, empty and
unsearchable queries and no results answered with a message in both languages."""

import pytest

from qa.models import Question
from qa.search.query import MAX_QUERY_LENGTH, parse_query
from tests.searching import api, numbers

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '"""',
    '"unbalanced quote',
    "masks AND",
    "AND OR NOT",
    "masks OR gloves",
    "NOT masks",
    "NEAR(masks gloves, 2)",
    "masks NEAR gloves",
    "mask*",
    "*",
    "^masks",
    "title:masks",
    "{title}: masks",
    "body : masks",
    "(masks",
    "masks)",
    "[masks]",
    "{masks}",
    "masks\x00gloves",
    "\x00",
    "😷",
    "masks 😷",
    "' OR 1=1 --",
    "'; DROP TABLE qa_question; --",
    "%",
    "_",
    "\\",
    ":*",
    "masks:*",
    "masks & !gloves | <->",
    "口罩\x00",
    "ｍａｓｋｓ",
    "-masks",
    "+masks",
    "x" * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_is_safe(client, make_question, query):
    make_question(title_en="Masks", body_en="Masks and gloves.", title_zh="口罩", body_zh="口罩和手套")

    for language in ("en", "zh-hans"):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert api(client, q=query, lang=language)["count"] in (0, 1)
    assert Question.objects.count() == 1


def test_operators_are_plain_words(make_question):
    masks = make_question(title_en="Masks", body_en="Masks and gloves.")

    assert numbers("masks AND gloves") == [masks.number]
    assert numbers("mask* gloves") == [masks.number]
    assert numbers("title:masks") == []  # "title" is a word the text lacks, not a column filter
    assert numbers("masks\x00") == [masks.number]


def test_a_very_long_query_is_cut_with_a_message(client, make_question):
    masks = make_question(title_en="Masks", body_en="Masks and gloves.")
    query = "masks " + "x" * 10_000

    parsed = parse_query(query)
    assert parsed.truncated and parsed.text == "masks"
    assert len(parse_query("x" * 10_000).text) == MAX_QUERY_LENGTH
    assert len(parse_query("masks " * 2000).text) <= MAX_QUERY_LENGTH

    body = client.get("/en/search/", {"q": "masks " * 2000}).content.decode()
    assert "only the first 200 were used" in body
    assert f"/qa/{masks.number}/" in body
    assert api(client, q="masks " * 2000)["count"] == 1


def test_queries_without_searchable_characters_get_a_message(client):
    body = client.get("/en/search/", {"q": "😷 ***"}).content.decode()
    assert "this search has no letters, digits or characters in it" in body
    body = client.get("/zh-hans/search/", {"q": "😷"}).content.decode()
    assert "搜索词中没有可检索的字母、数字或汉字" in body


def test_empty_query_shows_the_search_page(client):
    for query in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/en/search/", query)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="search-q-page"' in body
        assert "match" not in body
    assert api(client, q="") == {"query": "", "count": 0, "regions": [], "programmes": [], "results": []}


def test_no_results_message_in_both_languages(client, make_question):
    make_question(title_en="Masks", body_en="Masks.")
    english = client.get("/en/search/", {"q": "ventilators"}).content.decode()
    assert "No published questions match “ventilators”." in english
    assert "未找到与“呼吸机”相关的问答。" in client.get("/zh-hans/search/", {"q": "呼吸机"}).content.decode()

"""Search results as pages and in the API: ten a page with plain links, each in the page's language where it
exists, the API's shape and each result's series, a query count flat as results grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.search.results import search
from tests.factories import SERIES_SLUG, SERIES_TITLE_EN, SERIES_TITLE_ZH, AuthorFactory, QuestionFactory, SeriesFactory
from tests.searching import api

pytestmark = pytest.mark.django_db


def test_ten_results_per_page_with_plain_links(client, make_question):
    for index in range(12):
        make_question(title_en=f"Hospital {index}", body_en="Hospital beds.")

    first = client.get("/en/search/", {"q": "hospital"}).content.decode()
    assert first.count("<li>") >= 10 and "12 questions match “hospital”." in first
    assert 'href="/en/search/?q=hospital&amp;page=2"' in first
    assert len(search("hospital", "en", 1).results) == 10
    assert len(search("hospital", "en", 2).results) == 2

    second = client.get("/en/search/", {"q": "hospital", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and 'rel="prev"' in second

    beyond = client.get("/en/search/", {"q": "hospital", "page": "3"})
    assert beyond.status_code == 200
    assert "There is no page 3 of these results; there are 2 pages." in beyond.content.decode()

    for page in ("abc", "-1", "0", "9" * 40):
        assert client.get("/en/search/", {"q": "hospital", "page": page}).status_code == 200
    far = client.get("/zh-hans/search/", {"q": "hospital", "page": "9" * 23}).content.decode()
    assert f"搜索结果没有第{'9' * 23}页，共2页。" in far
    assert len(api(client, q="hospital", page="2")["results"]) == 2


def test_result_in_the_page_language_where_it_exists(client, make_question):
    both = make_question(
        title_en="Fever clinics", body_en="Fever clinics opened.", title_zh="发热门诊", body_zh="发热门诊开放"
    )
    zh_only = make_question(title_zh="发热病人", body_zh="发热病人的治疗")

    body = client.get("/en/search/", {"q": "发热"}).content.decode()
    assert '<span class="title">Fever clinics</span>' in body
    assert '<span class="title" lang="zh-Hans">发热病人</span>' in body
    assert both.url_for("en") in body and zh_only.url_for("en") in body


def test_api_shape(client, make_question):
    question = make_question(title_en="Masks", body_en="Masks & gloves.", title_zh="口罩", body_zh="口罩和手套")

    data = api(client, q="masks", lang="zh-hans")

    assert data == {
        "query": "masks",
        "count": 1,
        "regions": [],
        "programmes": [],
        "results": [
            {
                "series": SERIES_SLUG,
                "series_title": SERIES_TITLE_ZH,
                "number": question.number,
                "title": "口罩",
                "url": f"http://testserver{question.url_for('zh-hans')}",
                "snippet": "<mark>Masks</mark> &amp; gloves.",
                "language": "en",
            }
        ],
    }
    assert api(client, q="口罩")["results"][0]["language"] == "zh-hans"
    assert api(client, q="口罩")["results"][0]["title"] == "Masks"
    assert client.get("/api/search", {"q": "masks", "lang": "fr"}).status_code == 400


# On PostgreSQL a search's queries run in a transaction of their own with sequential scans discouraged
# (tests/test_search_postgresql_plans.py): a fixed few statements a search, which read nothing.
PLANNER_SETTING = (
    "BEGIN",
    "COMMIT",
    "SAVEPOINT",
    "RELEASE SAVEPOINT",
    "SET LOCAL",
    "SELECT current_setting(",
    "SELECT set_config(",
)


def reads(captured):
    return [query for query in captured if not query["sql"].startswith(PLANNER_SETTING)]


def test_query_count_is_flat_as_results_grow(client, make_question):
    author = AuthorFactory(slug="a", name_en="Author", name_zh_hans="作者")

    def add(count):
        for _ in range(count):
            question = make_question(
                title_en="Isolation", body_en="Isolation wards.", title_zh="隔离", body_zh="隔离病房"
            )
            question.authors.add(author)

    def queries(path, **params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, params).status_code == 200
        return len(reads(captured))

    add(12)
    first, second = queries("/en/search/", q="isolation"), queries("/en/search/", q="isolation", page="2")
    # The API: four for the questions, two for the regions and programmes (tests/test_search_places.py).
    assert queries("/api/search", q="隔离") <= 6
    add(15)
    assert queries("/en/search/", q="isolation") == first
    assert queries("/en/search/", q="isolation", page="2") == second
    assert second == first - 2  # no regions or programmes after the first page
    assert queries("/api/search", q="隔离") <= 6


def test_api_gives_each_result_its_series(client, make_question):
    other = SeriesFactory(slug="wuhan-diary", title_en="Wuhan diary", title_zh_hans="")
    make_question(title_en="Masks in the hub", body_en="Masks.")
    wuhan = QuestionFactory(series=other, number=3, title_en="Masks in Wuhan", title_zh_hans="", body_zh_hans="")

    results = {item["title"]: item for item in api(client, q="masks", lang="zh-hans")["results"]}

    assert results["Masks in the hub"]["series"] == SERIES_SLUG
    assert results["Masks in the hub"]["series_title"] == SERIES_TITLE_ZH
    assert results["Masks in Wuhan"]["series"] == "wuhan-diary"
    assert results["Masks in Wuhan"]["series_title"] == "Wuhan diary"  # no Chinese title: the English one
    assert results["Masks in Wuhan"]["url"] == f"http://testserver{wuhan.url_for('zh-hans')}"
    assert wuhan.url_for("zh-hans") == "/zh-hans/wuhan-diary/3/"
    assert api(client, q="masks")["results"][0]["series_title"] in (SERIES_TITLE_EN, "Wuhan diary")

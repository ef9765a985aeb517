"""Search pages kept for readers: a query asked again is answered from this process's own store without the
database, in each language, until any content changes or a scheduled question goes public; never from the
shared cache nor by a browser or proxy, so a flood of queries pushes out only other searches."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qa.models import Question
from qa.search.indexing import rebuild_index
from qa.web import cache as page_cache
from tests.factories import QuestionFactory, SeriesFactory

TEXTS = {"en": ("vaccine", "Vaccine trials in Hubei"), "zh-hans": ("疫苗", "湖北的疫苗试验")}


@pytest.fixture
def served(transactional_db):
    """Committed content, as on a served site, where anonymous pages are kept."""
    series = SeriesFactory()
    return {
        "series": series,
        "question": QuestionFactory(
            series=series, number=1, title_en=TEXTS["en"][1], title_zh_hans=TEXTS["zh-hans"][1]
        ),
    }


def search_url(language, query, **extra):
    params = "&".join(f"{name}={value}" for name, value in {"q": query, **extra}.items())
    return f"/{language}/search/?{params}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_query_asked_again_is_answered_without_the_database(served, language, django_assert_num_queries):
    query, title = TEXTS[language]
    reader = Client()
    first = reader.get(search_url(language, query))
    assert first.status_code == 200 and title in first.content.decode()
    with django_assert_num_queries(0):
        again = reader.get(search_url(language, query, junk="1"))
    assert again.content == first.content
    for response in (first, again):
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        assert response["Content-Security-Policy"]


def test_each_query_page_and_language_is_its_own_entry(served):
    reader = Client()
    found = reader.get(search_url("en", "vaccine")).content.decode()
    assert "Vaccine trials" in found
    assert "Vaccine trials" not in reader.get(search_url("en", "masks")).content.decode()
    chinese = reader.get(search_url("zh-hans", "vaccine")).content.decode()
    assert TEXTS["zh-hans"][1] in chinese and "Vaccine trials" not in chinese
    assert reader.get(search_url("en", "vaccine", page="2")).content.decode() != found


def test_an_edit_or_an_unpublish_shows_at_once(served):
    reader = Client()
    assert "Vaccine trials" in reader.get(search_url("en", "vaccine")).content.decode()
    QuestionFactory(series=served["series"], number=2, title_en="Vaccine supply chains")
    assert "Vaccine supply chains" in reader.get(search_url("en", "vaccine")).content.decode()
    question = served["question"]
    question.status = question.DRAFT
    question.save()
    page = reader.get(search_url("en", "vaccine")).content.decode()
    assert "Vaccine trials" not in page and "Vaccine supply chains" in page


def test_staff_never_get_a_kept_search_page(served, admin_client):
    Client().get(search_url("en", "vaccine"))
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(search_url("en", "vaccine"))
    assert response.status_code == 200 and "Vaccine trials" in response.content.decode()
    assert any("qa_question" in query["sql"] for query in queries.captured_queries)


def test_searches_are_kept_by_the_process_alone_and_bounded(served, django_assert_max_num_queries):
    reader = Client()
    article = served["question"].url_for("en")
    reader.get(article)
    for number in range(60):
        reader.get(search_url("en", f"word{number}"))
    page_cache.served_pages.clear()
    with django_assert_max_num_queries(0):
        assert reader.get(article).status_code == 200  # still in the shared cache, not pushed out
    page_cache.searched_pages.clear()
    with django_assert_max_num_queries(20) as queries:
        reader.get(search_url("en", "word1"))
    assert len(queries) > 0  # the search was never in the shared cache
    assert page_cache.searched_pages.size <= page_cache.searched_pages.budget


def test_rebuilding_the_index_retires_kept_searches(served):
    """Even from an empty index, whose rebuild deletes no entry: what search finds has changed."""
    reader = Client()
    Question.objects.update(status=Question.DRAFT)  # as bulk SQL would, without signals
    rebuild_index()
    assert "Vaccine trials" not in reader.get(search_url("en", "vaccine")).content.decode()
    Question.objects.update(status=Question.PUBLISHED)
    rebuild_index()
    assert "Vaccine trials" in reader.get(search_url("en", "vaccine")).content.decode()

"""Feeds stay well-formed whatever is stored (the feeds' content is tested in test_production.py)."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from qa.web.feeds import without_forbidden
from qa.models import Author, Question, Series
from tests import reading_data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def stored_before_validation():
    """Question 3 with characters XML cannot carry, stored with update(), which skips validation.

    No NUL: PostgreSQL cannot store one at all.
    """
    content = reading_data.build()
    Question.objects.filter(pk=content["paired"].pk).update(
        title_en="How were\x0cprovinces paired?",
        summary_en="Nineteen provinces\x0b each supported one city.",
        summary_zh_hans="19个省份\x0b分别对口支援\ufffe湖北的一个城市。",
    )
    Author.objects.filter(pk=content["zhou"].pk).update(name_en="Zhou\x1f Taidong", name_zh_hans="周太东\x08")
    Series.objects.filter(pk=content["series"].pk).update(title_en="Fighting the COVID-19\x1b")
    return content


def entries(response, feed):
    root = ET.fromstring(response.content)
    if feed == "atom":
        return root, [
            (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary"), entry.findtext(f"{ATOM}author/{ATOM}name"))
            for entry in root.findall(f"{ATOM}entry")
        ]
    return root, [
        (item.findtext("title"), item.findtext("description"), item.findtext("{http://purl.org/dc/elements/1.1/}creator"))
        for item in root.find("channel").findall("item")
    ]


@pytest.mark.parametrize("feed", ["atom", "rss"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_feed_drops_characters_xml_cannot_carry(client, stored_before_validation, language, feed):
    response = client.get(f"/{language}/feeds/questions.{feed}")

    assert response.status_code == 200
    root, items = entries(response, feed)
    question_3 = items[1]
    if language == "en":
        assert question_3[0] == "Question 3: How wereprovinces paired?"
        assert question_3[1] == "Nineteen provinces each supported one city."
        assert question_3[2].startswith("Zhou Taidong")
        title = root.findtext(f"{ATOM}title" if feed == "atom" else "channel/title")
        assert title == "Fighting the COVID-19"
    else:
        assert question_3[1] == "19个省份分别对口支援湖北的一个城市。"
        assert question_3[2].startswith("周太东")


def test_without_forbidden_keeps_newlines_tabs_and_what_is_not_a_string():
    assert without_forbidden("a\tb\nc\x0bd\x00e\ud800f\x85") == "a\tb\ncdef"
    assert without_forbidden(None) is None
    assert without_forbidden(3) == 3

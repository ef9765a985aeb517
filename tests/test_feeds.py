"""The Atom and RSS feeds: what they list in each language, that every page links them, and that they stay
well-formed whatever is stored."""

import xml.etree.ElementTree as ET

import pytest

from qa.languages import language_tag
from qa.models import Author, Question, Series
from qa.web.feeds import without_forbidden
from tests import reading_data
from tests.factories import QuestionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def hub_series(db):
    """The series' titles are the feeds' titles, asserted below."""
    return SeriesFactory(title_en="Fighting COVID-19: 100 Q&As", title_zh_hans="抗击新冠肺炎100问")


# What the feeds list -------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_atom_feed_of_the_series(client, hub, language):
    response = client.get(f"/{language}/qa/questions.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language_tag(language)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    if language == "en":
        assert titles == ["Question 2: Question title 2", "Question 1: Question title 1"]
        assert feed.findtext(f"{ATOM}title") == "Fighting COVID-19: 100 Q&As"
    else:
        # Question 2 has no Chinese yet: its original English title stands in.
        assert titles == ["第2问：Question title 2", "第1问：问题标题1"]
        assert feed.findtext(f"{ATOM}title") == "抗击新冠肺炎100问"
    assert links[1] == "http://testserver" + hub["published"].url_for(language)
    assert not any("draft" in title.lower() or "草稿" in title for title in titles)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_rss_feed(client, hub, language):
    response = client.get(f"/{language}/feeds/questions.rss")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language_tag(language)
    items = channel.findall("item")
    assert len(items) == 2
    descriptions = [item.findtext("description") for item in items]
    assert descriptions == (["Summary 2", "Summary 1"] if language == "en" else ["Summary 2", "摘要1"])
    assert b"Secret draft" not in response.content and "秘密草稿".encode() not in response.content


def test_feed_query_count_stays_flat(client, hub, django_assert_max_num_queries):
    for number in range(4, 20):
        QuestionFactory(series=hub["series"], number=number)
    with django_assert_max_num_queries(4):
        assert client.get("/en/feeds/questions.atom").status_code == 200


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_links_its_feeds(client, hub, language):
    for path in [f"/{language}/", hub["published"].url_for(language), f"/{language}/authors/"]:
        html = client.get(path).content.decode()
        assert 'type="application/atom+xml" title="' in html
        assert f'href="/{language}/feeds/questions.atom"' in html
        assert f'href="/{language}/feeds/questions.rss"' in html


def test_bad_feed_address_is_a_404(client, hub):
    assert client.get("/en/feeds/questions.json").status_code == 404


# Well-formed whatever is stored ----------------------------------------------------


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
            (
                entry.findtext(f"{ATOM}title"),
                entry.findtext(f"{ATOM}summary"),
                entry.findtext(f"{ATOM}author/{ATOM}name"),
            )
            for entry in root.findall(f"{ATOM}entry")
        ]
    return root, [
        (item.findtext("title"), item.findtext("description"), item.findtext(f"{DUBLIN_CORE}creator"))
        for item in root.find("channel").findall("item")
    ]


@pytest.mark.parametrize("feed", ["atom", "rss"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_feed_drops_characters_xml_cannot_carry(client, stored_before_validation, language, feed):
    response = client.get(f"/{language}/qa/questions.{feed}")

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

"""Open Graph and JSON-LD: question pages describe themselves to search engines and link previews."""

import json
import re

import pytest
from django.utils import timezone

from qa.languages import language_tag
from tests.factories import SeriesFactory, TopicFactory

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def hub_series(db):
    """The series' titles are asserted below."""
    return SeriesFactory(title_en="Fighting COVID-19: 100 Q&As", title_zh_hans="抗击新冠肺炎100问")


def json_ld(html):
    scripts = LD_JSON.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_question_page_describes_itself(client, hub, language):
    question = hub["published"]
    html = client.get(question.url_for(language)).content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == ("Question title 1" if language == "en" else "问题标题1")
    assert data["inLanguage"] == language_tag(language)
    assert data["datePublished"] == "2020-03-01"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Author 1" if language == "en" else "作者1",
            "url": f"http://testserver/{language}/authors/author-1/",
        }
    ]
    assert data["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert data["isPartOf"]["name"] == ("Fighting COVID-19: 100 Q&As" if language == "en" else "抗击新冠肺炎100问")
    assert data["isPartOf"]["url"] == f"http://testserver/{language}/qa/"
    assert data["position"] == 1 and data["dateModified"] == "2020-03-01" and "keywords" not in data
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["alternateName"] == "CIKD"
    assert data["url"] == "http://testserver" + question.url_for(language)
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver{question.url_for(language)}">' in html
    assert '<meta property="og:title" content="{}">'.format(data["headline"]) in html
    assert '<meta property="og:locale" content="{}">'.format("en_US" if language == "en" else "zh_CN") in html


def test_untranslated_question_describes_its_original_language(client, hub):
    data = json_ld(client.get(hub["untranslated"].url_for("zh-hans")).content.decode())
    assert data["inLanguage"] == "en"
    assert data["headline"] == "Question title 2"


def test_json_ld_cannot_be_broken_out_of(client, hub):
    question = hub["published"]
    question.title_en = '</script><script>alert("x")</script> & more'
    question.save()
    html = client.get(question.url_for("en")).content.decode()
    assert "<script>alert" not in html
    assert json_ld(html)["headline"] == question.title_en


def test_only_question_pages_carry_article_metadata(client, hub):
    html = client.get("/en/").content.decode()
    assert "application/ld+json" not in html
    assert "og:type" not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_topics_are_keywords_and_a_revision_is_the_date_modified(client, hub, language):
    question = hub["published"]
    question.topics.set([TopicFactory(name_en="Health", name_zh_hans="卫生")])
    question.body_en = "Revised."
    question.save()
    data = json_ld(client.get(question.url_for(language)).content.decode())
    assert data["keywords"] == ["Health" if language == "en" else "卫生"]
    assert data["dateModified"] == timezone.localdate().isoformat()

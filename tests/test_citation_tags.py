"""Citation metadata for tools: the Highwire Press citation_* tags on every page of a question and schema.org's
links between an original and its translations (JSON-LD)."""

import json
import re

import pytest

from qa.languages import in_script
from tests.citation_data import CIKD_EN, CIKD_ZH, HOST, LANGS, TITLE_EN, TITLE_ZH

pytestmark = pytest.mark.django_db


def meta_tags(html):
    return re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["question", "side-by-side"])
def test_every_page_of_a_question_carries_highwire_tags(client, reading_content, lang, page):
    question = reading_content["paired"]
    address = question.url_for(lang) if page == "question" else question.side_by_side_url_for(lang)
    tags = meta_tags(client.get(address).content.decode())
    chinese = lang != "en"
    title = (
        in_script("各省如何对口支援湖北各市？", lang) if chinese else "How were provinces paired with cities in Hubei?"
    )
    expected = [
        ("citation_title", title),
        ("citation_author", in_script("周太东", lang) if chinese else "Zhou Taidong"),
        ("citation_author", "Jane Doe"),
        ("citation_publication_date", "2020/03"),
        ("citation_language", {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[lang]),
        ("citation_publisher", in_script(CIKD_ZH, lang) if chinese else CIKD_EN),
        (
            "citation_series_title",
            in_script("抗击新冠肺炎疫情：100问", lang) if chinese else "Fighting the COVID-19: 100 Q&amp;As",
        ),
        ("citation_technical_report_institution", in_script(CIKD_ZH, lang) if chinese else CIKD_EN),
        ("citation_technical_report_number", "3"),
        ("citation_abstract_html_url", HOST + question.url_for(lang)),
        ("citation_public_url", HOST + question.url_for(lang)),
    ]
    assert tags == expected


def test_highwire_date_by_precision_and_language_of_an_untranslated_text(client, reading_content):
    tags = dict(meta_tags(client.get(reading_content["untranslated"].url_for("zh-hans")).content.decode()))
    assert tags["citation_publication_date"] == "2020/03/15"
    assert tags["citation_language"] == "en"
    assert tags["citation_abstract_html_url"] == HOST + reading_content["untranslated"].url_for("zh-hans")


def json_ld(html):
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script)


@pytest.mark.parametrize("lang", ["zh-hans", "zh-hant"])
def test_json_ld_of_a_translation_names_its_original(client, question_3, lang):
    data = json_ld(client.get(question_3.url_for(lang)).content.decode())
    assert data["inLanguage"] == {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[lang]
    assert data["translationOfWork"] == {
        "@type": "Article",
        "url": HOST + question_3.url_for("en"),
        "inLanguage": "en",
        "name": TITLE_EN,
    }
    assert "workTranslation" not in data


def test_json_ld_of_an_original_names_its_translations(client, question_3):
    data = json_ld(client.get(question_3.url_for("en")).content.decode())
    assert data["inLanguage"] == "en" and "translationOfWork" not in data
    assert data["workTranslation"] == [
        {"@type": "Article", "url": f"{HOST}/zh-hans/qa/3/", "inLanguage": "zh-Hans"},
        {"@type": "Article", "url": f"{HOST}/zh-hant/qa/3/", "inLanguage": "zh-Hant"},
    ]


def test_json_ld_of_a_chinese_original_and_its_traditional_conversion(client, question_3):
    question_3.original_language = "zh-hans"
    question_3.save()
    english = {"@type": "Article", "url": HOST + question_3.url_for("en"), "inLanguage": "en"}
    for lang in ("zh-hans", "zh-hant"):
        data = json_ld(client.get(question_3.url_for(lang)).content.decode())
        assert data["workTranslation"] == [english] and "translationOfWork" not in data
    data = json_ld(client.get(question_3.url_for("en")).content.decode())
    assert data["translationOfWork"]["inLanguage"] == "zh-Hans" and data["translationOfWork"]["name"] == TITLE_ZH


def test_json_ld_of_an_untranslated_question_names_no_translation(client, reading_content):
    data = json_ld(client.get(reading_content["untranslated"].url_for("zh-hans")).content.decode())
    assert data["inLanguage"] == "en"
    assert "workTranslation" not in data and "translationOfWork" not in data

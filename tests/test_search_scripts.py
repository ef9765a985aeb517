"""Search ignores the Simplified / Traditional difference, and shows results in the reader's script.

Queries in either script find texts in the other (the index and the queries are
kept Simplified), on whichever database the suite runs on; results on /zh-hant/
pages are in Traditional characters with the matches marked; Chinese excerpts
are joined and cut as Chinese is written.
"""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.languages import in_script
from qa.models import Question
from qa.search.highlight import Highlighter
from qa.search.places import find_places
from qa.search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse_query
from qa.search.related import related_questions
from qa.search.results import search
from qa.search.scripts import shadow
from qa.search.text import COLUMNS, document
from tests.factories import QuestionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

# Question 3 as the bundle has it, shortened: Simplified text with 健康码 and 对口支援.
Q3_TITLE_ZH = "中国抗击新冠肺炎疫情为何采取对口支援？"
Q3_SUMMARY_ZH = "19个省份对口支援湖北16个市州及县级市。"
Q3_BODY_ZH = "2020年2月，湖北各地推行健康码，人员凭健康码出行。对口支援是以强扶弱的制度安排。"


@pytest.fixture
def question_3(db):
    return QuestionFactory(
        series=SeriesFactory(),
        number=3,
        authors=[],
        title_en="Why did China adopt partner assistance in fighting COVID-19?",
        title_zh_hans=Q3_TITLE_ZH,
        summary_en="Nineteen provinces supported sixteen cities of Hubei.",
        summary_zh_hans=Q3_SUMMARY_ZH,
        body_en="In February 2020 Hubei introduced health codes. Partner assistance pairs the strong with the weak.",
        body_zh_hans=Q3_BODY_ZH,
    )


@pytest.fixture
def pasted_traditional(question_3):
    """A question whose stored Chinese text holds Traditional characters, as pasted from a Hong Kong source."""
    return QuestionFactory(
        series=question_3.series,
        number=4,
        authors=[],
        title_en="Health codes in Hong Kong",
        title_zh_hans="香港的健康碼",
        summary_en="",
        summary_zh_hans="",
        body_en="Hong Kong issued health codes too.",
        body_zh_hans="香港也推出了健康碼，與內地對口支援的經驗不同。",
    )


def numbers(query, language="en"):
    return sorted(result.question.number for result in search(query, language).results)


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


# --- Either script finds the other -----------------------------------------------


@pytest.mark.parametrize("query", ["健康碼", "對口支援", "健康码", "对口支援", "對口支援 健康碼", "抗擊新冠", "為何"])
def test_a_query_in_either_script_finds_simplified_text(question_3, query):
    assert numbers(query) == [3]


@pytest.mark.parametrize("query", ["健康码", "健康碼", "对口支援", "與内地", "与內地"])
def test_a_query_in_either_script_finds_traditional_characters_in_stored_text(pasted_traditional, query):
    assert 4 in numbers(query)


def test_each_page_language_finds_the_other_script(client, question_3):
    for language in ("en", "zh-hans", "zh-hant"):
        for query in ("健康碼", "健康码"):
            body = page(client, f"/{language}/search/", q=query)
            assert question_3.url_for(language) in body, (language, query)


def test_a_single_traditional_character_is_a_simplified_prefix(question_3):
    assert numbers("碼") == [3]
    assert numbers("击") == [3]


def test_the_index_and_the_terms_are_simplified_the_query_as_typed(pasted_traditional):
    texts = document(pasted_traditional, [])
    assert set(texts) == set(COLUMNS)  # one column per stored language, none for zh-hant
    assert texts["title_zh_hans"] == "香港的健康码"
    assert "健康码，与内地对口支援" in texts["body_zh_hans"]

    query = parse_query("對口支援 健康碼")
    assert query.text == "對口支援 健康碼"
    assert [term.text for term in query.terms] == ["对口支援", "健康码"]


def test_a_traditional_query_stays_bounded(question_3):
    query = parse_query("對口支援 " * 100)
    assert len(query.text) <= MAX_QUERY_LENGTH and query.truncated
    assert len(query.terms) <= MAX_TERMS
    long = parse_query(" ".join(f"健康碼{i}" for i in range(100)))
    assert len(long.terms) == MAX_TERMS


def test_the_api_finds_the_other_script(client, question_3):
    data = json.loads(page(client, "/api/search", q="健康碼", lang="zh-hans"))
    assert data["query"] == "健康碼"
    assert [item["number"] for item in data["results"]] == [3]
    assert "<mark>健康码</mark>" in data["results"][0]["snippet"]


# --- Regions and programmes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, codes",
    [
        ("孝感", ["xiaogan"]),
        ("鄂州", ["ezhou"]),
        ("黃岡", ["huanggang"]),
        ("咸寧", ["xianning"]),
        ("黃岡市對口支援", ["huanggang"]),
        ("孝感 恩施", ["xiaogan", "enshi"]),
        ("湖北省", ["hubei"]),
        ("黑龍江", ["heilongjiang"]),
    ],
)
def test_traditional_region_names_find_the_region(programme, query, codes):
    places = find_places(parse_query(query))
    assert [region.code for region in places.regions] == codes
    assert [p.slug for p in places.programmes] == [programme.slug]


def test_a_traditional_programme_name_finds_the_programme(programme):
    assert [p.slug for p in find_places(parse_query("對口支援湖北")).programmes] == [programme.slug]


def test_places_on_a_traditional_page_are_in_traditional(client, programme):
    body = page(client, "/zh-hant/search/", q="黃岡")
    assert 'href="/zh-hant/partner-assistance/regions/huanggang/"' in body
    assert "黃岡市" in body and "黄冈市" not in body
    assert "2020年對口支援湖北" in body


# --- Related questions -------------------------------------------------------------------


def test_related_questions_meet_across_scripts(question_3, pasted_traditional):
    other = QuestionFactory(
        series=question_3.series,
        authors=[],
        title_en="Masks",
        title_zh_hans="口罩",
        summary_zh_hans="",
        body_zh_hans="口罩。",
    )
    # 香港的健康碼: its bigram 健康 is Question 3's 健康码 too, whatever the script it was pasted in.
    assert question_3 in related_questions(pasted_traditional)
    assert other not in related_questions(pasted_traditional)


# --- Traditional results ----------------------------------------------------------------


def test_traditional_page_shows_results_in_traditional_with_marks(client, question_3):
    for query in ("对口支援", "對口支援"):
        body = page(client, "/zh-hant/search/", q=query)
        assert '<html lang="zh-Hant">' in body
        assert f'<span class="title">{in_script(Q3_TITLE_ZH, "zh-hant")}</span>' in body
        assert "中國抗擊新冠肺炎疫情為何採取對口支援？" in body
        assert '<p class="snippet">19個省份<mark>對口支援</mark>湖北16個市州及縣級市。' in body
        assert "对口支援" not in text_of(body.split('<ol class="search-results"')[1])
        assert "共找到1篇與「" in body  # the count from the zh_Hant catalogue
        assert "第3問" in body


def test_traditional_page_marks_the_other_scripts_query_in_the_body(client, question_3):
    body = page(client, "/zh-hant/search/", q="健康码")
    assert "<mark>健康碼</mark>" in body and "健康码" not in text_of(body.split('<ol class="search-results"')[1])


def test_traditional_page_gives_untranslated_text_its_own_lang(client, question_3):
    english = QuestionFactory(series=question_3.series, authors=[], untranslated=True, title_en="Health codes")
    body = page(client, "/zh-hant/search/", q="health")
    assert english.url_for("zh-hant") in body
    assert '<span class="title" lang="en">Health codes</span>' in body
    # Found in the English text of Question 3: the snippet is English, with its lang.
    assert '<p class="snippet" lang="en">' in body


def test_simplified_page_keeps_simplified(client, question_3):
    body = page(client, "/zh-hans/search/", q="對口支援")
    assert f'<span class="title">{Q3_TITLE_ZH}</span>' in body
    assert "<mark>对口支援</mark>" in body


def test_the_api_in_traditional(client, question_3):
    data = json.loads(page(client, "/api/search", q="对口支援", lang="zh-hant"))
    [result] = data["results"]
    assert result["title"] == "中國抗擊新冠肺炎疫情為何採取對口支援？"
    assert result["language"] == "zh-hant"
    assert result["url"].endswith(question_3.url_for("zh-hant"))
    assert "<mark>對口支援</mark>" in result["snippet"]


def test_marks_survive_conversion_and_escaping():
    highlighter = Highlighter(parse_query("对口支援"), "porter")
    text = in_script("<b>对口支援</b>“对口支援”", "zh-hant")
    assert str(highlighter.snippet(text, "zh-hant")) == (
        "&lt;b&gt;<mark>對口支援</mark>&lt;/b&gt;「<mark>對口支援</mark>」"
    )
    assert len(shadow(text)) == len(text)


# --- Chinese typography of results ----------------------------------------------------


def test_summary_and_body_join_without_a_space_in_chinese(client, question_3):
    body = page(client, "/zh-hans/search/", q="县级市")
    assert "县级市</mark>。2020年2月" in body
    assert "。 2020" not in body
    english = page(client, "/en/search/", q="Hubei")
    assert "<mark>Hubei</mark>. In February 2020" in english


LONG = (
    "疫情发生以后，党中央高度重视，迅速作出部署，全国各地纷纷派出医疗队驰援湖北，"
    "在各方面的共同努力下，医疗物资的供应逐步得到保障，各地的防控工作也有序展开；"
    "全国人民团结一心抗击疫情，最终取得了武汉保卫战、湖北保卫战的决定性成果。"
    "此后，各地继续做好常态化疫情防控工作，巩固来之不易的成果，防止疫情出现反弹。"
)


def snippet(query, text, language="zh-hans"):
    return str(Highlighter(parse_query(query), "porter").snippet(text, language))


def test_a_chinese_snippet_starts_and_ends_at_clause_boundaries():
    excerpt = snippet("抗击", LONG)
    assert excerpt.startswith("…")
    start = LONG.index(text_of(excerpt)[1:6])
    assert LONG[start - 1] in "，。；：！？、"
    visible = text_of(excerpt).strip("…")
    assert visible[-1] in "，。；：！？、"
    assert "<mark>抗击</mark>" in excerpt
    assert len(visible) <= 90 + 30
    assert excerpt.endswith("决定性成果。…")  # a sentence end is preferred to a comma


def test_a_chinese_snippet_never_cuts_a_word_without_punctuation_near():
    text = "甲" * 100 + "抗击疫情" + "乙" * 200
    excerpt = snippet("抗击", text)
    assert excerpt.startswith("…<mark>抗击</mark>")  # no boundary in the window: it starts at the match
    assert excerpt.endswith("…")
    assert "击" not in excerpt.replace("<mark>抗击</mark>", "")


def test_a_chinese_snippet_cut_is_never_inside_the_match():
    for offset in range(len(LONG) + 1):
        text = LONG[:offset] + "对口支援" + LONG[offset:]
        excerpt = snippet("对口支援", text)
        assert "<mark>对口支援</mark>" in excerpt, offset
        visible = text_of(excerpt)
        assert visible.startswith(("…", LONG[:1] if offset else "对")), offset
        if visible.startswith("…"):
            before = text.index(visible.strip("…"))
            assert text[before - 1] in "，。；：！？、" or text[before:].startswith("对口支援"), offset
        if visible.endswith("…"):
            assert visible[-2] in "，。；：！？、" or visible[:-1].endswith("对口支援"), offset


def test_a_short_chinese_text_is_whole():
    assert snippet("湖北", "支援湖北。") == "支援<mark>湖北</mark>。"


def test_english_snippets_still_cut_between_words():
    text = "word " * 60 + "assistance " + "word " * 60
    excerpt = snippet("assistance", text, "en")
    assert excerpt.startswith("…word") and excerpt.endswith("…")
    assert "<mark>assistance</mark>" in excerpt


def test_no_half_width_space_after_a_full_stop_in_the_chinese_pager(client, question_3):
    body = page(client, "/zh-hans/search/", q="对口支援", page="3")
    assert "搜索结果没有第3页，共1页。回到第一页" in text_of(body)
    traditional = page(client, "/zh-hant/search/", q="对口支援", page="3")
    assert "搜索結果沒有第3頁，共1頁。回到第一頁" in text_of(traditional)
    english = page(client, "/en/search/", q="partner", page="3")
    assert "There is no page 3 of these results; they fit on one page. Go to the first page" in text_of(english)


# --- Bounded --------------------------------------------------------------------------------


def test_query_count_is_flat_on_a_traditional_page(client, question_3):
    def add(count):
        for _ in range(count):
            QuestionFactory(
                series=question_3.series,
                title_zh_hans="健康码的使用",
                body_zh_hans="健康码，对口支援。",
                published=datetime.date(2020, 3, 2),
                status=Question.PUBLISHED,
            )

    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/zh-hant/search/", params).status_code == 200
        return len(captured)

    add(12)
    many = queries(q="健康碼")
    add(10)
    assert queries(q="健康碼") == many
    assert queries(q="健康碼", page="2") == many - 2  # no regions or programmes after the first page

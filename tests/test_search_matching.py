"""What a search matches, on either database: Chinese by bigrams and single characters, English by stems,
phrases, every word, author names in both languages; titles ranked first; snippets marked and escaped."""

import html

import pytest

from qa.models import Authorship, Question
from qa.search.results import search
from tests.factories import AuthorFactory
from tests.searching import numbers

pytestmark = pytest.mark.django_db


# --- Chinese ---------------------------------------------------------------


def test_two_character_chinese_finds_every_question_containing_it(make_question):
    start = make_question(title_zh="湖北的医疗队", body_zh="正文")
    middle = make_question(title_zh="支援", body_zh="全国支援湖北省抗击疫情。")
    end = make_question(title_zh="地图", body_zh="（见图）这里是湖北")
    alone = make_question(title_zh="湖北", body_zh="。")
    make_question(title_zh="北京", body_zh="湖南和北京；湖。北")
    make_question(title_zh="湖北草稿", body_zh="湖北", status=Question.DRAFT)

    assert sorted(numbers("湖北")) == sorted([start.number, middle.number, end.number, alone.number])


def test_longer_chinese_query_is_a_phrase_of_its_bigrams(make_question):
    wuhan = make_question(title_zh="武汉", body_zh="武汉市的方舱医院在二月建成。")
    split = make_question(title_zh="方舱", body_zh="方舱在武汉，医院在北京。")

    assert numbers("方舱医院") == [wuhan.number]
    assert sorted(numbers("方舱 医院")) == sorted([wuhan.number, split.number])


def test_one_character_chinese_finds_the_character_anywhere(make_question):
    first = make_question(title_zh="湖北", body_zh="正文")
    last = make_question(title_zh="洞庭湖", body_zh="正文")
    single = make_question(title_zh="题", body_zh="在湖，在北")
    make_question(title_zh="北京", body_zh="没有")

    assert sorted(numbers("湖")) == sorted([first.number, last.number, single.number])


def test_chinese_query_finds_chinese_text_from_an_english_page(client, make_question):
    question = make_question(
        title_en="Pairing assistance",
        body_en="Provinces paired with cities.",
        title_zh="对口支援",
        body_zh="十九个省份对口支援湖北",
    )

    response = client.get("/en/search/", {"q": "对口支援"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Pairing assistance" in body
    assert "Found in the Simplified Chinese text" in body
    assert '<p class="snippet" lang="zh-Hans">十九个省份<mark>对口支援</mark>湖北</p>' in body
    assert question.get_absolute_url() in body


# --- English ---------------------------------------------------------------


def test_english_is_case_insensitive_and_finds_inflected_forms(make_question):
    plural = make_question(title_en="Support", body_en="Nineteen Provinces sent teams.")
    singular = make_question(title_en="Hubei", body_en="The province of Hubei.")
    make_question(title_en="Other", body_en="Nothing relevant.")

    assert sorted(numbers("province")) == sorted([plural.number, singular.number])
    assert sorted(numbers("PROVINCES")) == sorted([plural.number, singular.number])


def test_english_query_finds_english_text_from_a_chinese_page(client, make_question):
    make_question(title_en="Vaccines", body_en="Vaccination started in December.", title_zh="疫苗", body_zh="疫苗接种")

    response = client.get("/zh-hans/search/", {"q": "vaccination"})

    body = response.content.decode()
    assert '<span class="title">疫苗</span>' in body
    assert "<mark>Vaccination</mark>" in body
    assert '<p class="snippet" lang="en">' in body


def test_quoted_words_match_as_a_phrase(make_question):
    phrase = make_question(title_en="A", body_en="Public health measures worked.")
    make_question(title_en="B", body_en="The health of the public.")

    assert numbers('"public health"') == [phrase.number]
    assert len(numbers("public health")) == 2


def test_several_words_must_all_match(make_question):
    both = make_question(title_en="Masks", body_en="Masks and vaccines.")
    make_question(title_en="Masks only", body_en="Masks.")
    make_question(title_en="Vaccines only", body_en="Vaccines.")
    mixed = make_question(title_en="Masks", body_en="Masks.", title_zh="口罩", body_zh="口罩和疫苗")

    assert numbers("masks vaccines") == [both.number]
    assert numbers("口罩 疫苗") == [mixed.number]
    assert numbers("masks 疫苗") == [mixed.number]  # each word may match in either language


def test_author_names_match_in_both_languages(make_question):
    author = AuthorFactory(slug="zhong-nanshan", name_en="Zhong Nanshan", name_zh_hans="钟南山")
    question = make_question(title_en="Experts", body_en="Text.", title_zh="专家", body_zh="正文")
    Authorship.objects.create(question=question, author=author)

    assert numbers("nanshan") == [question.number]
    assert numbers("钟南山", "en") == [question.number]


# --- Ranking and snippets ----------------------------------------------------


def test_title_match_ranks_above_body_matches(make_question):
    body = make_question(title_en="Lockdown", body_en="Quarantine, quarantine, quarantine and quarantine.")
    title = make_question(title_en="Quarantine rules", body_en="Rules.")
    zh_body = make_question(title_zh="封城", body_zh="隔离隔离隔离隔离隔离")
    zh_title = make_question(title_zh="隔离规定", body_zh="规定")

    assert numbers("quarantine") == [title.number, body.number]
    assert numbers("隔离") == [zh_title.number, zh_body.number]


def test_more_relevant_body_ranks_higher(make_question):
    once = make_question(
        title_en="One", body_en="Ventilators were one item among very many others listed here at length."
    )
    often = make_question(title_en="Two", body_en="Ventilators, ventilators, ventilators.")

    assert numbers("ventilators") == [often.number, once.number]


def test_snippet_marks_matches_and_escapes_everything_else(client, make_question):
    make_question(title_en="Escaping", body_en='Masks <script>alert("x")</script> & gloves protect.')

    [result] = search("masks", "en").results
    assert str(result.snippet) == (
        "<mark>Masks</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; gloves protect."
    )

    body = client.get("/en/search/", {"q": "masks"}).content.decode()
    assert "<script>" not in body
    assert "<mark>Masks</mark> &lt;script&gt;" in body
    body = client.get("/en/search/", {"q": '<img src=x onerror="alert(1)">'}).content.decode()
    assert "<img" not in body and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body


def test_snippet_is_an_excerpt_around_the_first_match(make_question):
    make_question(title_en="Long", body_en="Filler words. " * 60 + "Oxygen supplies arrived. " + "More filler. " * 60)

    [result] = search("oxygen", "en").results
    snippet = str(result.snippet)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Oxygen</mark> supplies arrived." in snippet
    assert len(html.unescape(snippet)) < 260

import datetime
import html
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.models import Authorship, Question, SearchEntry
from qa.search.query import MAX_QUERY_LENGTH, parse_query
from qa.search.results import search
from tests.factories import SERIES_SLUG, SERIES_TITLE_EN, SERIES_TITLE_ZH, AuthorFactory, QuestionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_question(hub_series):
    """A question with only the given text (no default summary, body or byline), so each search sees just that."""

    def make(title_en="", title_zh="", body_en="", body_zh="", summary_en="", status=Question.PUBLISHED, **extra):
        return QuestionFactory(
            series=hub_series,
            title_en=title_en or None,
            title_zh_hans=title_zh or None,
            summary_en=summary_en or None,
            summary_zh_hans=None,
            body_en=body_en or None,
            body_zh_hans=body_zh or None,
            status=status,
            published=datetime.date(2020, 3, 1),
            original_language="zh-hans" if title_zh and not title_en else "en",
            authors=[],
            **extra,
        )

    return make


def numbers(query, language="en", page=1):
    return [result.question.number for result in search(query, language, page).results]


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


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


# --- Drafts and the index following writes -----------------------------------


def test_drafts_never_appear_even_to_staff(client, admin_user, make_question):
    make_question(title_en="Secret draft", body_en="Unpublished findings.", status=Question.DRAFT)
    client.force_login(admin_user)

    assert numbers("unpublished") == []
    assert "Secret draft" not in client.get("/en/search/", {"q": "unpublished"}).content.decode()
    assert api(client, q="unpublished")["count"] == 0
    assert not SearchEntry.objects.exists()


def test_index_follows_save_unpublish_and_delete(make_question):
    question = make_question(title_en="Testing", body_en="Nucleic acid tests.", status=Question.DRAFT)
    assert numbers("nucleic") == []

    question.status = Question.PUBLISHED
    question.save()
    assert numbers("nucleic") == [question.number]

    question.body_en = "Antigen tests."
    question.save()
    assert numbers("nucleic") == []
    assert numbers("antigen") == [question.number]

    question.body_zh_hans = "核酸检测"
    question.save()
    assert numbers("核酸") == [question.number]

    question.status = Question.DRAFT
    question.save()
    assert numbers("antigen") == []

    question.status = Question.PUBLISHED
    question.save()
    Question.objects.filter(pk=question.pk).delete()
    assert numbers("antigen") == []
    assert not SearchEntry.objects.exists()


def test_index_follows_bylines_and_author_renames(make_question):
    question = make_question(title_en="Experts", body_en="Text.")
    author = AuthorFactory(slug="li", name_en="Li Lanjuan", name_zh_hans="李兰娟")

    question.authors.add(author)
    assert numbers("lanjuan") == [question.number]

    author.name_en = "Lanjuan Li"
    author.name_zh_hans = "李兰娟院士"
    author.save()
    assert numbers("院士") == [question.number]

    question.authors.remove(author)
    assert numbers("lanjuan") == []

    authorship = Authorship.objects.create(question=question, author=author)
    assert numbers("lanjuan") == [question.number]
    authorship.delete()
    assert numbers("lanjuan") == []

    author.questions.add(question)
    assert numbers("lanjuan") == [question.number]
    author.questions.clear()
    assert numbers("lanjuan") == []


def test_index_follows_a_restored_revision(make_question):
    from reversion.models import Version

    from qa.editorial.revisions import recorded

    question = make_question(title_en="Equipment", body_en="Oxygen concentrators.")
    with recorded("Before"):
        question.save()
    with recorded("Edit"):
        question.body_en = "Ventilators."
        question.save()
    assert numbers("oxygen") == []

    Version.objects.get_for_object(question).last().revision.revert()

    assert numbers("oxygen") == [question.number]
    assert numbers("ventilators") == []


def test_rebuild_search_index_command(make_question):
    question = make_question(title_en="Rebuild", body_en="Fangcang hospitals.")
    make_question(title_en="Draft", body_en="Fangcang draft.", status=Question.DRAFT)
    SearchEntry.objects.all().delete()
    assert numbers("fangcang") == []

    call_command("rebuild_search_index", verbosity=0)

    assert numbers("fangcang") == [question.number]
    assert SearchEntry.objects.count() == 1


# --- Safety ------------------------------------------------------------------

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


# --- Pages -------------------------------------------------------------------


def test_ten_results_per_page_with_plain_links(client, make_question):
    for index in range(12):
        make_question(title_en=f"Hospital {index}", body_en="Hospital beds.")

    first = client.get("/en/search/", {"q": "hospital"}).content.decode()
    assert first.count('<li>') >= 10 and "12 questions match “hospital”." in first
    assert 'href="/en/search/?q=hospital&amp;page=2"' in first
    assert len(search("hospital", "en", 1).results) == 10
    assert len(search("hospital", "en", 2).results) == 2

    second = client.get("/en/search/", {"q": "hospital", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and 'rel="prev"' in second

    beyond = client.get("/en/search/", {"q": "hospital", "page": "3"})
    assert beyond.status_code == 200
    assert "There is no page 3 of these results; there are 2." in beyond.content.decode()

    for page in ("abc", "-1", "0", "9" * 40):
        assert client.get("/en/search/", {"q": "hospital", "page": page}).status_code == 200
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


def test_query_count_is_flat_as_results_grow(client, make_question, django_assert_max_num_queries):
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
        return len(captured)

    add(12)
    first, second = queries("/en/search/", q="isolation"), queries("/en/search/", q="isolation", page="2")
    # The API: four for the questions, two for the regions and programmes (tests/test_search_places.py).
    with django_assert_max_num_queries(6):
        client.get("/api/search", {"q": "隔离"})
    add(15)
    assert queries("/en/search/", q="isolation") == first
    assert queries("/en/search/", q="isolation", page="2") == second
    assert second == first - 2  # no regions or programmes after the first page
    with django_assert_max_num_queries(6):
        client.get("/api/search", {"q": "隔离"})


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

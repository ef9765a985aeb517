"""Related questions: shared topics first, then the nearest by search on the question's titles; on either database."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.models import Question
from qa.search.related import related_questions, title_terms
from tests.factories import AuthorFactory, QuestionFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_question(hub_series):
    """A published question with only the given titles and body, so the search sees just that."""

    def make(title_en="", title_zh="", body="", published=datetime.date(2020, 3, 1), topics=(), authors=(), **extra):
        question = QuestionFactory(
            title_en=title_en or None,
            title_zh_hans=title_zh or None,
            summary_en=None,
            summary_zh_hans=None,
            body_en=(body or "Text.") if title_en else None,
            body_zh_hans="正文。" if title_zh else None,
            original_language="en" if title_en else "zh-hans",
            published=published,
            authors=list(authors),
            **extra,
        )
        question.topics.set(topics)
        return question

    return make


def related(question, **kwargs):
    return related_questions(Question.objects.prefetch_related("topics").get(pk=question.pk), **kwargs)


def numbers(questions):
    return [question.number for question in questions]


def test_the_most_shared_topics_first_then_the_newest(make_question):
    masks, vaccines, wards = TopicFactory(), TopicFactory(), TopicFactory()
    question = make_question("Protective equipment", topics=[masks, vaccines, wards])
    one_old = make_question("Gloves", published=datetime.date(2020, 1, 1), topics=[wards])
    two = make_question("Respirators", published=datetime.date(2020, 2, 1), topics=[masks, vaccines])
    one_new = make_question("Gowns", published=datetime.date(2020, 4, 1), topics=[masks])
    make_question("Ventilators")  # no shared topic, no shared word

    assert numbers(related(question)) == [two.number, one_new.number, one_old.number]


def test_the_best_five_of_many_sharing_topics_in_order(make_question):
    masks, wards = TopicFactory(), TopicFactory()
    question = make_question("Protective equipment", topics=[masks, wards])
    both = [
        make_question("Respirators", published=datetime.date(2020, 2, day), topics=[masks, wards]) for day in (1, 9)
    ]
    one = [make_question("Gloves", published=datetime.date(2020, 3, day), topics=[wards]) for day in (1, 5, 9, 20)]

    expected = [both[1], both[0], one[3], one[2], one[1]]
    assert numbers(related(question)) == [other.number for other in expected]


def test_ranked_by_their_keys_and_only_the_chosen_read_whole(make_question):
    topic = TopicFactory()
    question = make_question("Isolation wards", topics=[topic])
    for _ in range(8):
        make_question("Isolation", topics=[topic])
    question = Question.objects.prefetch_related("topics").get(pk=question.pk)

    with CaptureQueriesContext(connection) as queries:
        assert len(related_questions(question)) == 5

    (sql,) = [query["sql"] for query in queries]
    ranking = sql[sql.index("IN (SELECT") : sql.index("LIMIT")]
    assert "body" in sql and "body" not in ranking


def test_filled_with_the_nearest_by_search_best_first(make_question):
    topic = TopicFactory()
    question = make_question("How did the other provinces support Hubei?", topics=[topic])
    sharing = make_question("Medical teams", topics=[topic])
    best = make_question("Provinces that support Hubei")
    good = make_question("Hospitals in Hubei", body="Hubei and provinces.")
    weak = make_question("Medicine", body="Shipped to Hubei.")
    make_question("How did the vaccine work?")  # only stop words in common
    make_question("What is the role of the state in the economy?")

    assert numbers(related(question)) == [sharing.number, best.number, good.number, weak.number]


def test_chinese_titles_relate_by_their_bigrams(make_question):
    question = make_question(title_zh="其他省份如何支援湖北？")
    hospitals = make_question(title_zh="湖北的医院")
    provinces = make_question(title_zh="省份支援湖北的方式")
    make_question(title_zh="如何接种疫苗？")  # 如何, "how", relates nothing
    make_question(title_zh="北京")

    assert numbers(related(question)) == [provinces.number, hospitals.number]


def test_each_language_of_the_title_counts(make_question):
    question = make_question("Fangcang shelter hospitals", title_zh="方舱医院")
    english = make_question("Shelter hospitals in Wuhan")
    chinese = make_question(title_zh="武汉方舱医院的建设")

    assert sorted(numbers(related(question))) == sorted([english.number, chinese.number])


def test_never_itself_a_draft_or_twice_and_at_most_the_limit(make_question):
    topic = TopicFactory()
    question = make_question("Masks and gloves", topics=[topic])
    both = make_question("Masks", topics=[topic])  # shares a topic and a word: listed once
    make_question("Masks draft", topics=[topic], status=Question.DRAFT)
    make_question("Gloves draft", status=Question.DRAFT)
    others = [make_question(f"Masks {n}") for n in range(8)]

    found = related(question)

    assert len(found) == 5
    assert numbers(found)[0] == both.number
    assert len(set(numbers(found))) == 5
    assert question.number not in numbers(found)
    assert all(item.status == Question.PUBLISHED for item in found)
    assert set(numbers(found[1:])) <= {other.number for other in others}
    assert len(related(question, limit=2)) == 2


def test_questions_of_every_series(make_question):
    other = SeriesFactory(slug="wuhan-diary")
    question = make_question("Oxygen supplies")
    elsewhere = make_question("Oxygen in Wuhan", series=other, number=1)

    assert numbers(related(question)) == [elsewhere.number]
    assert related(question)[0].series == other


def test_a_question_with_nothing_to_share_has_none(make_question):
    question = make_question("What is it?")
    make_question("What is that?")

    assert related(question) == []


def test_a_title_is_never_query_syntax(make_question):
    question = make_question('NEAR(masks gloves) OR "x" * AND title:masks ^gloves :* | ! <->')
    masks = make_question("Masks")

    assert numbers(related(question)) == [masks.number]
    assert {term.text for term in title_terms(question)} == {"near", "masks", "gloves", "title"}


def test_loaded_with_series(make_question, django_assert_num_queries):
    topic = TopicFactory()
    question = make_question("Masks", topics=[topic])
    authors = AuthorFactory.create_batch(2)
    for _ in range(3):
        make_question("Masks", topics=[topic], authors=authors)
    found = related(question)

    with django_assert_num_queries(0):
        assert [item.series.path for item in found] == ["qa"] * 3
        assert [item.get_absolute_url() for item in found]


@pytest.mark.parametrize(
    "candidates, sharing, expected",
    [
        (3, 2, 3),  # those sharing topics, the search filling up to five, the questions it found
        (30, 2, 3),
        (3, 3, 2),  # the search finds no other question to load
        (30, 30, 1),  # five share topics: no search
    ],
)
def test_query_count_is_constant(make_question, candidates, sharing, expected):
    topic = TopicFactory()
    question = make_question("Isolation wards", title_zh="隔离病房", topics=[topic])
    for n in range(candidates):
        make_question("Isolation", title_zh="隔离", topics=[topic] if n < sharing else [])
    question = Question.objects.prefetch_related("topics").get(pk=question.pk)

    with CaptureQueriesContext(connection) as queries:
        found = related_questions(question)

    assert len(found) == min(5, candidates)
    assert len(queries) == expected


def test_the_question_page_gets_them(client, make_question):
    topic = TopicFactory()
    question = make_question("Masks", topics=[topic])
    other = make_question("Gloves", topics=[topic])

    for language in ("en", "zh-hans"):
        response = client.get(question.url_for(language))
        assert response.status_code == 200
        assert numbers(response.context["related"]) == [other.number]

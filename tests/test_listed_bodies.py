"""Pages that list questions (home, series index, topic, author, feeds) read no body whole, a 2 MB paper's
included, and still tell a question translated into the reader's language from one that is not."""

import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from qa import languages
from qa.models import Page, Question
from tests.factories import AuthorFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db

# A body column read as it is, not as its first characters (SUBSTR on SQLite, SUBSTRING on PostgreSQL).
WHOLE_BODY = re.compile(r'(?<!SUBSTR\()(?<!SUBSTRING\()"qa_question"\."body(_en|_zh_hans)?"')
LISTINGS = {
    "home": lambda question: reverse("qa:home"),
    "series index": lambda question: question.series.get_absolute_url(),
    "topic": lambda question: question.topics.get().get_absolute_url(),
    "author": lambda question: question.byline[0].get_absolute_url(),
    "Atom feed": lambda question: reverse("qa:feed-atom"),
    "RSS feed": lambda question: reverse("qa:feed-rss"),
    "series feed": lambda question: reverse("qa:series-feed-atom", kwargs={"series": question.series.path}),
}


@pytest.fixture
def long_question(hub_series):
    question = QuestionFactory(
        series=hub_series, number=7, title_en="Long paper", authors=[AuthorFactory()], topics=[TopicFactory()]
    )
    Question.objects.filter(pk=question.pk).update(body_en="Word " * 400_000, body_zh_hans="正文" * 500_000)
    return question


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_reads_no_body_whole(client, long_question, listing, language):
    with translation.override(language):
        url = LISTINGS[listing](long_question)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert not [query["sql"] for query in captured if WHOLE_BODY.search(query["sql"])]
    title = {"en": "Long paper", "zh-hans": "问题标题7", "zh-hant": "問題標題7"}[language]
    assert title in response.content.decode()


@pytest.mark.parametrize("listing", ["home", "series index", "topic", "author"])
def test_a_listing_still_tells_a_translated_body_from_a_missing_one(client, hub_series, listing):
    topic, author = TopicFactory(), AuthorFactory()
    common = {"series": hub_series, "authors": [author], "topics": [topic]}
    QuestionFactory(number=1, title_en="Translated", title_zh_hans="已译", body_zh_hans="短", **common)
    QuestionFactory(number=2, title_en="Title only", title_zh_hans="只有标题", body_zh_hans="", **common)
    first = Question.objects.get(number=1)
    with translation.override("zh-hans"):
        page = client.get(LISTINGS[listing](first)).content.decode()
    assert "已译" in page and "Translated" not in page
    assert re.search(r'lang="en">Title only</a> <span class="note">（尚未翻译）</span>', page)
    assert "只有标题" not in page
    with translation.override("zh-hant"):
        assert "已譯" in client.get(LISTINGS[listing](first)).content.decode()


def test_a_feed_titles_each_question_in_the_language_its_body_is_in(client, hub_series):
    QuestionFactory(series=hub_series, number=1, title_zh_hans="已译", body_zh_hans="短")
    QuestionFactory(series=hub_series, number=2, title_en="Title only", title_zh_hans="只有标题", body_zh_hans="")
    with translation.override("zh-hans"):
        feed = client.get(reverse("qa:feed-atom")).content.decode()
    assert "已译" in feed and "Title only" in feed and "只有标题" not in feed


def test_whether_a_text_is_there_is_known_without_converting_it():
    """A Traditional reader's question or page is translated when its Simplified text is there: converting a
    2 MB body to find out it is not empty was the slow part of a Traditional listing."""
    question = Question(title_zh_hans="标题", body_zh_hans="正文" * 1_000)
    page = Page(title_zh_hans="关于", body_zh_hans="正文")
    untranslated = Question(title_zh_hans="标题", body_zh_hans="")
    with mock.patch.object(languages, "_to_traditional", side_effect=AssertionError("converted")):
        assert question.has_language("zh-hant") and page.has_language("zh-hant")
        assert not untranslated.has_language("zh-hant")


def test_the_first_character_of_a_body_answers_for_it(hub_series):
    QuestionFactory(series=hub_series, number=1, body_en="A", body_zh_hans="")
    [listed] = Question.objects.with_body_heads(1)
    assert listed.get_deferred_fields() >= {"body", "body_en", "body_zh_hans"}
    with CaptureQueriesContext(connection) as captured:
        assert listed.has_language("en") and not listed.has_language("zh-hans")
    assert not captured.captured_queries


def test_the_admin_question_list_reads_no_body_whole(client, editor, long_question, hub_series):
    QuestionFactory(series=hub_series, number=8, title_en="Title only", body_zh_hans="")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("admin:qa_question_changelist"), {"o": "1"})
    assert response.status_code == 200
    assert not [query["sql"] for query in captured if WHOLE_BODY.search(query["sql"])]
    cells = re.findall(r'<td class="field-languages">([^<]*)</td>', response.content.decode())
    assert cells == ["English, Simplified Chinese", "English"]


def test_an_action_on_the_admin_question_list_keeps_whole_bodies(client, editor, long_question):
    client.force_login(editor)
    response = client.post(
        reverse("admin:qa_question_changelist"), {"action": "unpublish", "_selected_action": [long_question.pk]}
    )
    assert response.status_code == 302
    long_question.refresh_from_db()
    assert long_question.status == Question.DRAFT
    assert long_question.body_en == "Word " * 400_000 and long_question.body_zh_hans == "正文" * 500_000
    recorded = Version.objects.get_for_object(long_question).first().field_dict
    assert recorded["body_en"] == long_question.body_en and recorded["body_zh_hans"] == long_question.body_zh_hans

"""Readers see staleness: a translated page whose original was revised after the translation says so."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qa.models import Question
from tests.admin_forms import mark_current
from tests.factories import EditorFactory, QuestionFactory

pytestmark = pytest.mark.django_db

REVISED = "2026-03-05T10:00:00+08:00"


def revise_source(obj, field, language):
    """Change the original of ``field`` (its translation untouched) and date that change 5 March 2026."""
    setattr(obj, f"{field}_{language.replace('-', '_')}", f"Revised {field}")
    obj.save()
    obj.refresh_from_db()
    status = obj.translation_status
    for entries in status.values():
        for entry in entries.values():
            entry["revised"] = REVISED
    type(obj).objects.filter(pk=obj.pk).update(translation_status=status)
    obj.refresh_from_db()
    return obj


@pytest.fixture
def question():
    return QuestionFactory(number=3)


def page(client, question, language):
    response = client.get(question.url_for(language))
    assert response.status_code == 200
    return response.content.decode()


def test_an_outdated_chinese_translation_says_so_with_the_date_and_the_original(client, question):
    revise_source(question, "body", "en")
    html = page(client, question, "zh-hans")
    assert '<p class="notice translation outdated" role="note">' in html
    assert '英文原文已于<time datetime="2026-03-05">2026年3月5日</time>修订，晚于本译文。' in html
    assert f'<a href="{question.url_for("en")}" hreflang="en">阅读原文</a>' in html
    assert '<p class="notice translation" role="note">' not in html
    english = page(client, question, "en")
    assert "notice translation" not in english


def test_the_traditional_page_says_so_in_traditional_characters(client, question):
    revise_source(question, "summary", "en")
    html = page(client, question, "zh-hant")
    assert "英文原文已於" in html and "修訂，晚於本譯文。" in html
    assert '<html lang="zh-Hant"' in html
    assert f'href="{question.url_for("en")}" hreflang="en"' in html


def test_a_current_translation_keeps_the_plain_translation_note(client, question):
    html = page(client, question, "zh-hans")
    assert "译自英文原文。" in html
    assert "修订，晚于本译文" not in html


def test_an_english_translation_of_a_chinese_original(client):
    question = QuestionFactory(number=4, original_language="zh-hans")
    revise_source(question, "title", "zh-hans")
    html = page(client, question, "en")
    assert (
        'The Simplified Chinese original was revised on <time datetime="2026-03-05">5 March 2026</time>, '
        "after this translation. " in html
    )
    assert f'<a href="{question.url_for("zh-hans")}" hreflang="zh-Hans">Read the original</a>' in html
    assert "修订，晚于本译文" not in page(client, question, "zh-hans")


def test_an_untranslated_question_shows_the_fallback_note_not_the_outdated_one(client):
    question = QuestionFactory(number=5, untranslated=True)
    revise_source(question, "body", "en")
    html = page(client, question, "zh-hans")
    assert "修订，晚于本译文" not in html
    assert "notice fallback" in html


def test_marking_current_in_the_admin_takes_the_notice_away(client, question):
    revise_source(question, "body", "en")
    editor = Client()
    editor.force_login(EditorFactory())
    assert mark_current(editor, question, "zh-hans:body").status_code == 302
    assert "修订，晚于本译文" not in page(client, question, "zh-hans")


def test_an_author_page_with_an_outdated_biography(client, question):
    author = question.byline[0]
    author.bio_en, author.bio_zh_hans = "Economist.", "经济学家。"
    author.save()
    revise_source(author, "bio", "en")
    response = client.get(author.url_for("zh-hans"))
    html = response.content.decode()
    assert '英文原文已于<time datetime="2026-03-05">2026年3月5日</time>修订，晚于本译文。' in html
    assert f'<a href="{author.url_for("en")}" hreflang="en">阅读原文</a>' in html


def test_the_notice_adds_no_query(client, question, django_assert_num_queries):
    """The same page with the same text, its translation current and then outdated (the status is in the row)."""
    revise_source(question, "body", "en")
    outdated = question.translation_status
    Question.objects.filter(pk=question.pk).update(translation_status={})
    page(client, question, "en")  # a first request warms what later ones reuse
    with CaptureQueriesContext(connection) as counted:
        assert "修订，晚于本译文" not in page(client, question, "zh-hans")
    Question.objects.filter(pk=question.pk).update(translation_status=outdated)
    cache.clear()  # update() retires no cached page
    with django_assert_num_queries(len(counted)):
        assert "修订，晚于本译文" in page(client, question, "zh-hans")

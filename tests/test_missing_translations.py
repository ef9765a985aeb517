"""Missing translations in the admin, as an editor sees them: the Chinese missing and English missing filters
on questions and authors, and the Needs translation page (newest first, flat queries, in Chinese, rights)."""

import datetime

import pytest
from django.utils import translation

from qa.models import Question
from tests.admin_forms import chinese, url
from tests.factories import AuthorFactory, StaffFactory, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(revision_series):
    both = make_question(revision_series, 1, "Both", "两种", "Body", "正文")
    english_only = make_question(revision_series, 2, "English only", "", "Body", "")
    no_chinese_body = make_question(revision_series, 3, "Title", "标题", "Body", "")
    chinese_only = make_question(revision_series, 4, "", "只有中文", "", "正文")
    return both, english_only, no_chinese_body, chinese_only


def changelist_numbers(response):
    return sorted(q.number for q in response.context["cl"].result_list)


def test_language_filter_on_questions(client, editor, mixed):
    client.force_login(editor)
    assert changelist_numbers(client.get(url("question_changelist") + "?missing=zh-hans")) == [2, 3]
    assert changelist_numbers(client.get(url("question_changelist") + "?missing=en")) == [4]
    assert changelist_numbers(client.get(url("question_changelist") + "?missing=fr")) == [1, 2, 3, 4]
    html = client.get(url("question_changelist")).content.decode()
    assert "Chinese missing" in html and "English missing" in html
    with translation.override("zh-hans"):
        label = translation.gettext("Chinese missing")
    assert label in chinese(client).get(url("question_changelist")).content.decode()


def test_language_filter_on_authors(client, editor):
    client.force_login(editor)
    AuthorFactory(slug="a", name_en="Complete", name_zh_hans="完整")
    AuthorFactory(slug="b", name_en="No Chinese name", untranslated=True)
    AuthorFactory(slug="c", name_en="Bio untranslated", name_zh_hans="简介未译", bio_en="Economist.")
    AuthorFactory(slug="d", name_en="", name_zh_hans="只有中文")
    response = client.get(url("author_changelist") + "?missing=zh-hans")
    assert sorted(a.slug for a in response.context["cl"].result_list) == ["b", "c"]
    response = client.get(url("author_changelist") + "?missing=en")
    assert [a.slug for a in response.context["cl"].result_list] == ["d"]


def test_needs_translation_page_lists_newest_first_with_flat_queries(
    client, editor, revision_series, mixed, django_assert_max_num_queries
):
    client.force_login(editor)
    AuthorFactory(slug="b", name_en="No Chinese name", untranslated=True)
    Question.objects.filter(number=3).update(updated=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    page_url = url("needs_translation")
    assert page_url in client.get(url("question_changelist")).content.decode()
    assert page_url in client.get(url("author_changelist")).content.decode()
    with django_assert_max_num_queries(12) as counted:
        response = client.get(page_url)
    baseline = len(counted)
    html = response.content.decode()
    assert response.status_code == 200
    chinese_section = html[html.index('id="missing-zh-hans"') :]
    english_section = html[html.index('id="missing-en"') : html.index('id="missing-zh-hans"')]
    assert chinese_section.index("3. Title") < chinese_section.index("2. English only")
    assert "1. Both" not in html
    assert "No Chinese name" in chinese_section and "No Chinese name" not in english_section
    assert "只有中文" in english_section
    for n in range(10, 20):
        make_question(revision_series, n, f"More {n}", "", "Body", "")
        AuthorFactory(slug=f"more-{n}", name_en=f"More {n}", untranslated=True)
    with django_assert_max_num_queries(baseline):
        client.get(page_url)


def test_needs_translation_page_in_chinese(client, editor, mixed):
    client.force_login(editor)
    html = chinese(client).get(url("needs_translation")).content.decode()
    with translation.override("zh-hans"):
        title = translation.gettext("Needs translation")
    assert title != "Needs translation" and title in html
    assert "Needs translation" not in html


def test_needs_translation_page_needs_rights(client, mixed):
    client.force_login(StaffFactory(username="visitor"))
    assert client.get(url("needs_translation")).status_code == 403
    client.logout()
    assert client.get(url("needs_translation")).status_code == 302

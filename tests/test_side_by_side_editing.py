"""The translator's side-by-side form (``<pk>/translate/<language>/``), used as an editor uses it:
open it, change a translation, save; it saves exactly as the change form does."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override
from modeltranslation.translator import translator
from reversion.models import Version

from qa.editorial import staleness
from qa.models import Author, Page, Programme, Question, Region, Series, Topic
from tests.admin_forms import form_data, save_change_form
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    PageFactory,
    ProgrammeFactory,
    QuestionFactory,
    RegionFactory,
    StaffFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def translate_path(obj, language="zh-hans"):
    return reverse(f"admin:qa_{obj._meta.model_name}_translate", args=[obj.pk, language])


def chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


@pytest.fixture
def question(db):
    return QuestionFactory(number=3, title_zh_hans="", body_zh_hans="")


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    return client


def test_the_form_shows_each_source_field_beside_its_translation(editing, question):
    response = editing.get(translate_path(question))
    assert response.status_code == 200
    assert "admin/qa/side_by_side_form.html" in [template.name for template in response.templates]
    form = response.context["adminform"].form
    assert set(form.fields) == {
        "title_zh_hans",
        "slug_zh_hans",
        "summary_zh_hans",
        "body_zh_hans",
        "edit_version",
        "translated_from",
    }
    rows = response.context["side_by_side_rows"]
    assert [row["name"] for row in rows] == ["title", "slug", "summary", "body"]
    assert rows[0]["source"] == "Question title 3" and rows[3]["source"] == question.body_en
    html = response.content.decode()
    assert '<div class="side-by-side-text" lang="en"' in html
    assert "Body 3.\n\nSecond paragraph 3." in html  # the source as written, Markdown and all
    assert 'name="body_zh_hans"' in html and 'name="body_en"' not in html
    assert re.search(r'<textarea [^>]*lang="zh-Hans"[^>]*id="id_body_zh_hans"', html)
    assert "Translate question: English → Chinese" in html
    assert [column["name"] for column in response.context["columns"]] == ["English", "Chinese"]


def test_labels_and_columns_are_in_the_editors_language(editing, question):
    html = chinese(editing).get(translate_path(question)).content.decode()
    assert '<p class="side-by-side-column">英文</p>' in html and '<p class="side-by-side-column">中文</p>' in html
    assert "翻译问答：英文 → 中文" in html
    assert "中文正文" in html
    assert "Translate side by side" not in html


def test_a_chinese_original_is_the_source_of_its_english_translation(editing):
    question = QuestionFactory(number=5, original_language="zh-hans", title_en="", body_en="")
    change = editing.get(reverse("admin:qa_question_change", args=[question.pk])).content.decode()
    assert translate_path(question, "en") in change
    response = editing.get(translate_path(question, "en"))
    assert response.context["columns"][0]["code"] == "zh-hans"
    assert response.context["side_by_side_rows"][0]["source"] == "问题标题5"
    assert '<div class="side-by-side-text" lang="zh-Hans"' in response.content.decode()


def test_the_change_form_and_needs_translation_link_to_it(editing, question):
    change = editing.get(reverse("admin:qa_question_change", args=[question.pk])).content.decode()
    assert f'href="{translate_path(question)}"' in change
    needs = editing.get(reverse("admin:qa_needs_translation")).content.decode()
    assert f'href="{translate_path(question)}"' in needs
    author = AuthorFactory(name_zh_hans="")
    assert f'href="{translate_path(author)}"' in editing.get(reverse("admin:qa_needs_translation")).content.decode()


def test_saving_stores_the_translation_and_records_a_revision(editing, editor, question):
    path = translate_path(question)
    data = form_data(editing.get(path))
    data.update(title_zh_hans="中国是如何控制疫情的？", body_zh_hans="第一段。\r\n\r\n第二段。")
    response = editing.post(path, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title_zh_hans == "中国是如何控制疫情的？"
    assert question.body_zh_hans == "第一段。\n\n第二段。"
    assert question.title_en == "Question title 3" and question.version == 1
    assert [author.slug for author in question.byline] == ["author-3"]  # inlines are left alone
    version = Version.objects.get_for_object(question).get()
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Changed Chinese title and Chinese body."
    assert version.field_dict["body_zh_hans"] == "第一段。\n\n第二段。"
    history = editing.get(reverse("admin:qa_question_history", args=[question.pk])).content.decode()
    assert "Changed Chinese title and Chinese body." in history


def test_save_and_continue_comes_back_to_the_translators_form(editing, question):
    path = translate_path(question)
    data = form_data(editing.get(path))
    data.pop("_save")
    data.update(title_zh_hans="新标题", _continue="1")
    response = editing.post(path, data)
    assert response.status_code == 302 and response["Location"] == path
    assert "新标题" in editing.get(path).content.decode()


def test_the_source_cannot_be_changed_from_the_translators_form(editing, question):
    path = translate_path(question)
    data = form_data(editing.get(path))
    data.update(title_en="Overwritten English", title_zh_hans="中文标题")
    assert editing.post(path, data).status_code == 302
    question.refresh_from_db()
    assert question.title_en == "Question title 3" and question.title_zh_hans == "中文标题"


def test_a_translation_over_the_limit_is_refused_with_a_message_and_nothing_is_lost(editing, question):
    path = translate_path(question)
    data = form_data(editing.get(path))
    data.update(title_zh_hans="标" * 501, body_zh_hans="译文正文。")
    response = chinese(editing).post(path, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "不超过500个字符" in html and "译文正文。" in html
    question.refresh_from_db()
    assert question.title_zh_hans == "" and question.body_zh_hans == ""


def test_two_editors_one_edits_the_source_while_the_other_translates(client, question):
    translator_client, editor_client = client, type(client)()
    translator_client.force_login(EditorFactory())
    editor_client.force_login(EditorFactory(username="second-editor"))
    path = translate_path(question)
    translation = form_data(translator_client.get(path))

    assert (
        save_change_form(
            editor_client, reverse("admin:qa_question_change", args=[question.pk]), body_en="A corrected English body."
        ).status_code
        == 302
    )

    translation.update(body_zh_hans="按旧英文翻译的正文。")
    response = translator_client.post(path, translation)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this question after you opened it" in html
    assert "按旧英文翻译的正文。" in html  # the translator's text is still there to copy
    assert reverse("admin:qa_question_history", args=[question.pk]) in html
    question.refresh_from_db()
    assert question.body_en == "A corrected English body." and question.body_zh_hans == ""

    again = form_data(translator_client.get(path))  # reloaded: the new source beside the form
    assert "A corrected English body." in translator_client.get(path).content.decode()
    again["body_zh_hans"] = "更正后的正文。"
    assert translator_client.post(path, again).status_code == 302
    question.refresh_from_db()
    assert question.body_en == "A corrected English body." and question.body_zh_hans == "更正后的正文。"
    assert Version.objects.get_for_object(question).count() == 2


def test_an_outdated_translation_shows_its_status_and_saving_it_makes_it_current(editing):
    question = QuestionFactory(number=4, body_en="The first English body.", body_zh_hans="第一版正文。")
    question.body_en = "The corrected English body."
    question.save()
    path = translate_path(question)
    page = editing.get(path)
    html = page.content.decode()
    assert "translation-badge translation-outdated" in html
    assert "corrected" in html  # what the source changed since the translation
    data = form_data(page)
    data["body_zh_hans"] = "更正后的正文。"
    assert editing.post(path, data).status_code == 302
    question.refresh_from_db()
    assert staleness.field_status(question, "body", "zh-hans") == staleness.CURRENT
    assert "translation-outdated" not in editing.get(path).content.decode()


def test_a_refused_write_shows_the_translators_form_again_with_the_reason(editing, question):
    path = translate_path(question)
    data = form_data(editing.get(path))
    data["body_zh_hans"] = "译者认真写的正文。"
    with mock.patch.object(Question, "save", side_effect=OperationalError("database is locked")):
        response = chinese(editing).post(path, data)
    assert response.status_code == 503
    assert "admin/qa/side_by_side_form.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "正在写入数据库" in html and "译者认真写的正文。" in html
    question.refresh_from_db()
    assert question.body_zh_hans == ""


def test_only_editors_who_may_change_the_object_get_the_form(client, question):
    path = translate_path(question)
    assert client.get(path).status_code == 302  # anonymous: to the login page
    assert "/admin/login/" in client.get(path)["Location"]
    viewer = StaffFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(viewer)
    assert client.get(path).status_code == 403
    change = client.get(reverse("admin:qa_question_change", args=[question.pk]))
    assert change.status_code == 200 and path not in change.content.decode()  # no link to a form they cannot use
    data = {"title_zh_hans": "不该保存", "edit_version": "0", "_save": "Save"}
    assert client.post(path, data).status_code == 403
    question.refresh_from_db()
    assert question.title_zh_hans == ""


def test_an_unknown_language_or_object_is_not_a_form(editing, question):
    assert editing.get(reverse("admin:qa_question_translate", args=[question.pk, "fr"])).status_code == 404
    missing = editing.get(reverse("admin:qa_question_translate", args=[question.pk + 100, "zh-hans"]))
    assert missing.status_code == 302 and missing["Location"] == reverse("admin:index")


MODELS = {
    Author: lambda: AuthorFactory(name_zh_hans=""),
    Series: lambda: QuestionFactory().series,
    Topic: lambda: TopicFactory(),
    Region: lambda: RegionFactory(),
    Programme: lambda: ProgrammeFactory(),
    Page: lambda: PageFactory(untranslated=True),
}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_translated_model_has_the_form_and_saves_through_it(editing, editor, model):
    obj = MODELS[model]()
    path = translate_path(obj)
    change = editing.get(reverse(f"admin:qa_{model._meta.model_name}_change", args=[obj.pk])).content.decode()
    assert f'href="{path}"' in change
    response = editing.get(path)
    assert response.status_code == 200
    translated = translator.get_options_for_model(model).fields
    assert {row["name"] for row in response.context["side_by_side_rows"]} == set(translated)
    first = response.context["side_by_side_rows"][0]["name"]
    data = form_data(response)
    data[f"{first}_zh_hans"] = "译名"
    assert editing.post(path, data).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, f"{first}_zh_hans") == "译名"
    revision = Version.objects.get_for_object(obj).get().revision
    assert revision.user == editor and "Chinese" in revision.get_comment()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_translated_model_refuses_a_translation_saved_after_another_write(editing, model):
    """Optimistic locking on every model with the form, its message in the translator's (Chinese) admin."""
    obj = MODELS[model]()
    path = translate_path(obj)
    response = chinese(editing).get(path)
    first = response.context["side_by_side_rows"][0]["name"]
    stale = form_data(response)
    type(obj).objects.get(pk=obj.pk).save()  # another writer: an import, the shell, another editor
    stale[f"{first}_zh_hans"] = "按旧原文的译名"
    response = editing.post(path, stale)
    assert response.status_code == 200
    with override("zh-hans"):
        refused = gettext("See the other change in the history.")
    assert refused != "See the other change in the history." and refused in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, f"{first}_zh_hans") != "按旧原文的译名"


def test_the_forms_queries_do_not_grow_with_the_byline_or_topics(editing):
    small = QuestionFactory(number=7)
    large = QuestionFactory(number=8, authors=[AuthorFactory() for _ in range(6)], topics=TopicFactory.create_batch(5))
    editing.get(translate_path(small))  # the first request of a session reads what later ones have cached
    counts = []
    for question in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert editing.get(translate_path(question)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts

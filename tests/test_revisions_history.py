"""The admin's history and compare, as an editor uses them: who may see them, each save recorded with its
editor and only what changed, two versions compared field by field in the editor's language."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from reversion.models import Version

from qa.editorial import change_messages
from qa.editorial.compare import text_diff
from qa.editorial.revisions import recorded
from qa.languages import field_label
from qa.models import Authorship, Question
from tests.admin_forms import chinese, edit, form_data, url
from tests.factories import AuthorFactory, QuestionFactory, StaffFactory, TopicFactory, make_question

pytestmark = pytest.mark.django_db


# --- saving through the admin ------------------------------------------------


def test_editor_is_not_a_superuser_but_can_use_history_restore_and_recover(client, editor, revision_question):
    assert not editor.is_superuser
    client.force_login(editor)
    assert client.get(url("question_history", revision_question.pk)).status_code == 200
    assert client.get(url("question_recoverlist")).status_code == 200
    assert client.get(url("author_recoverlist")).status_code == 200
    changelist = client.get(url("question_changelist"))
    assert url("question_recoverlist") in changelist.content.decode()


def test_staff_without_editor_rights_cannot_see_history(client, revision_question):
    client.force_login(StaffFactory(username="visitor"))
    assert client.get(url("question_history", revision_question.pk)).status_code == 403
    assert client.get(url("question_recoverlist")).status_code == 403


def test_admin_save_creates_a_revision_with_user_and_comment(client, editor, revision_question):
    client.force_login(editor)
    response = edit(client, revision_question, title_zh_hans="中国是如何控制疫情的？")
    assert response.status_code == 302
    version = Version.objects.get_for_object(revision_question).get()
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Changed Chinese title."
    assert version.field_dict["title_zh_hans"] == "中国是如何控制疫情的？"
    authorships = [v for v in version.revision.version_set.all() if v.content_type.model == "authorship"]
    assert len(authorships) == 2


def test_history_records_exactly_what_the_editor_changed_in_the_readers_language(client, editor, revision_question):
    """The browser sends CRLF for every textarea; only the field the editor touched is a change."""
    client.force_login(editor)
    assert edit(client, revision_question, title_zh_hans="中国是如何控制疫情的？").status_code == 302
    revision_question.refresh_from_db()
    assert "\r" not in revision_question.body_en + revision_question.body_zh_hans
    assert edit(client, revision_question, body_en="First paragraph.\r\n\r\nA corrected second.").status_code == 302
    revision_question.refresh_from_db()
    assert revision_question.body_en == "First paragraph.\n\nA corrected second."
    assert edit(client, revision_question).status_code == 302  # saved untouched

    newest, corrected, retitled = Version.objects.get_for_object(revision_question)
    english = client.get(url("question_history", revision_question.pk)).content.decode()
    assert "Changed Chinese title." in english and "Changed English body." in english
    assert "No fields changed." in english
    assert "Body" not in retitled.revision.get_comment()
    older, newer = retitled, corrected
    changes = client.get(compare_url(revision_question, older, newer)).context["changes"]
    assert [change.name for change in changes] == ["body_en"]

    chinese_history = chinese(client).get(url("question_history", revision_question.pk)).content.decode()
    assert "中文标题" in chinese_history and "英文正文" in chinese_history
    assert "Chinese title" not in chinese_history and "zh-hans]" not in chinese_history


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_a_save_in_any_admin_language_records_only_what_the_editor_changed(client, editor, language):
    """The Chinese admin shows the publication date as 2020/03/01: read in English, it was always "changed"."""
    question = QuestionFactory(number=1, published=datetime.date(2020, 3, 1), published_precision=Question.MONTH)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert edit(client, question, summary_en="A new summary.").status_code == 302
    question.refresh_from_db()
    assert (question.published, question.published_precision) == (datetime.date(2020, 3, 1), Question.MONTH)
    comment = Version.objects.get_for_object(question).get().revision.comment
    assert json.loads(comment) == [{"changed": {"fields": ["English summary"]}}]  # stored in English
    with translation.override("en"):
        assert change_messages.readable(comment) == "Changed English summary."


def test_a_restore_and_the_publish_actions_are_told_in_each_readers_language(client, editor, revision_question):
    """They were stored in the words of the editor who acted ("状态已设为“草稿”。" for every reader)."""
    client.force_login(editor)
    chinese(client)
    edit(client, revision_question, title_en="Wrong title")
    oldest = Version.objects.get_for_object(revision_question).last()
    revision_url = url("question_revision", revision_question.pk, oldest.pk)
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    for action in ("publish", "unpublish"):
        client.post(url("question_changelist"), {"action": action, "_selected_action": [revision_question.pk]})
    assert Question.objects.get(pk=revision_question.pk).status == Question.DRAFT
    with translation.override("zh-hans"):
        saved_at = formats.localize(timezone.localtime(oldest.revision.date_created))
    chinese_page = client.get(url("question_history", revision_question.pk)).content.decode()
    assert f"恢复了{saved_at}保存的版本。" in chinese_page and "状态已设为“草稿”。" in chinese_page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_page = client.get(url("question_history", revision_question.pk)).content.decode()
    assert "Restored the version saved on " in english_page and "Status set to “draft”." in english_page
    assert "恢复" not in english_page and "状态" not in english_page and "Reverted" not in english_page


def test_hidden_bookkeeping_fields_are_never_named_in_the_history(client, editor, revision_question):
    """The form's hidden fields (here the sources a translation was made from) may differ from what a fresh
    form would carry; they are not the editor's change."""
    client.force_login(editor)
    path = url("question_change", revision_question.pk)
    data = form_data(client.get(path))
    assert data["translated_from"] != "{}"
    data.update(translated_from="{}", title_zh_hans="中国是如何控制疫情的？")
    assert client.post(path, data).status_code == 302
    comment = Version.objects.get_for_object(revision_question).get().revision.comment
    assert json.loads(comment) == [{"changed": {"fields": ["Chinese title"]}}]


def test_history_lists_revisions_newest_first_with_flat_queries(
    client, editor, revision_question, django_assert_max_num_queries
):
    client.force_login(editor)
    edit(client, revision_question, title_en="First edit")
    with django_assert_max_num_queries(12) as counted:
        first = client.get(url("question_history", revision_question.pk))
    baseline = len(counted)
    for n in range(5):
        edit(client, revision_question, title_en=f"Edit {n}")
    with django_assert_max_num_queries(baseline):
        response = client.get(url("question_history", revision_question.pk))
    html = response.content.decode()
    assert first.status_code == response.status_code == 200
    assert html.count('name="old"') == 6
    assert html.count(editor.username) >= 6
    versions = list(Version.objects.get_for_object(revision_question))
    assert html.index(f'value="{versions[0].pk}"') < html.index(f'value="{versions[-1].pk}"')
    assert reverse("admin:qa_question_compare", args=[revision_question.pk]) in html


# --- compare -----------------------------------------------------------------


def two_versions(client, revision_question):
    edit(client, revision_question)
    edit(
        client,
        revision_question,
        title_en="How did China contain the COVID-19 outbreak?",
        body_zh_hans="第一段。\n\n第二段已修改。<script>alert(1)</script>",
    )
    newer, older = Version.objects.get_for_object(revision_question)[:2]
    return older, newer


def compare_url(revision_question, older, newer):
    return url("question_compare", revision_question.pk) + f"?old={older.pk}&new={newer.pk}"


def test_compare_shows_each_changed_field_in_both_languages(client, editor, revision_question):
    client.force_login(editor)
    older, newer = two_versions(client, revision_question)
    response = client.get(compare_url(revision_question, older, newer))
    assert response.status_code == 200
    changes = {change.name: change for change in response.context["changes"]}
    assert set(changes) == {"title_en", "body_zh_hans"}
    html = response.content.decode()
    assert "English title" in html and "Chinese body" in html
    assert "<ins>COVID-19 </ins>" in html
    assert "第二段<ins>已修改</ins>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'lang="zh-Hans"' in html
    # Either order of the two choices gives the same comparison.
    swapped = client.get(compare_url(revision_question, newer, older))
    assert [c.name for c in swapped.context["changes"]] == [c.name for c in response.context["changes"]]


def test_compare_labels_are_in_the_editors_language(client, editor, revision_question):
    client.force_login(editor)
    older, newer = two_versions(client, revision_question)
    html = chinese(client).get(compare_url(revision_question, older, newer)).content.decode()
    with translation.override("zh-hans"):
        label = str(field_label(Question._meta.get_field("body_zh_hans")))
        heading = translation.gettext("Compare versions of %(name)s") % {"name": Question.objects.get().__str__()}
    assert label in html
    assert heading in html and "中国如何控制疫情" in heading
    assert "Compare versions" not in html


def test_compare_shows_byline_changes(client, editor, revision_question):
    client.force_login(editor)
    edit(client, revision_question)
    data = form_data(client.get(url("question_change", revision_question.pk)))
    data["authorships-1-DELETE"] = "on"
    client.post(url("question_change", revision_question.pk), data)
    newer, older = Version.objects.get_for_object(revision_question)[:2]
    response = client.get(compare_url(revision_question, older, newer))
    byline = [c for c in response.context["changes"] if c.name == "authorships"]
    assert len(byline) == 1 and "Zhang Min" in byline[0].old and "Zhang Min" not in byline[0].new


def test_compare_shows_topics_by_name_and_queries_stay_flat(
    client, editor, revision_series, django_assert_max_num_queries
):
    client.force_login(editor)
    topics = [TopicFactory(slug=f"t{n}", name_en=f"Topic {n}", name_zh_hans="") for n in range(3)]

    def compare_page(number, byline_size):
        authors = [
            AuthorFactory(slug=f"a{number}-{n}", name_en=f"Author {number}-{n}", untranslated=True)
            for n in range(byline_size)
        ]
        revision_question = make_question(revision_series, number, "Title", "标题", "Body", "正文", authors=authors)
        with recorded("first"):
            revision_question.save()
        with recorded("second"):
            revision_question.topics.set(topics)
            newcomer = AuthorFactory(slug=f"new-{number}", name_en="Newcomer", untranslated=True)
            Authorship.objects.create(question=revision_question, author=newcomer, order=99)
            revision_question.save()
        newer, older = Version.objects.get_for_object(revision_question)[:2]
        return compare_url(revision_question, older, newer)

    small, large = compare_page(1, 1), compare_page(2, 8)
    with django_assert_max_num_queries(30) as counted:
        response = client.get(small)
    baseline = len(counted)
    changes = {change.name: change for change in response.context["changes"]}
    assert changes["topics"].new == "Topic 0\nTopic 1\nTopic 2" and changes["topics"].old == ""
    assert "Newcomer" in changes["authorships"].new and "Newcomer" not in changes["authorships"].old
    with django_assert_max_num_queries(baseline):
        assert client.get(large).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "?old=1", "?old=x&new=y", "?old={a}&new={a}", "?old={a}&new=999999", "?old={a}&new=99999999999999999999999"],
)
def test_compare_with_bad_choices_goes_back_to_history_with_a_message(client, editor, revision_question, query):
    client.force_login(editor)
    older, _newer = two_versions(client, revision_question)
    response = client.get(url("question_compare", revision_question.pk) + query.format(a=older.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("question_history", revision_question.pk)
    assert "Choose two different versions to compare." in response.content.decode()


def test_compare_does_not_mix_objects(client, editor, revision_question, revision_series):
    client.force_login(editor)
    older, newer = two_versions(client, revision_question)
    other = make_question(revision_series, 2, title_en="Other", body_en="Other")
    response = client.get(compare_url(other, older, newer))
    assert response.status_code == 302


def test_text_diff_marks_words_and_chinese_characters():
    assert str(text_diff("one two three", "one 2 three")) == "one <del>two</del><ins>2</ins> three"
    assert str(text_diff("第一段", "第二段")) == "第<del>一</del><ins>二</ins>段"
    assert str(text_diff("a\n", "a\nb & c\n")) == "a\n<ins>b &amp; c\n</ins>"

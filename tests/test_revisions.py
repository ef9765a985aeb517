"""Editors never lose work: revisions, compare, restore, recover, optimistic locking, translation status.

Everything goes through the admin views, as an editor (staff in the Editors
group, not a superuser) uses them.
"""

import datetime
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from qa.editorial.compare import text_diff
from qa.editorial.revisions import recorded, undo
from qa.languages import field_label
from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series
from tests.admin_forms import form_data, save_change_form
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    PairingFactory,
    ProgrammeFactory,
    QuestionFactory,
    RegionFactory,
    SeriesFactory,
    StaffFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


# --- data ------------------------------------------------------------------


# The editor is conftest.py's (EditorFactory); a second one is EditorFactory(username="other").


@pytest.fixture
def series():
    return SeriesFactory()


def make_question(series, number, title_en="", title_zh="", body_en="", body_zh="", authors=()):
    """A draft with exactly these texts (each may be empty), no summary, and ``authors`` as its byline."""
    return QuestionFactory(
        series=series, number=number, draft=True, authors=list(authors), summary_en="", summary_zh_hans="",
        title_en=title_en, title_zh_hans=title_zh, body_en=body_en, body_zh_hans=body_zh,
    )


@pytest.fixture
def question(series):
    return make_question(
        series,
        1,
        title_en="How did China contain the outbreak?",
        title_zh="中国如何控制疫情？",
        body_en="First paragraph.\n\nSecond paragraph.",
        body_zh="第一段。\n\n第二段。",
        authors=[
            AuthorFactory(slug="li-wei", name_en="Li Wei", name_zh_hans="李伟"),
            AuthorFactory(slug="zhang-min", name_en="Zhang Min", name_zh_hans="张敏"),
        ],
    )


def chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def url(name, *args):
    return reverse(f"admin:qa_{name}", args=args)


def edit_question(client, question, **changes):
    return save_change_form(client, url("question_change", question.pk), **changes)


# --- registration and recorded() ----------------------------------------------


def test_revisions_keep_every_language_and_follow_bylines_and_pairings():
    question_fields = _get_options(Question).fields
    assert {"title_en", "title_zh_hans", "body_en", "body_zh_hans"} <= set(question_fields)
    assert "version" not in question_fields
    assert _get_options(Question).follow == ("authorships",)
    assert _get_options(Programme).follow == ("pairings",)
    for model in (Series, Author, Authorship, Region, Pairing):
        assert reversion.is_registered(model)


def test_recorded_keeps_an_orm_save_as_a_revision_with_comment_and_user(question, editor):
    with recorded("Imported content bundle", user=editor):
        question.title_zh_hans = "新标题"
        question.save()
    version = Version.objects.get_for_object(question).get()
    assert version.revision.get_comment() == "Imported content bundle"
    assert version.revision.user == editor
    assert version.field_dict["title_zh_hans"] == "新标题"
    assert version.field_dict["title_en"] == "How did China contain the outbreak?"
    followed = {v.content_type.model for v in version.revision.version_set.all()}
    assert followed == {"question", "authorship"}


def test_recorded_without_user_and_an_import_can_be_undone(question):
    with recorded("Before import"):
        question.save()
    with recorded("Import"):
        question.title_en = "Overwritten by an import"
        question.save()
    Version.objects.get_for_object(question).last().revision.revert()
    question.refresh_from_db()
    assert question.title_en == "How did China contain the outbreak?"
    assert Version.objects.get_for_object(question).first().revision.user is None


def test_undo_an_import_puts_back_what_it_changed_and_removes_what_it_created(question, series):
    with recorded("Before import"):
        question.save()
    with recorded("Import bundle"):
        question.title_zh_hans = "导入的标题"
        question.save()
        newcomer = AuthorFactory(slug="new-author", name_en="New Author", name_zh_hans="新作者")
        make_question(series, 7, "Imported question", "导入的问题", "Body", "正文", authors=[newcomer])
    import_revision = Version.objects.get_for_object(question).first().revision
    restored, deleted = undo(import_revision)
    assert (restored, deleted) == (3, 3)  # the question and its byline; the new author, question, authorship
    question.refresh_from_db()
    assert question.title_zh_hans == "中国如何控制疫情？"
    assert not Question.objects.filter(number=7).exists()
    assert not Author.objects.filter(slug="new-author").exists()
    assert "Undid revision" in Version.objects.get_for_object(question).first().revision.get_comment()


def test_undo_revision_command_lists_and_undoes(question):
    with recorded("Before import"):
        question.save()
    with recorded("Import bundle"):
        question.title_en = "Imported title"
        question.save()
    out = StringIO()
    call_command("undo_revision", stdout=out)
    assert "Import bundle" in out.getvalue() and "Before import" in out.getvalue()
    revision_id = Version.objects.get_for_object(question).first().revision_id
    call_command("undo_revision", str(revision_id), stdout=out)
    question.refresh_from_db()
    assert question.title_en == "How did China contain the outbreak?"
    with pytest.raises(CommandError):
        call_command("undo_revision", "999999")


# --- versions move on with every writer ---------------------------------------


def test_every_save_moves_the_version_on(question):
    start = question.version
    question.save()
    assert question.version == start + 1
    stale = Question.objects.get(pk=question.pk)
    question.save()
    stale.title_en = "Saved from a stale copy"
    stale.save(update_fields=["title_en"])
    assert Question.objects.get(pk=question.pk).version == start + 3


def test_a_restore_moves_the_version_on(question):
    with recorded("one"):
        question.save()
    version = Version.objects.get_for_object(question).get()
    before = Question.objects.get(pk=question.pk).version
    version.revision.revert()
    assert Question.objects.get(pk=question.pk).version == before + 1


# --- saving through the admin ------------------------------------------------


def test_editor_is_not_a_superuser_but_can_use_history_restore_and_recover(client, editor, question):
    assert not editor.is_superuser
    client.force_login(editor)
    assert client.get(url("question_history", question.pk)).status_code == 200
    assert client.get(url("question_recoverlist")).status_code == 200
    assert client.get(url("author_recoverlist")).status_code == 200
    changelist = client.get(url("question_changelist"))
    assert url("question_recoverlist") in changelist.content.decode()


def test_staff_without_editor_rights_cannot_see_history(client, question):
    client.force_login(StaffFactory(username="visitor"))
    assert client.get(url("question_history", question.pk)).status_code == 403
    assert client.get(url("question_recoverlist")).status_code == 403


def test_admin_save_creates_a_revision_with_user_and_comment(client, editor, question):
    client.force_login(editor)
    response = edit_question(client, question, title_zh_hans="中国是如何控制疫情的？")
    assert response.status_code == 302
    version = Version.objects.get_for_object(question).get()
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Changed Chinese title."
    assert version.field_dict["title_zh_hans"] == "中国是如何控制疫情的？"
    authorships = [v for v in version.revision.version_set.all() if v.content_type.model == "authorship"]
    assert len(authorships) == 2


def test_history_records_exactly_what_the_editor_changed_in_the_readers_language(client, editor, question):
    """The browser sends CRLF for every textarea; only the field the editor touched is a change."""
    client.force_login(editor)
    assert edit_question(client, question, title_zh_hans="中国是如何控制疫情的？").status_code == 302
    question.refresh_from_db()
    assert "\r" not in question.body_en + question.body_zh_hans
    assert edit_question(client, question, body_en="First paragraph.\r\n\r\nA corrected second.").status_code == 302
    question.refresh_from_db()
    assert question.body_en == "First paragraph.\n\nA corrected second."
    assert edit_question(client, question).status_code == 302  # saved untouched

    newest, corrected, retitled = Version.objects.get_for_object(question)
    english = client.get(url("question_history", question.pk)).content.decode()
    assert "Changed Chinese title." in english and "Changed English body." in english
    assert "No fields changed." in english
    assert "Body" not in retitled.revision.get_comment()
    older, newer = retitled, corrected
    changes = client.get(compare_url(question, older, newer)).context["changes"]
    assert [change.name for change in changes] == ["body_en"]

    chinese_history = chinese(client).get(url("question_history", question.pk)).content.decode()
    assert "中文标题" in chinese_history and "英文正文" in chinese_history
    assert "Chinese title" not in chinese_history and "zh-hans]" not in chinese_history


def test_history_lists_revisions_newest_first_with_flat_queries(
    client, editor, question, django_assert_max_num_queries
):
    client.force_login(editor)
    edit_question(client, question, title_en="First edit")
    with django_assert_max_num_queries(12) as counted:
        first = client.get(url("question_history", question.pk))
    baseline = len(counted)
    for n in range(5):
        edit_question(client, question, title_en=f"Edit {n}")
    with django_assert_max_num_queries(baseline):
        response = client.get(url("question_history", question.pk))
    html = response.content.decode()
    assert first.status_code == response.status_code == 200
    assert html.count('name="old"') == 6
    assert html.count(editor.username) >= 6
    versions = list(Version.objects.get_for_object(question))
    assert html.index(f'value="{versions[0].pk}"') < html.index(f'value="{versions[-1].pk}"')
    assert reverse("admin:qa_question_compare", args=[question.pk]) in html


# --- compare -----------------------------------------------------------------


def two_versions(client, question):
    edit_question(client, question)
    edit_question(
        client,
        question,
        title_en="How did China contain the COVID-19 outbreak?",
        body_zh_hans="第一段。\n\n第二段已修改。<script>alert(1)</script>",
    )
    newer, older = Version.objects.get_for_object(question)[:2]
    return older, newer


def compare_url(question, older, newer):
    return url("question_compare", question.pk) + f"?old={older.pk}&new={newer.pk}"


def test_compare_shows_each_changed_field_in_both_languages(client, editor, question):
    client.force_login(editor)
    older, newer = two_versions(client, question)
    response = client.get(compare_url(question, older, newer))
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
    swapped = client.get(compare_url(question, newer, older))
    assert [c.name for c in swapped.context["changes"]] == [c.name for c in response.context["changes"]]


def test_compare_labels_are_in_the_editors_language(client, editor, question):
    client.force_login(editor)
    older, newer = two_versions(client, question)
    html = chinese(client).get(compare_url(question, older, newer)).content.decode()
    with translation.override("zh-hans"):
        label = str(field_label(Question._meta.get_field("body_zh_hans")))
        heading = translation.gettext("Compare versions of %(name)s") % {"name": Question.objects.get().__str__()}
    assert label in html
    assert heading in html and "中国如何控制疫情" in heading
    assert "Compare versions" not in html


def test_compare_shows_byline_changes(client, editor, question):
    client.force_login(editor)
    edit_question(client, question)
    data = form_data(client.get(url("question_change", question.pk)))
    data["authorships-1-DELETE"] = "on"
    client.post(url("question_change", question.pk), data)
    newer, older = Version.objects.get_for_object(question)[:2]
    response = client.get(compare_url(question, older, newer))
    byline = [c for c in response.context["changes"] if c.name == "authorships"]
    assert len(byline) == 1 and "Zhang Min" in byline[0].old and "Zhang Min" not in byline[0].new


def test_compare_shows_topics_by_name_and_queries_stay_flat(client, editor, series, django_assert_max_num_queries):
    client.force_login(editor)
    topics = [TopicFactory(slug=f"t{n}", name_en=f"Topic {n}", name_zh_hans="") for n in range(3)]

    def compare_page(number, byline_size):
        authors = [
            AuthorFactory(slug=f"a{number}-{n}", name_en=f"Author {number}-{n}", untranslated=True)
            for n in range(byline_size)
        ]
        question = make_question(series, number, "Title", "标题", "Body", "正文", authors=authors)
        with recorded("first"):
            question.save()
        with recorded("second"):
            question.topics.set(topics)
            newcomer = AuthorFactory(slug=f"new-{number}", name_en="Newcomer", untranslated=True)
            Authorship.objects.create(question=question, author=newcomer, order=99)
            question.save()
        newer, older = Version.objects.get_for_object(question)[:2]
        return compare_url(question, older, newer)

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
def test_compare_with_bad_choices_goes_back_to_history_with_a_message(client, editor, question, query):
    client.force_login(editor)
    older, _newer = two_versions(client, question)
    response = client.get(url("question_compare", question.pk) + query.format(a=older.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("question_history", question.pk)
    assert "Choose two different versions to compare." in response.content.decode()


def test_compare_does_not_mix_objects(client, editor, question, series):
    client.force_login(editor)
    older, newer = two_versions(client, question)
    other = make_question(series, 2, title_en="Other", body_en="Other")
    response = client.get(compare_url(other, older, newer))
    assert response.status_code == 302


def test_text_diff_marks_words_and_chinese_characters():
    assert str(text_diff("one two three", "one 2 three")) == "one <del>two</del><ins>2</ins> three"
    assert str(text_diff("第一段", "第二段")) == "第<del>一</del><ins>二</ins>段"
    assert str(text_diff("a\n", "a\nb & c\n")) == "a\n<ins>b &amp; c\n</ins>"


# --- restore and recover -----------------------------------------------------


def test_restore_an_older_revision_brings_back_both_languages(client, editor, question):
    client.force_login(editor)
    edit_question(client, question)
    edit_question(client, question, title_en="Wrong title", title_zh_hans="错误的标题")
    oldest = Version.objects.get_for_object(question).last()
    revision_url = url("question_revision", question.pk, oldest.pk)
    page = client.get(revision_url)
    html = page.content.decode()
    assert "modeltranslation/js/tabbed_translation_fields" in html
    assert 'name="title_en"' in html and 'name="title_zh_hans"' in html
    assert "How did China contain the outbreak?" in html and "中国如何控制疫情？" in html
    question.refresh_from_db()
    assert question.title_en == "Wrong title"  # showing an old version changes nothing
    response = client.post(revision_url, form_data(page))
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.title_en, question.title_zh_hans) == ("How did China contain the outbreak?", "中国如何控制疫情？")
    latest = Version.objects.get_for_object(question).first()
    assert latest.revision.user == editor
    assert latest.pk != oldest.pk


def test_restore_in_the_chinese_admin_keeps_each_language_in_its_place(client, editor, question):
    client.force_login(editor)
    chinese(client)
    edit_question(client, question)
    edit_question(client, question, title_en="Wrong title", title_zh_hans="错误的标题")
    oldest = Version.objects.get_for_object(question).last()
    revision_url = url("question_revision", question.pk, oldest.pk)
    client.post(revision_url, form_data(client.get(revision_url)))
    question.refresh_from_db()
    assert (question.title_en, question.title_zh_hans) == ("How did China contain the outbreak?", "中国如何控制疫情？")


def test_delete_then_recover_a_question_with_its_authors(client, editor, question):
    client.force_login(editor)
    edit_question(client, question)
    pk = question.pk
    response = client.post(url("question_delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Question.objects.filter(pk=pk).exists()
    assert not Authorship.objects.filter(question_id=pk).exists()
    recoverlist = client.get(url("question_recoverlist"))
    deleted = Version.objects.get_deleted(Question).get()
    assert url("question_recover", deleted.pk) in recoverlist.content.decode()
    recover_url = url("question_recover", deleted.pk)
    page = client.get(recover_url)
    assert page.status_code == 200 and 'name="title_zh_hans"' in page.content.decode()
    assert not Question.objects.filter(pk=pk).exists()
    response = client.post(recover_url, form_data(page))
    assert response.status_code == 302
    recovered = Question.objects.get(pk=pk)
    assert recovered.title_zh_hans == "中国如何控制疫情？"
    assert [a.slug for a in recovered.byline] == ["li-wei", "zhang-min"]
    assert not Version.objects.get_deleted(Question).exists()


def test_a_version_of_another_model_cannot_be_restored_through_this_one(client, editor, question):
    client.force_login(editor)
    author = question.byline[0]
    save_change_form(client, url("author_change", author.pk), name_en="Changed")
    author_version = Version.objects.get_for_object(author).get()
    assert client.get(url("question_revision", question.pk, author_version.pk)).status_code == 404
    assert client.get(url("question_recover", author_version.pk)).status_code == 404
    assert client.get(url("question_revision", question.pk, 999999)).status_code == 404


def test_delete_then_recover_an_author(client, editor):
    client.force_login(editor)
    author = AuthorFactory(slug="wang-fang", name_en="Wang Fang", name_zh_hans="王芳")
    save_change_form(client, url("author_change", author.pk), bio_en="Economist.")
    client.post(url("author_delete", author.pk), {"post": "yes"})
    deleted = Version.objects.get_deleted(Author).get()
    recover_url = url("author_recover", deleted.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    recovered = Author.objects.get(slug="wang-fang")
    assert (recovered.name_zh_hans, recovered.bio_en) == ("王芳", "Economist.")


def test_recover_a_programme_with_its_pairings(client, editor):
    client.force_login(editor)
    hubei = RegionFactory(code="hubei", name_en="Hubei", name_zh_hans="湖北", kind="province")
    beijing = RegionFactory(code="beijing", name_en="Beijing", name_zh_hans="北京", kind="municipality")
    programme = ProgrammeFactory(slug="pairing", name_en="Pairing", announced=datetime.date(2020, 2, 7))
    PairingFactory(programme=programme, supporter=beijing, supported=hubei, medical_teams=3)
    save_change_form(client, url("programme_change", programme.pk), name_zh_hans="对口支援")
    client.post(url("programme_delete", programme.pk), {"post": "yes"})
    assert not Pairing.objects.exists()
    deleted = Version.objects.get_deleted(Programme).get()
    recover_url = url("programme_recover", deleted.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    assert Pairing.objects.get().medical_teams == 3
    assert Programme.objects.get().name_zh_hans == "对口支援"


# --- optimistic locking --------------------------------------------------------


CONFLICT_EN = "Someone else saved this question after you opened it"


def test_two_editors_the_later_save_is_refused_and_nothing_is_lost(client, editor, question):
    other = EditorFactory(username="other")
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(other)
    path = url("question_change", question.pk)
    form_a = form_data(client.get(path))
    form_b = form_data(client_b.get(path))

    form_a["title_en"] = "A's title"
    assert client.post(path, form_a).status_code == 302
    form_b["title_en"] = "B's title"
    form_b["body_zh_hans"] = "B 的正文"
    response = client_b.post(path, form_b)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT_EN in html
    assert f'<a href="{url("question_history", question.pk)}">See the other change in the history.</a>' in html
    assert "B 的正文" in html  # B's text stays in the form to copy
    question.refresh_from_db()
    assert question.title_en == "A's title" and question.body_zh_hans == "第一段。\n\n第二段。"
    assert Version.objects.get_for_object(question).count() == 1
    # Sending the same stale form again is refused again; a reloaded form saves.
    assert CONFLICT_EN in client_b.post(path, form_b).content.decode()
    assert edit_question(client_b, question, title_en="B's title").status_code == 302
    question.refresh_from_db()
    assert question.title_en == "B's title"


def test_conflict_message_is_in_the_editors_language(client, editor, question):
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    chinese(client_b)
    path = url("question_change", question.pk)
    form_b = form_data(client_b.get(path))
    edit_question(client, question, title_en="A's title")
    html = client_b.post(path, form_b).content.decode()
    with translation.override("zh-hans"):
        expected = translation.gettext("See the other change in the history.")
    assert expected != "See the other change in the history."
    assert f'<a href="{url("question_history", question.pk)}">{expected}</a>' in html
    assert CONFLICT_EN not in html


def test_a_write_from_outside_the_admin_also_refuses_the_stale_form(client, editor, question):
    client.force_login(editor)
    path = url("question_change", question.pk)
    form = form_data(client.get(path))
    with recorded("Imported"):
        Question.objects.get(pk=question.pk).save()
    form["title_en"] = "Stale edit"
    assert CONFLICT_EN in client.post(path, form).content.decode()
    question.refresh_from_db()
    assert question.title_en == "How did China contain the outbreak?"


def test_a_tampered_version_is_refused(client, editor, question):
    client.force_login(editor)
    path = url("question_change", question.pk)
    form = form_data(client.get(path))
    for bad in ["", "not-a-number", str(question.version + 5)]:
        form["edit_version"] = bad
        response = client.post(path, form)
        assert response.status_code == 200
    question.refresh_from_db()
    assert question.version == 0


def test_restoring_from_a_stale_page_is_refused(client, editor, question):
    client.force_login(editor)
    edit_question(client, question)
    oldest = Version.objects.get_for_object(question).get()
    revision_url = url("question_revision", question.pk, oldest.pk)
    stale = form_data(client.get(revision_url))
    edit_question(client, question, title_en="Newer work")
    response = client.post(revision_url, stale)
    assert CONFLICT_EN in response.content.decode()
    question.refresh_from_db()
    assert question.title_en == "Newer work"


def test_two_editors_on_one_author(client, editor):
    author = AuthorFactory(slug="chen-jing", name_en="Chen Jing", name_zh_hans="陈静")
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    path = url("author_change", author.pk)
    form_b = form_data(client_b.get(path))
    save_change_form(client, path, position_en="Professor")
    form_b["position_en"] = "Lecturer"
    assert "Someone else saved this author after you opened it" in client_b.post(path, form_b).content.decode()
    author.refresh_from_db()
    assert author.position_en == "Professor"


def test_publish_action_records_a_revision_and_moves_the_version_on(client, editor, question):
    client.force_login(editor)
    path = url("question_change", question.pk)
    form = form_data(client.get(path))
    client.post(url("question_changelist"), {"action": "publish", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.is_published
    assert "published" in Version.objects.get_for_object(question).get().revision.get_comment()
    assert CONFLICT_EN in client.post(path, form).content.decode()


# --- translation status --------------------------------------------------------


@pytest.fixture
def mixed(series):
    both = make_question(series, 1, "Both", "两种", "Body", "正文")
    english_only = make_question(series, 2, "English only", "", "Body", "")
    no_chinese_body = make_question(series, 3, "Title", "标题", "Body", "")
    chinese_only = make_question(series, 4, "", "只有中文", "", "正文")
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
    client, editor, series, mixed, django_assert_max_num_queries
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
        make_question(series, n, f"More {n}", "", "Body", "")
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


def test_imports_leave_a_revision_that_can_be_undone(tmp_path):
    """Both import commands record one revision; undoing it restores the earlier text."""
    bundle = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
    call_command("import_content", str(bundle))
    revision = Revision.objects.latest("pk")
    assert revision.get_comment() == "Imported a content bundle"
    assert revision.version_set.filter(content_type__model="question").exists()

    question = Question.objects.get(number=3)
    question.title_en = "An editor's title"
    with recorded("An editor's correction"):
        question.save()
    paper = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
    call_command("import_qa", str(paper))
    revision = Revision.objects.latest("pk")
    assert revision.get_comment().startswith("Imported working papers:")
    question.refresh_from_db()
    assert question.title_en.startswith("Why Is Partner Assistance")

    undo(revision)
    question.refresh_from_db()
    assert question.title_en == "An editor's title"

"""Translation status of a question: missing, outdated or current by the rule, from every writer, restore and
undo; in the admin, the badges and source diff, "Mark as up to date", two editors, Needs translation.

Through the admin as an editor uses it (the ``editor`` and ``logged_in`` fixtures, tests/admin_forms.py), and
through the other writers (restore, undo, scripts).
"""

import json

import pytest
from django.test import Client
from reversion.models import Version

from qa.editorial import staleness
from qa.editorial.revisions import recorded, undo
from qa.models import Question
from tests.admin_forms import chinese, edit, form_data, mark_current, url
from tests.factories import AuthorFactory, EditorFactory, QuestionFactory, StaffFactory
from tests.field_status import status

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    with recorded("Created"):
        return QuestionFactory(
            number=3,
            title_en="How did China contain the outbreak?",
            title_zh_hans="中国如何控制疫情？",
            summary_en="",
            summary_zh_hans="",
            body_en="Wuhan closed its roads.\n\nHubei followed.",
            body_zh_hans="武汉封闭了道路。\n\n湖北随后跟进。",
        )


# --- the rule, from every writer -------------------------------------------------


def test_a_new_translation_is_current_and_an_empty_one_missing(question):
    assert status(question, "body") == "current"
    assert status(question, "summary") == "current"  # nothing to translate
    question.summary_en = "A summary."
    question.save()
    assert status(question, "summary") == "missing"
    assert staleness.field_status(question, "body", "en") == "current"  # the original itself


def test_changing_the_source_outdates_the_translation_until_it_is_translated_again(question):
    question.body_en = "Wuhan closed its roads on 23 January.\n\nHubei followed."
    question.save()
    assert status(question, "body") == "outdated"
    assert status(question, "title") == "current"
    assert list(Question.objects.filter(staleness.outdated_filter("zh-hans"))) == [question]
    assert not Question.objects.filter(staleness.outdated_filter("en")).exists()
    question.body_zh_hans = "武汉于1月23日封闭了道路。\n\n湖北随后跟进。"
    question.save()
    assert status(question, "body") == "current"
    assert not Question.objects.filter(staleness.outdated_filter("zh-hans")).exists()


def test_source_changed_back_makes_the_translation_current_again(question):
    original = question.body_en
    question.body_en = "Changed."
    question.save()
    assert status(question, "body") == "outdated"
    question.body_en = original
    question.save()
    assert status(question, "body") == "current"


def test_the_source_of_a_question_is_its_original_language():
    question = QuestionFactory(original_language="zh-hans")
    question.title_zh_hans = "新标题"
    question.save()
    assert status(question, "title", "en") == "outdated"
    assert staleness.field_status(question, "title", "zh-hans") == "current"
    assert Question.objects.filter(staleness.outdated_filter("en")).get() == question


def test_restore_and_undo_bring_the_status_back_with_the_text(question):
    with recorded("Source changed"):
        question.body_en = "A revised English body."
        question.save()
    assert status(question, "body") == "outdated"
    revision = Version.objects.get_for_object(question).first().revision
    undo(revision)
    assert status(question, "body") == "current"
    assert question.body_en == "Wuhan closed its roads.\n\nHubei followed."
    assert question.outdated_languages == ""
    # Restoring the outdated version brings its status back too.
    Version.objects.get_for_object(question).filter(revision=revision).get().revert()
    assert status(question, "body") == "outdated"
    assert question.outdated_languages == "|zh-hans|"


def test_restoring_a_revision_in_the_admin_brings_its_status_back(logged_in, question):
    edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei and Hebei followed.")
    assert status(question, "body") == "outdated"
    outdated_version = Version.objects.get_for_object(question).first()
    edit(logged_in, question, body_zh_hans="武汉封闭了道路。\n\n湖北和河北随后跟进。")
    assert status(question, "body") == "current"
    revision_url = url("question_revision", question.pk, outdated_version.pk)
    page = logged_in.get(revision_url)
    assert "Translation outdated" in page.content.decode()
    assert 'form="mark-current-form"' not in page.content.decode()  # that form is the change page's
    assert logged_in.post(revision_url, form_data(page)).status_code == 302
    assert status(question, "body") == "outdated"
    assert question.body_zh_hans == "武汉封闭了道路。\n\n湖北随后跟进。"
    assert list(Question.objects.filter(staleness.outdated_filter("zh-hans"))) == [question]


# --- the admin -------------------------------------------------------------------


def test_editor_changing_the_source_sees_the_chinese_field_outdated_with_the_change(logged_in, question):
    response = edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei and Hebei followed.")
    assert response.status_code == 302
    assert status(question, "body") == "outdated"
    page = logged_in.get(url("question_change", question.pk)).content.decode()
    assert "Translation outdated" in page
    assert '<div class="revision-diff" lang="en">Wuhan closed its roads.\n\nHubei<ins> and Hebei</ins> followed' in page
    assert 'form="mark-current-form" name="field" value="zh-hans:body"' in page
    assert 'id="mark-current-form"' in page
    assert page.count("Translation up to date") >= 1


def test_translator_saving_the_translation_makes_it_current(logged_in, question):
    edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei and Hebei followed.")
    response = edit(logged_in, question, body_zh_hans="武汉封闭了道路。\n\n湖北和河北随后跟进。")
    assert response.status_code == 302
    assert status(question, "body") == "current"


def test_mark_current_is_a_post_recorded_in_history_in_both_languages(logged_in, question):
    edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei followed suit.")
    mark = url("question_mark_current", question.pk)
    assert logged_in.get(mark).status_code == 405
    response = mark_current(logged_in, question, "zh-hans:body")
    assert response.status_code == 302
    assert status(question, "body") == "current"
    history = logged_in.get(url("question_history", question.pk)).content.decode()
    assert "Marked Chinese body as up to date with the original." in history
    history_zh = chinese(logged_in).get(url("question_history", question.pk)).content.decode()
    assert "已将中文正文标为与原文一致。" in history_zh
    # A restore of the version before brings "outdated" back.
    assert Version.objects.get_for_object(question).count() == 3


@pytest.mark.parametrize("language, refusal", [
    ("en", "The original was changed after this page was opened, so the translation was not marked as up to date."),
    ("zh-hans", "打开本页后原文又有修改，因此译文没有标为与原文一致。"),
])
def test_mark_current_against_an_original_changed_since_the_page_was_opened_is_refused(
    logged_in, question, language, refusal
):
    """The translator saw one change of the English; a colleague then made another."""
    logged_in.cookies["django_language"] = language
    edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei followed suit.")
    page = logged_in.get(url("question_change", question.pk)).content.decode()
    colleague = Client()
    colleague.force_login(EditorFactory(username="colleague"))
    edit(colleague, question, body_en="COMPLETELY NEW ENGLISH BODY.\n\nWuhan closed its roads.")
    response = mark_current(logged_in, question, "zh-hans:body", page=page)
    assert response.status_code == 302 and status(question, "body") == "outdated"
    assert refusal in logged_in.get(response["Location"]).content.decode()
    logged_in.post(url("question_mark_current", question.pk), {"field": "zh-hans:body"})  # saw no original
    assert status(question, "body") == "outdated"
    assert mark_current(logged_in, question, "zh-hans:body").status_code == 302
    assert status(question, "body") == "current"


def test_mark_current_needs_csrf_and_change_permission(question, editor):
    edit_client = Client(enforce_csrf_checks=True)
    edit_client.force_login(editor)
    question.body_en = "Changed."
    question.save()
    assert edit_client.post(url("question_mark_current", question.pk), {"field": "zh-hans:body"}).status_code == 403
    assert status(question, "body") == "outdated"
    viewer = Client()
    viewer.force_login(StaffFactory(username="viewer"))
    assert viewer.post(url("question_mark_current", question.pk), {"field": "zh-hans:body"}).status_code == 403
    assert status(question, "body") == "outdated"


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%00"])
def test_mark_current_of_no_such_object_is_404(logged_in, question, object_id):
    path = url("question_mark_current", question.pk).replace(f"/{question.pk}/", f"/{object_id}/")
    assert logged_in.post(path, {"field": "zh-hans:body"}).status_code == 404


def test_changing_the_original_language_drops_the_old_status(question):
    question.body_en = "Changed."
    question.save()
    question.original_language = "zh-hans"
    question.save()
    question.refresh_from_db()
    assert set(question.translation_status) <= {"en"}
    assert staleness.field_status(question, "body", "en") == "current"
    assert staleness.field_status(question, "body", "zh-hans") == "current"
    assert question.outdated_languages == ""


@pytest.mark.parametrize(
    "value", ["", "zh-hans:title", "zh-hans:slug", "en:body", "xx:body", "zh-hans:nothing", "x" * 5000]
)
def test_mark_current_refuses_what_is_not_a_translation(logged_in, question, value):
    question.body_en = "Changed."
    question.save()
    response = logged_in.post(url("question_mark_current", question.pk), {"field": value}, follow=True)
    assert response.status_code == 200
    assert "There is no such translation to mark as up to date." in response.content.decode()
    assert status(question, "body") == "outdated"


def test_two_editors_source_and_translation_at_once(question, editor):
    """The translator opened the form before the source changed: their save is refused (nothing lost),
    the stored translation stays outdated, and after reloading they see what changed."""
    source_editor, translator = Client(), Client()
    source_editor.force_login(editor)
    translator.force_login(EditorFactory(username="translator"))
    path = url("question_change", question.pk)
    translator_form = form_data(translator.get(path))
    assert (
        edit(source_editor, question, body_en="Wuhan closed its roads.\n\nHubei and Hebei followed.").status_code == 302
    )
    translator_form["body_zh_hans"] = "武汉封闭了道路。\n\n湖北也封闭了。"
    refused = translator.post(path, translator_form)
    assert "Someone else saved this question after you opened it" in refused.content.decode()
    assert status(question, "body") == "outdated"
    assert question.body_zh_hans == "武汉封闭了道路。\n\n湖北随后跟进。"
    reloaded = translator.get(path).content.decode()
    assert "Hubei<ins> and Hebei</ins> followed" in reloaded


def test_a_translation_made_from_an_older_source_is_saved_outdated(logged_in, question):
    """The form carries the source the translator saw; a translation of an older source stays outdated."""
    path = url("question_change", question.pk)
    data = form_data(logged_in.get(path))
    seen = json.loads(data["translated_from"])
    assert seen["zh-hans"]["body"] == staleness.digest(question.body_en)
    question.body_en = "A newer English body."
    question.save()
    data = form_data(logged_in.get(path))
    data["translated_from"] = json.dumps(
        {"zh-hans": {"body": staleness.digest("Wuhan closed its roads.\n\nHubei followed.")}}
    )
    data["body_zh_hans"] = "根据旧版翻译的正文。"
    assert logged_in.post(path, data).status_code == 302
    assert status(question, "body") == "outdated"


@pytest.mark.parametrize("carried", ["not json", "[1, 2]", '{"zh-hans": 3}', '{"zh-hans": {"body": 4}}'])
def test_a_form_carrying_nonsense_saves_against_the_source_shown(logged_in, question, carried):
    path = url("question_change", question.pk)
    data = form_data(logged_in.get(path))
    data["translated_from"] = carried
    data["body_zh_hans"] = "新的译文。"
    assert logged_in.post(path, data).status_code == 302
    assert status(question, "body") == "current"


def test_badges_in_chinese_for_a_chinese_editor(logged_in, question):
    edit(logged_in, question, body_en="Changed English.")
    page = chinese(logged_in).get(url("question_change", question.pk)).content.decode()
    assert "译文已过时" in page
    assert "标为最新" in page
    assert "翻译状态" in page


def test_status_is_not_a_change_in_compare(logged_in, question):
    edit(logged_in, question, body_en="Changed English.")
    old, new = Version.objects.get_for_object(question)[1], Version.objects.get_for_object(question)[0]
    page = logged_in.get(url("question_compare", question.pk), {"old": old.pk, "new": new.pk}).content.decode()
    assert "translation status" not in page.lower()
    assert "outdated translations" not in page.lower()


def test_an_empty_field_in_both_languages_has_no_badge(logged_in, question):
    page = logged_in.get(url("question_change", question.pk)).content.decode()
    summary_row = page[page.index('name="summary_zh_hans"') :]
    summary_row = summary_row[: summary_row.index('name="body_en"')]
    assert "translation-badge" not in summary_row
    body_row = page[page.index('name="body_zh_hans"') :]
    assert "Translation up to date" in body_row[: body_row.index('class="form-row')]


# --- "Needs translation" -------------------------------------------------------------


def test_needs_translation_lists_missing_and_outdated_fields_newest_first(
    logged_in, question, django_assert_max_num_queries
):
    untranslated = QuestionFactory(number=4, untranslated=True, title_en="Untranslated question")
    edit(logged_in, question, body_en="Wuhan closed its roads.\n\nHubei and Hebei followed.")
    author = AuthorFactory(name_en="Li Wei", name_zh_hans="李伟")
    edit(logged_in, author, name_en="Li Wei (CIKD)")
    page_url = url("needs_translation")
    with django_assert_max_num_queries(14) as counted:
        html = logged_in.get(page_url).content.decode()
    chinese_section = html[html.index('id="missing-zh-hans"') :]
    english_section = html[html.index('id="missing-en"') : html.index('id="missing-zh-hans"')]
    assert chinese_section.index("3. How did China") < chinese_section.index("4. Untranslated question")
    row = chinese_section[chinese_section.index("3. How did China") :]
    row = row[: row.index("</tr>")]
    assert '<td class="outdated-fields">Chinese body' in row
    assert '<td class="missing-fields">—</td>' in row
    row = chinese_section[chinese_section.index("4. Untranslated question") :]
    assert '<td class="missing-fields">Chinese title, Chinese summary, Chinese body</td>' in row[: row.index("</tr>")]
    assert "Li Wei (CIKD)" in chinese_section and "Li Wei (CIKD)" not in english_section
    assert "How did China" not in english_section
    for number in range(10, 16):
        more = QuestionFactory(number=number, title_en=f"More {number}")
        more.title_en = f"More {number}, revised"
        more.save()
    with django_assert_max_num_queries(len(counted)):
        html = logged_in.get(page_url).content.decode()
    assert "More 15, revised" in html
    assert untranslated.pk


def test_needs_translation_in_chinese_names_fields_in_chinese(logged_in, question):
    edit(logged_in, question, body_en="Changed English body.")
    html = chinese(logged_in).get(url("needs_translation")).content.decode()
    chinese_section = html[html.index('id="missing-zh-hans"') :]
    assert '<td class="outdated-fields">中文正文' in chinese_section
    assert "中文缺失或过时" in chinese_section

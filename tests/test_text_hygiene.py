"""What the Hub stores is text every reader, feed and database can use: one rule (qa.text) on every write path."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.urls import reverse
from reversion.models import Version

from qa.models import Pairing, Question
from tests.admin_forms import edit, form_data
from tests.bundle_data import import_content, small_bundle, write
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    PairingFactory,
    ProgrammeFactory,
    QuestionFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


def save_question(client, question, language="en", **changes):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    path = reverse("admin:qa_question_change", args=[question.pk])
    data = form_data(client.get(path))
    data.update(changes)
    return client.post(path, data)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "contains the invisible character U+000B (at character 5)"),
        ("zh-hans", "含有不可见字符U+000B（第5个字符）"),
    ],
)
def test_the_admin_refuses_a_pasted_control_character_naming_field_and_character(editor_client, language, expected):
    question = QuestionFactory(number=3)
    response = save_question(editor_client, question, language, summary_en="Soft\x0bbreak from Word")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["summary_en"]
    assert expected in errors["summary_en"][0]
    question.refresh_from_db()
    assert question.summary_en == "Summary 3"


@pytest.mark.parametrize("field", ["title_en", "summary_zh_hans", "body_zh_hans"])
@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "contains the invisible character U+0000 (at character 5)"),
        ("zh-hans", "含有不可见字符U+0000（第5个字符）"),
    ],
)
def test_a_nul_is_refused_by_the_same_rule_naming_it_not_by_djangos_own_check(editor_client, field, language, expected):
    """Django's check spoke of no character (and its Chinese, 不允许是用空字符串, of an empty string)."""
    question = QuestionFactory(number=3)
    response = save_question(editor_client, question, language, **{field: "null\x00byte"})
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors[field]
    assert expected in message
    assert Question.objects.get().version == question.version


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("title_en", "T" * 501, "at most 500 characters"),
        ("summary_zh_hans", "摘" * 2001, "at most 2000 characters"),
        ("body_zh_hans", "正文" * 40_000, "keep it under 200 KB (it is 240 KB)"),
        ("body_en", "b" * 200_001, "keep it under 200 KB (it is 200,001 bytes)"),
        ("body_en", "null\x00byte", "contains the invisible character U+0000 (at character 5)"),
    ],
)
def test_the_admin_refuses_what_is_too_long_or_unstorable(editor_client, field, value, expected):
    question = QuestionFactory(number=3)
    response = save_question(editor_client, question, **{field: value})
    assert response.status_code == 200
    assert expected in " ".join(response.context["adminform"].form.errors[field])
    assert Question.objects.get().version == question.version


def test_a_shell_save_is_refused_by_the_same_rule_and_line_endings_are_normalised():
    question = QuestionFactory(number=3)
    question.summary_en = "bell\x07"
    with pytest.raises(ValidationError) as refused:
        question.save()
    assert "summary_en" in refused.value.message_dict
    question.summary_en = "one\r\ntwo\rthree"
    question.save()
    question.refresh_from_db()
    assert question.summary_en == "one\ntwo\nthree"


def test_an_untouched_multiline_pairing_note_is_no_change(editor_client):
    programme = ProgrammeFactory(slug="small", name_en="Small")
    hebei = RegionFactory(code="hebei", name_en="Hebei")
    enshi = RegionFactory(code="enshi", name_en="Enshi", kind="autonomous-prefecture")
    PairingFactory(programme=programme, supporter=hebei, supported=enshi, note_en="Line one.\nLine two.")
    path = reverse("admin:qa_programme_change", args=[programme.pk])
    for _save in range(2):
        assert editor_client.post(path, form_data(editor_client.get(path))).status_code == 302
    latest = Version.objects.get_for_object(programme).first()
    assert latest.revision.get_comment() == "No fields changed."
    assert Pairing.objects.get().note_en == "Line one.\nLine two."


def test_the_migration_normalises_rows_stored_with_crlf():
    question = QuestionFactory(number=3)
    Question.objects.filter(pk=question.pk).update(body_en="a\r\n\r\nb", title_zh_hans="标\r题")
    migration = importlib.import_module("qa.migrations.0008_normalise_line_endings")
    migration.normalise(apps, None)
    question.refresh_from_db()
    assert question.body_en == "a\n\nb" and question.title_zh_hans == "标\n题"


def test_a_body_just_over_the_limit_says_by_how_much_in_chinese_too(editor_client):
    """Rounded, 200,001 bytes read "200 KB", the limit itself."""
    question = QuestionFactory(number=3)
    response = save_question(editor_client, question, "zh-hans", body_zh_hans="正" * 66_667)
    [message] = response.context["adminform"].form.errors["body_zh_hans"]
    assert "（现为200,001字节）" in message


def test_a_biography_a_description_and_a_note_are_bounded_too(editor_client, tmp_path):
    """They had no limit: a pasted file of any size was stored and shown on every page that lists them."""
    author = AuthorFactory()
    response = edit(editor_client, author, bio_en="b" * 5001)
    assert response.status_code == 200 and "at most 5000 characters" in response.content.decode()
    author.refresh_from_db()
    assert len(author.bio_en or "") < 5001
    assert edit(editor_client, author, bio_en="b" * 5000).status_code == 302
    content = small_bundle()
    content["programmes"][0]["pairings"][0]["note"] = {"zh-hans": "注" * 5001}
    content["topics"][0]["description"] = {"en": "d" * 5001}
    with pytest.raises(CommandError) as refusal:
        import_content(write(tmp_path, content))
    assert "programmes[0].pairings[0].note.zh-hans: is too long: at most 5000 characters (it has 5001)" in str(
        refusal.value
    )
    assert "topics[0].description.en: is too long" in str(refusal.value)

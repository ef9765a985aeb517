"""Hostile content bundles (docs/content-bundle.md): invisible characters, limits and files no reader should
accept refused with their path and nothing written; a byte order mark and CRLF line ends accepted."""

import json

import pytest
from django.core.management import CommandError

from qa.interchange import schema
from qa.models import Pairing, Question
from tests.bundle_data import SHIPPED, counts, export_content, import_content, shipped, small_bundle, write

pytestmark = pytest.mark.django_db


def question_text(field, language, value):
    def spoil(content):
        content["questions"][0][field][language] = value
        return json.dumps(content)  # ASCII escapes, so "\ud800" is written as one

    return spoil


def pairing_note(content):
    content["programmes"][0]["pairings"][2]["note"] = {"zh-hans": "备注\x07"}
    return json.dumps(content)


def nul_in_a_reference(content):
    content["questions"][0]["authors"] = ["zhou-taidong\x00"]
    return json.dumps(content)


def duplicate_top_level_key(content):
    return json.dumps(content).replace('"version": 1,', '"version": 1, "version": 1,', 1)


def duplicate_key_in_a_question(content):
    return json.dumps(content).replace('"status": "published"', '"status": "draft", "status": "published"', 1)


def deep_nesting(content):
    return '{"format": "knowledgehub-bundle", "version": 1, "questions": ' + "[" * 100_000 + "]" * 100_000 + "}"


def huge_integer(content):
    return json.dumps(content).replace('"number": 3', '"number": ' + "7" * 5000, 1)


@pytest.mark.parametrize(
    "spoil, expected",
    [
        pytest.param(
            question_text("title", "en", "Why Is\x0bPartner Assistance Adopted?"),
            "questions[0].title.en: contains the invisible character U+000B (at character 7)",
            id="control-character-in-title",
        ),
        pytest.param(
            question_text("summary", "en", "The article\x0b explains"),
            "questions[0].summary.en: contains the invisible character U+000B (at character 12); remove it",
            id="control-character-in-summary",
        ),
        pytest.param(
            pairing_note,
            "programmes[0].pairings[2].note.zh-hans: contains the invisible character U+0007 (at character 3)",
            id="control-character-in-pairing-note",
        ),
        pytest.param(
            question_text("body", "en", "Text.\x00"),
            "questions[0].body.en: contains the invisible character U+0000 (at character 6)",
            id="nul",
        ),
        pytest.param(
            nul_in_a_reference,
            "questions[0].authors[0]: contains the invisible character U+0000 (at character 13)",
            id="nul-in-a-reference",
        ),
        pytest.param(
            question_text("title", "zh-hans", "为何\ud800"),
            "questions[0].title.zh-hans: contains the invisible character U+D800 (at character 3)",
            id="lone-surrogate",
        ),
        pytest.param(
            question_text("title", "en", "t" * 501),
            "questions[0].title.en: is too long: at most 500 characters (it has 501)",
            id="title-of-501-characters",
        ),
        pytest.param(
            question_text("body", "zh-hans", "字" * 70_000),
            "questions[0].body.zh-hans: is too long: keep it under 200 KB (it is 210 KB)",
            id="body-over-200-kb",
        ),
        pytest.param(
            duplicate_top_level_key,
            "version: duplicate key, given 2 times in one object",
            id="duplicate-top-level-key",
        ),
        pytest.param(
            duplicate_key_in_a_question,
            "questions[0].status: duplicate key, given 2 times in one object",
            id="duplicate-key-in-a-question",
        ),
        pytest.param(deep_nesting, "arrays or objects nested too deeply", id="deep-nesting"),
        pytest.param(huge_integer, "a number longer than 4300 digits", id="huge-integer"),
    ],
)
def test_hostile_bundle_is_refused_with_its_path_and_nothing_is_written(imported, tmp_path, spoil, expected):
    content = shipped()
    content["series"][0]["title"]["en"] = "A valid change"
    before, exported = counts(), export_content()

    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, spoil(content)))

    assert expected in str(error.value)
    assert counts() == before
    assert export_content() == exported


def test_a_file_with_a_byte_order_mark_imports(tmp_path):
    path = tmp_path / "bom.json"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    import_content(path)

    assert Question.objects.get().number == 3


def test_load_ignores_a_leading_byte_order_mark():
    assert schema.load('\ufeff{"format": "knowledgehub-bundle"}') == {"format": "knowledgehub-bundle"}


def test_crlf_text_imports_with_newlines_and_a_second_import_changes_nothing(tmp_path):
    content = small_bundle()
    question = content["questions"][1]
    question["title"] = {"en": "Second\r\nquestion?"}
    question["body"] = {"en": "One.\r\n\r\nTwo.\rThree."}
    content["programmes"][0]["pairings"][0]["note"] = {"en": "A\r\nnote"}
    path = write(tmp_path, content)

    import_content(path)

    stored = Question.objects.get(number=2)
    assert (stored.title_en, stored.body_en) == ("Second\nquestion?", "One.\n\nTwo.\nThree.")
    assert Pairing.objects.get(supported__code="child").note_en == "A\nnote"
    assert import_content(path).strip().endswith("Nothing changed.")

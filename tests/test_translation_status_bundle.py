"""Translation status in the content bundle (docs/content-bundle.md): exported, imported, checked; old bundles read."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from qa.editorial import staleness
from qa.editorial.revisions import recorded
from qa.interchange.dumping import export_bundle
from qa.interchange.loading import import_bundle
from qa.interchange.schema import InvalidBundle
from qa.models import Author, Question
from tests.factories import AuthorFactory, QuestionFactory
from tests.working_paper_data import SAMPLE, question_3, run, sample_bytes, write

pytestmark = pytest.mark.django_db


def outdated_question():
    with recorded("Created"):
        question = QuestionFactory(number=3, body_en="First English body.", body_zh_hans="第一版正文。")
    question.body_en = "Revised English body."
    question.save()
    return question


def test_export_carries_outdated_translations_and_import_restores_them(tmp_path):
    question = outdated_question()
    author = AuthorFactory(slug="li", name_en="Li Wei", name_zh_hans="李伟")
    bundle = export_bundle()
    record = next(item for item in bundle["questions"] if item["number"] == 3)
    assert set(record["translation_status"]["zh-hans"]) == {"body"}
    entry = record["translation_status"]["zh-hans"]["body"]
    assert entry["source"] == staleness.digest("First English body.")
    assert "translation_status" not in next(item for item in bundle["authors"] if item["slug"] == "li")
    Question.objects.all().delete()
    Author.objects.filter(pk=author.pk).delete()
    import_bundle(copy.deepcopy(bundle))
    question = Question.objects.get(number=3)
    assert staleness.field_status(question, "body", "zh-hans") == "outdated"
    assert staleness.field_status(question, "title", "zh-hans") == "current"
    assert Question.objects.filter(staleness.outdated_filter("zh-hans")).get() == question
    assert export_bundle() == bundle


def test_an_old_bundle_without_status_follows_the_rule(tmp_path):
    question = outdated_question()
    bundle = export_bundle()
    record = next(item for item in bundle["questions"] if item["number"] == 3)
    del record["translation_status"]
    record["body"] = {"en": "A third English body."}
    import_bundle(bundle)
    question.refresh_from_db()
    assert staleness.field_status(question, "body", "zh-hans") == "outdated"
    record["body"] = {"zh-hans": "第三版正文。"}
    import_bundle(bundle)
    question.refresh_from_db()
    assert staleness.field_status(question, "body", "zh-hans") == "current"


def test_a_bundle_can_mark_a_translation_current(tmp_path):
    question = outdated_question()
    bundle = export_bundle()
    record = next(item for item in bundle["questions"] if item["number"] == 3)
    record["translation_status"] = {}
    report = import_bundle(bundle)
    question.refresh_from_db()
    assert staleness.field_status(question, "body", "zh-hans") == "current"
    assert report is not None


@pytest.mark.parametrize(
    "status, expected",
    [
        ("outdated", "questions[0].translation_status: expected an object"),
        ({"fr": {}}, "questions[0].translation_status.fr: expected an object under a language code"),
        ({"zh-hans": {"slug": {}}}, "questions[0].translation_status.zh-hans.slug: not a tracked field"),
        (
            {"zh-hans": {"body": {"source": "XYZ", "revised": "2026-03-05T10:00:00+00:00"}}},
            "questions[0].translation_status.zh-hans.body.source: expected the digest",
        ),
        (
            {"zh-hans": {"body": {"source": "ab12", "revised": "yesterday"}}},
            "questions[0].translation_status.zh-hans.body.revised: 'yesterday' is not a date and time",
        ),
        (
            {"zh-hans": {"body": {"source": "ab12", "revised": "2026-03-05T10:00:00"}}},
            "is not a date and time with its offset",
        ),
        ({"zh-hans": {"body": {"source": "ab12"}}}, "questions[0].translation_status.zh-hans.body.revised: required"),
        (
            {"zh-hans": {"body": {"source": "ab12", "revised": "2026-03-05T10:00:00+00:00", "x": 1}}},
            "questions[0].translation_status.zh-hans.body.x: unknown field",
        ),
    ],
)
def test_a_bad_status_is_refused_with_its_path_and_nothing_is_written(tmp_path, status, expected):
    outdated_question()
    bundle = export_bundle()
    bundle["questions"][0]["translation_status"] = status
    bundle["questions"][0]["title"] = {"en": "Never written"}
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_content", str(path), stdout=io.StringIO())
    assert expected in str(refused.value)
    assert not Question.objects.filter(title_en="Never written").exists()
    with pytest.raises(InvalidBundle):
        import_bundle(bundle)


def test_a_working_paper_revising_the_english_outdates_the_chinese(tmp_path):
    """The working-paper import writes English fields only, through the same loader and rule."""
    run(str(SAMPLE))
    question = question_3()
    question.title_zh_hans, question.body_zh_hans = "为什么中国抗疫采用对口支援？", "对口支援……"
    question.save()
    assert staleness.field_status(question, "body", "zh-hans") == "current"
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective indeed.")
    run(write(tmp_path, "changed.txt", changed))
    question = question_3()
    assert staleness.field_status(question, "body", "zh-hans") == "outdated"
    assert staleness.field_status(question, "title", "zh-hans") == "current"

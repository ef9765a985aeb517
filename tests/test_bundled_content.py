"""The content that ships with the Hub: Question 3 in both languages, and the pairing table."""

import hashlib
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from qa.models import Author, Page, Pairing, Programme, Question, Topic
from tests.factories import SERIES_SLUG

pytestmark = pytest.mark.django_db
BUNDLE = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
CORRECTIONS = Path(settings.BASE_DIR) / "content" / "corrections" / "chinese-text.json"
SOURCE = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
# SHA-256 of Question 3's English title, summary and body as first bundled (see english_fields_digest).
ENGLISH_DIGEST = "6e9adbd3e41f2cdd24dcc0d22a716775ea5734000911eff26f2464efa81ec874"


@pytest.fixture
def bundled():
    call_command("import_content", str(BUNDLE))
    return Question.objects.get(series__slug=SERIES_SLUG, number=3)


def source_paragraphs():
    """The body paragraphs of the working paper, as extracted: between the date line and the bio line."""
    text = SOURCE.read_text(encoding="utf-8").replace("\r\n", "\n")
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    start = blocks.index("March 2020") + 1
    end = next(i for i, block in enumerate(blocks) if block.startswith("Zhou Taidong is "))
    letterhead = {"中国国际发展知识中心", "CENTER FOR INTERNATIONAL\nKNOWLEDGE ON DEVELOPMENT"}
    return [block for block in blocks[start:end] if block not in letterhead]


def test_question_3_english_page_has_the_nine_paragraphs_word_for_word(client, bundled):
    html = client.get(bundled.url_for("en")).content.decode()
    paragraphs = source_paragraphs()
    assert len(paragraphs) == 9
    body = html.split('<div class="body"', 1)[1].split("</div>", 1)[0]
    assert body.count("<p>") == 9
    for paragraph in paragraphs:
        assert paragraph in bundled.body_en
    assert "Why Is Partner Assistance Adopted in China&#x27;s COVID-19 Battle?" in html
    assert "March 2020" in html
    assert "Division Chief of Division of International Development Research Exchange, CIKD" in html
    assert "CENTER FOR INTERNATIONAL" not in bundled.body_en
    assert "Working Papers are also posted" not in bundled.body_en


def test_question_3_chinese_page_is_a_complete_translation(client, bundled):
    html = client.get(bundled.url_for("zh-hans")).content.decode()
    body = html.split('<div class="body"', 1)[1].split("</div>", 1)[0]
    assert body.count("<p>") == 9
    for figure in ["19", "16", "63", "7,425", "31,207"]:
        assert figure in body
    assert "译自英文原文" in html
    assert "周太东" in html and "2020年3月" in html
    assert bundled.original_language == "en"


def test_bundled_author_and_pairings(bundled):
    author = Author.objects.get(slug="zhou-taidong")
    assert author.name_zh_hans == "周太东"
    assert list(bundled.byline) == [author]
    assert Pairing.objects.count() == 21


def bundle_json(path=BUNDLE):
    return json.loads(path.read_text(encoding="utf-8"))


def english_fields_digest(question):
    fields = {name: question[name]["en"] for name in ("title", "summary", "body")}
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def test_corrections_of_the_chinese_text_leave_question_3_english_as_first_bundled():
    (question,) = bundle_json()["questions"]
    assert english_fields_digest(question) == ENGLISH_DIGEST


def test_the_corrections_bundle_holds_the_bundles_own_text_and_no_english_of_question_3():
    """The corrections file is what an operator imports into a database seeded before (docs/operators.md)."""
    bundle, corrections = bundle_json(), bundle_json(CORRECTIONS)
    for kind, key in [("topics", "slug"), ("questions", "number"), ("programmes", "slug"), ("pages", "slug")]:
        records = {record[key]: record for record in bundle[kind]}
        for correction in corrections[kind]:
            record = records[correction[key]]
            for name, value in correction.items():
                if isinstance(value, dict):
                    assert value == {language: record[name][language] for language in value}, (kind, name)
                elif name != "pairings":
                    assert value == record[name], (kind, name)
    (question,) = corrections["questions"]
    assert all(set(question[name]) == {"zh-hans"} for name in ("title", "summary", "body"))
    assert corrections["programmes"][0]["pairings"] == []


def test_the_corrections_reach_a_database_seeded_before_and_keep_editors_other_changes(tmp_path):
    older = bundle_json()
    question = older["questions"][0]
    question["body"]["zh-hans"] = question["body"]["zh-hans"].replace("以强扶弱", "强省帮弱省")
    older["programmes"][0]["name"]["zh-hans"] = "对口支援湖北省除武汉以外的市州"
    older["pages"][0]["body"]["zh-hans"] = "新冠肺炎疫情知识中心"
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    call_command("seed_content", str(path))
    q3 = Question.objects.get(series__slug=SERIES_SLUG, number=3)
    q3.summary_en = "An editor's summary."
    q3.save()
    pairing = Pairing.objects.first()
    pairing.note_zh_hans = "编辑的说明"
    pairing.save()
    call_command("seed_content", str(BUNDLE), "--add-new")
    assert "强省帮弱省" in Question.objects.get(pk=q3.pk).body_zh_hans  # seeding never corrects a record

    call_command("import_content", str(CORRECTIONS))

    q3.refresh_from_db()
    assert "以强扶弱" in q3.body_zh_hans and "强省帮弱省" not in q3.body_zh_hans
    assert q3.summary_en == "An editor's summary."
    assert q3.body_en == question["body"]["en"]
    assert Programme.objects.get().name_zh_hans == "对口支援湖北省除武汉市以外的16个市州及县级市"
    assert Page.objects.get(slug="about").body_zh_hans.startswith("新冠肺炎疫情知识库发布")
    assert Pairing.objects.get(pk=pairing.pk).note_zh_hans == "编辑的说明"
    assert Topic.objects.get().description_zh_hans.startswith("对口支援是指在中央政府统筹协调下")

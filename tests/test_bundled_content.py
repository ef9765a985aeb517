"""The content that ships with the Hub: Question 3 in both languages, and the pairing table."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from qa.models import Author, Pairing, Question
from tests.factories import SERIES_SLUG

pytestmark = pytest.mark.django_db
BUNDLE = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
SOURCE = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"


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
    assert "译自英语原文" in html
    assert "周太东" in html and "2020年3月" in html
    assert bundled.original_language == "en"


def test_bundled_author_and_pairings(bundled):
    author = Author.objects.get(slug="zhou-taidong")
    assert author.name_zh_hans == "周太东"
    assert list(bundled.byline) == [author]
    assert Pairing.objects.count() == 21

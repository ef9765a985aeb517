"""Reading experience without a browser: side-by-side reading, page weight, print CSS (citing: test_citation_*.py)."""

import re
import sys
from pathlib import Path

import pytest
from django.conf import settings

from qa.languages import language_tag
from qa.models import Author, Question
from qa.web.parallel import SideBySide, blocks
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
URL = "https://hub.example/en/qa/3/x/"


# Side by side

def test_blocks_split_on_blank_lines():
    assert blocks("a\nb\n\n  \n\nc\r\n\r\nd\n") == ["a\nb", "c", "d"]
    assert blocks("") == [] and blocks(None) == []


def test_side_by_side_pairs_paragraphs_by_position(reading_content):
    parallel = SideBySide(reading_content["paired"])
    assert parallel.missing == []
    rows = parallel.rows()
    assert len(rows) == 4
    assert [code for code, _html in rows[0]] == ["en", "zh-hans"]
    assert "<strong>support</strong>" in rows[0][0][1] and "<strong>支援</strong>" in rows[0][1][1]
    assert "<li>Guangdong supported Jingzhou.</li>" in rows[2][0][1] and "<li>广东支援荆州。</li>" in rows[2][1][1]


def test_side_by_side_shows_the_remainder_when_counts_differ(reading_content):
    question = reading_content["paired"]
    question.body_zh_hans = "只有一段。"
    parallel = SideBySide(question)
    rows = parallel.rows()
    assert len(rows) == 4
    assert rows[0][1][1] == "<p>只有一段。</p>\n"
    assert [cell for _row in rows[1:] for cell in _row if cell[0] == "zh-hans"] == [("zh-hans", "")] * 3
    assert "under control" in rows[3][0][1]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_side_by_side_page(client, reading_content, lang):
    question = reading_content["paired"]
    url = question.side_by_side_url_for(lang)
    assert url.startswith(f"/{lang}/qa/3/") and url.endswith("/side-by-side/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<div class="cell body" lang="en">') == 4
    assert html.count('<div class="cell body" lang="zh-Hans">') == 4
    for code in ["en", "zh-hans"]:
        assert f'hreflang="{language_tag(code)}" href="http://testserver{question.side_by_side_url_for(code)}"' in html
    other = "zh-hans" if lang == "en" else "en"
    tag = language_tag(other)
    assert f'<a href="{question.side_by_side_url_for(other)}" hreflang="{tag}" lang="{tag}">' in html
    assert f'href="{question.side_by_side_url_for(lang)}"' in client.get(question.url_for(lang)).content.decode()


def test_side_by_side_with_a_missing_language_shows_a_note_not_a_404(client, reading_content):
    question = reading_content["untranslated"]
    for lang, note in [("en", "has no Simplified Chinese text yet"), ("zh-hans", "还没有简体中文文本")]:
        response = client.get(question.side_by_side_url_for(lang))
        assert response.status_code == 200
        html = response.content.decode()
        assert note in html
        assert html.count('class="cell body" lang="en"') == 3 and 'lang="zh-Hans">' not in html.split("<main")[1]
    assert "side-by-side" not in client.get(question.url_for("en")).content.decode()


def test_side_by_side_wrong_slug_redirects_and_unknown_or_draft_is_404(client, reading_content):
    question = reading_content["paired"]
    response = client.get("/zh-hans/qa/3/wrong/side-by-side/")
    assert response.status_code == 301 and response.url == question.side_by_side_url_for("zh-hans")
    assert client.get("/en/qa/99/x/side-by-side/").status_code == 404
    question.status = Question.DRAFT
    question.save()
    assert client.get(question.side_by_side_url_for("en")).status_code == 404


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_question_and_side_by_side_queries_stay_flat(client, reading_content, django_assert_max_num_queries, lang):
    question = reading_content["paired"]
    for number in range(10, 40):
        QuestionFactory(
            series=question.series, number=number, published=question.published, authors=Author.objects.all(),
            title_en=f"Q{number}", body_en="x", title_zh_hans=f"问{number}", body_zh_hans="文",
        )
    # 7: the question, its byline with its authors (one query), programmes, topics, previous and next, related
    # questions, the site's pages.
    with django_assert_max_num_queries(7):
        assert client.get(question.url_for(lang)).status_code == 200
    # 4: the question, its byline with its authors, its topics (the JSON-LD keywords), its siblings' count.
    with django_assert_max_num_queries(4):
        assert client.get(question.side_by_side_url_for(lang)).status_code == 200


# Weight, print, accessibility basics

def test_question_page_weight_is_under_budget(client, reading_content):
    sys.path.insert(0, str(ROOT / "bench"))
    import page_weight

    report = page_weight.measure(client, reading_content["paired"].url_for("zh-hans"))
    assert report["html"] > 0 and report["css"] > 0 and report["js"] > 0
    assert report["total"] < page_weight.BUDGET


def test_print_stylesheet_hides_navigation_and_prints_link_addresses():
    css = (ROOT / "static/css/site.css").read_text()
    print_css = css[css.index("@media print"):]
    for selector in [".site-nav", ".language-switch", ".search-form", ".skip-link"]:
        assert selector in print_css.split("display: none")[0]
    assert 'content: " (" attr(href) ")"' in print_css
    assert "prefers-color-scheme: dark" in css


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_block_in_the_other_language_carries_lang(client, reading_content, lang):
    """Text shown in a language other than the page's must say so, for screen readers and fonts."""
    html = client.get(reading_content["untranslated"].url_for(lang)).content.decode()
    if lang == "zh-hans":
        for tag in ["<h1", '<div class="body"']:
            assert re.search(tag + r'[^>]*lang="en"', html), tag
    assert 'lang="zh-Hans">简体中文<' in html

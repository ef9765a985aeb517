"""Reading experience without a browser: citations, side-by-side reading, page weight, print CSS."""

import re
import sys
from pathlib import Path

import pytest
from django.conf import settings

from qa.models import Author, Authorship, Question
from qa.web.citations import Citation, Name
from qa.web.parallel import SideBySide, blocks
from tests import reading_data
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
URL = "https://hub.example/en/qa/3/x/"


@pytest.fixture
def content():
    return reading_data.build()


def loaded(question):
    return Question.objects.select_related("series").prefetch_related("authorships__author").get(pk=question.pk)


# Names

@pytest.mark.parametrize(
    "name_en, name_zh, apa, chicago_first, bibtex",
    [
        ("Zhou Taidong", "周太东", "Zhou, T.", "Zhou Taidong", "Zhou, Taidong"),
        ("Ouyang Xiao-Ming", "欧阳晓明", "Ouyang, X.-M.", "Ouyang Xiao-Ming", "Ouyang, Xiao-Ming"),
        ("Jane Doe", "", "Doe, J.", "Doe, Jane", "Doe, Jane"),
        ("Mary Ann Smith", "", "Smith, M. A.", "Smith, Mary Ann", "Smith, Mary Ann"),
        ("van Dijk, Anna", "", "van Dijk, A.", "van Dijk, Anna", "van Dijk, Anna"),
        ("Plato", "", "Plato", "Plato", "Plato"),
    ],
)
def test_names_in_english_citations(name_en, name_zh, apa, chicago_first, bibtex):
    name = Name.of(Author(slug="a", name_en=name_en, name_zh_hans=name_zh), "en")
    assert (name.apa(), name.chicago(first=True), name.bibtex()) == (apa, chicago_first, bibtex)


def test_names_in_chinese_citations_are_whole_and_fall_back_to_english():
    assert Name.of(Author(slug="z", name_en="Zhou Taidong", name_zh_hans="周太东"), "zh-hans").apa() == "周太东"
    assert Name.of(Author(slug="d", name_en="Jane Doe"), "zh-hans").apa() == "Doe, J."


# Citations

def test_citation_with_two_authors_in_english(content):
    citation = Citation(loaded(content["paired"]), "en", URL)
    assert citation.apa() == (
        "Zhou, T., & Doe, J. (2020, March). How were provinces paired with cities in Hubei? "
        "In Fighting the COVID-19: 100 Q&As (Question 3). China Center for International Knowledge on Development. "
        + URL
    )
    assert citation.chicago().startswith(
        "Zhou Taidong and Jane Doe. “How were provinces paired with cities in Hubei?” "
    )
    assert "China Center for International Knowledge on Development, March 2020. " + URL in citation.chicago()
    bibtex = citation.bibtex()
    assert bibtex.startswith("@misc{zhou2020q3,\n")
    assert "  author = {Zhou, Taidong and Doe, Jane},\n" in bibtex
    assert "  series = {Fighting the COVID-19: 100 Q\\&As},\n" in bibtex
    assert "  month = mar,\n" in bibtex and "  year = {2020},\n" in bibtex
    assert f"  url = {{{URL}}}," in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_citation_with_two_authors_in_chinese(content):
    citation = Citation(loaded(content["paired"]), "zh-hans", URL)
    assert citation.apa().startswith(
        "周太东、Doe, J.（2020年3月）。各省如何对口支援湖北各市？载于《抗击新冠肺炎疫情：100问》"
    )
    assert "中国国际发展知识中心。" + URL in citation.apa()
    assert citation.chicago().startswith("周太东、Jane Doe。“各省如何对口支援湖北各市？”载于")
    assert "  author = {{周太东} and Doe, Jane}," in citation.bibtex()
    assert "  language = {chinese}" in citation.bibtex()
    assert citation.bibtex().startswith("@misc{zhou2020q3zh,")


def test_citation_with_one_author_and_a_day_date(content):
    citation = Citation(loaded(content["untranslated"]), "en", URL)
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do? In ")
    assert "Development, March 15, 2020. " in citation.chicago()
    assert "  author = {Zhou, Taidong},\n" in citation.bibtex()


def test_citation_with_one_author_in_chinese(content):
    question = content["paired"]
    Authorship.objects.filter(question=question, author=content["doe"]).delete()
    citation = Citation(loaded(question), "zh-hans", URL)
    assert citation.apa().startswith("周太东（2020年3月）。各省如何对口支援湖北各市？载于")
    assert citation.chicago().startswith("周太东。“各省如何对口支援湖北各市？”载于")
    assert "  author = {{周太东}},\n" in citation.bibtex()


def test_chinese_reader_cites_the_english_text_of_an_untranslated_question(content):
    citation = Citation(loaded(content["untranslated"]), "zh-hans", URL)
    assert citation.language == "en"
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do?")


def test_citation_without_publisher_or_authors_and_with_bibtex_specials(content):
    question = content["untranslated"]
    question.series.publisher_en = question.series.publisher_zh_hans = ""
    question.series.save()
    question.title_en = "Costs: 50% & {more}"
    question.save()
    Authorship.objects.filter(question=question).delete()
    citation = Citation(loaded(question), "en", URL)
    assert citation.apa().startswith("CIKD. (2020, March 15). Costs: 50% & {more}. In ")
    assert citation.chicago().startswith("CIKD. “Costs")
    assert "author" not in citation.bibtex()
    assert "title = {{Costs: 50\\% \\& \\{more\\}}}" in citation.bibtex()
    assert citation.bibtex().startswith("@misc{cikd2020q4,")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_question_page_shows_citations_without_javascript(client, content, lang):
    html = client.get(content["paired"].url_for(lang)).content.decode()
    assert '<details class="cite">' in html
    assert html.count('<figure class="citation">') == 3
    assert "@misc{zhou2020q3" in html
    assert 'data-copy-label="' in html and "<script src=\"/static/js/cite.js\" defer></script>" in html
    assert "<script>" not in html and " onclick=" not in html
    assert "http://testserver" + content["paired"].url_for(lang) in html


def test_chinese_question_page_labels_the_copy_button_in_chinese(client, content):
    html = client.get(content["paired"].url_for("zh-hans")).content.decode()
    assert 'data-copy-label="复制"' in html
    assert "引用本问" in html


def test_fallback_citation_carries_its_language(client, content):
    html = client.get(content["untranslated"].url_for("zh-hans")).content.decode()
    assert '<pre lang="en">Zhou, T. (2020, March 15).' in html


# Side by side

def test_blocks_split_on_blank_lines():
    assert blocks("a\nb\n\n  \n\nc\r\n\r\nd\n") == ["a\nb", "c", "d"]
    assert blocks("") == [] and blocks(None) == []


def test_side_by_side_pairs_paragraphs_by_position(content):
    parallel = SideBySide(content["paired"])
    assert parallel.missing == []
    rows = parallel.rows()
    assert len(rows) == 4
    assert [code for code, _html in rows[0]] == ["en", "zh-hans"]
    assert "<strong>support</strong>" in rows[0][0][1] and "<strong>支援</strong>" in rows[0][1][1]
    assert "<li>Guangdong supported Jingzhou.</li>" in rows[2][0][1] and "<li>广东支援荆州。</li>" in rows[2][1][1]


def test_side_by_side_shows_the_remainder_when_counts_differ(content):
    question = content["paired"]
    question.body_zh_hans = "只有一段。"
    parallel = SideBySide(question)
    rows = parallel.rows()
    assert len(rows) == 4
    assert rows[0][1][1] == "<p>只有一段。</p>\n"
    assert [cell for _row in rows[1:] for cell in _row if cell[0] == "zh-hans"] == [("zh-hans", "")] * 3
    assert "under control" in rows[3][0][1]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_side_by_side_page(client, content, lang):
    question = content["paired"]
    url = question.side_by_side_url_for(lang)
    assert url.startswith(f"/{lang}/qa/3/") and url.endswith("/side-by-side/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<div class="cell body" lang="en">') == 4
    assert html.count('<div class="cell body" lang="zh-hans">') == 4
    for code in ["en", "zh-hans"]:
        assert f'hreflang="{code}" href="http://testserver{question.side_by_side_url_for(code)}"' in html
    other = "zh-hans" if lang == "en" else "en"
    assert f'<a href="{question.side_by_side_url_for(other)}" hreflang="{other}" lang="{other}">' in html
    assert f'href="{question.side_by_side_url_for(lang)}"' in client.get(question.url_for(lang)).content.decode()


def test_side_by_side_with_a_missing_language_shows_a_note_not_a_404(client, content):
    question = content["untranslated"]
    for lang, note in [("en", "has no Simplified Chinese text yet"), ("zh-hans", "还没有简体中文文本")]:
        response = client.get(question.side_by_side_url_for(lang))
        assert response.status_code == 200
        html = response.content.decode()
        assert note in html
        assert html.count('class="cell body" lang="en"') == 3 and 'lang="zh-hans">' not in html.split("<main")[1]
    assert "side-by-side" not in client.get(question.url_for("en")).content.decode()


def test_side_by_side_wrong_slug_redirects_and_unknown_or_draft_is_404(client, content):
    question = content["paired"]
    response = client.get("/zh-hans/qa/3/wrong/side-by-side/")
    assert response.status_code == 301 and response.url == question.side_by_side_url_for("zh-hans")
    assert client.get("/en/qa/99/x/side-by-side/").status_code == 404
    question.status = Question.DRAFT
    question.save()
    assert client.get(question.side_by_side_url_for("en")).status_code == 404


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_question_and_side_by_side_queries_stay_flat(client, content, django_assert_max_num_queries, lang):
    question = content["paired"]
    for number in range(10, 40):
        QuestionFactory(
            series=question.series, number=number, published=question.published, authors=Author.objects.all(),
            title_en=f"Q{number}", body_en="x", title_zh_hans=f"问{number}", body_zh_hans="文",
        )
    with django_assert_max_num_queries(14):
        assert client.get(question.url_for(lang)).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(question.side_by_side_url_for(lang)).status_code == 200


# Weight, print, accessibility basics

def test_question_page_weight_is_under_budget(client, content):
    sys.path.insert(0, str(ROOT / "bench"))
    import page_weight

    report = page_weight.measure(client, content["paired"].url_for("zh-hans"))
    assert report["html"] > 0 and report["css"] > 0 and report["js"] > 0
    assert report["total"] < page_weight.BUDGET


def test_print_stylesheet_hides_navigation_and_prints_link_addresses():
    css = (ROOT / "static/css/site.css").read_text()
    print_css = css[css.index("@media print"):]
    for selector in [".site-nav", ".language-switch", ".search-form", ".skip-link"]:
        assert selector in print_css.split("display: none")[0]
    assert 'content: " (" attr(href) ")"' in print_css
    assert "prefers-color-scheme: dark" in css


def test_cite_script_is_small_and_needs_no_inline_code():
    script = (ROOT / "static/js/cite.js").read_text()
    assert "navigator.clipboard" in script and "eval(" not in script and "innerHTML" not in script


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_block_in_the_other_language_carries_lang(client, content, lang):
    """Text shown in a language other than the page's must say so, for screen readers and fonts."""
    html = client.get(content["untranslated"].url_for(lang)).content.decode()
    if lang == "zh-hans":
        for tag in ["<h1", '<div class="body"']:
            assert re.search(tag + r'[^>]*lang="en"', html), tag
    assert 'lang="zh-hans">简体中文<' in html

"""The cite block on a question's page in every language, without JavaScript, and its RIS, BibTeX and CSL-JSON
downloads: attachments of their types, parsed, not found for what readers cannot see, flat queries, cached."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from qa.languages import in_script
from qa.models import Authorship, Question
from tests.citation_data import HOST, LANGS, TITLE_EN, TITLE_ZH, cite
from tests.factories import AuthorFactory, QuestionFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


# The cite block on the page


@pytest.mark.parametrize("lang", LANGS)
def test_question_page_shows_citations_and_downloads_without_javascript(client, question_3, lang):
    html = client.get(question_3.url_for(lang)).content.decode()
    assert '<details class="cite">' in html
    assert html.count('<figure class="citation">') == 4
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    chinese = lang != "en"
    assert captions == (
        ["GB/T 7714", "APA", "Chicago", "BibTeX"] if chinese else ["APA", "Chicago", "BibTeX", "GB/T 7714"]
    )
    assert "[引用日期]" in html if chinese else "[cited date]" in html
    assert 'data-access-placeholders="[cited date]|[引用日期]"' in html
    assert '<script src="/static/js/cite.js" defer></script>' in html
    assert "<script>" not in html and " onclick=" not in html
    for extension, content_type in [
        ("ris", "application/x-research-info-systems"),
        ("bib", "application/x-bibtex"),
        ("json", "application/vnd.citationstyles.csl+json"),
    ]:
        assert f'<a href="/{lang}/qa/3/cite.{extension}" type="{content_type}" download>' in html


def test_chinese_page_sets_the_english_gbt_entry_in_english(client, question_3):
    html = client.get(question_3.url_for("zh-hans")).content.decode()
    assert '<pre><span lang="zh-Hans">周太东. ' in html
    assert '\n<span lang="en">ZHOU Taidong. ' in html
    assert 'data-copy-label="复制"' in html and "引用本问" in html


def test_fallback_citation_carries_its_language(client, reading_content):
    html = client.get(reading_content["untranslated"].url_for("zh-hans")).content.decode()
    assert '<pre><span lang="en">Zhou, T. (2020, March 15).' in html


def test_cite_script_fills_the_access_date_and_needs_no_inline_code():
    script = (ROOT / "static/js/cite.js").read_text()
    assert "navigator.clipboard" in script and "accessPlaceholders" in script
    assert "eval(" not in script and "innerHTML" not in script


# Downloads

FILES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - .*$")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("extension", list(FILES))
def test_download_is_an_attachment_of_its_type(client, question_3, lang, extension):
    response = client.get(f"/{lang}/qa/3/cite.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"] == FILES[extension]
    assert response["Content-Disposition"] == f'attachment; filename="cikd-qa-3-{lang}.{extension}"'


@pytest.mark.parametrize("lang", LANGS)
def test_ris_download_parses(client, question_3, lang):
    text = client.get(f"/{lang}/qa/3/cite.ris").content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - RPRT" and lines[-2:] == ["ER  - ", ""]
    assert all(RIS_LINE.match(line) for line in lines[:-1])
    tags = dict(line.split("  - ", 1) for line in lines[:-2])
    title, author = {"en": (TITLE_EN, "Zhou, Taidong"), "zh-hans": (TITLE_ZH, "周太东")}.get(
        lang, (in_script(TITLE_ZH, "zh-hant"), "周太東")
    )
    assert tags["TI"] == title and tags["AU"] == author
    assert tags["SN"] == "3" and tags["PY"] == "2020" and tags["DA"] == "2020/03//"
    assert tags["UR"] == HOST + question_3.url_for(lang)
    assert tags["LA"] == {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[lang]
    assert ("N1" in tags) == (lang != "en")


@pytest.mark.parametrize("lang", LANGS)
def test_bibtex_download_is_the_pages_bibtex(client, question_3, lang):
    text = client.get(f"/{lang}/qa/3/cite.bib").content.decode()
    assert text == cite(question_3, lang).bibtex() + "\n"
    assert text.startswith("@misc{zhou2020q3") and text.count("{") == text.count("}")


@pytest.mark.parametrize("lang", LANGS)
def test_csl_json_download_is_one_item(client, question_3, lang):
    items = json.loads(client.get(f"/{lang}/qa/3/cite.json").content)
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert item["type"] == "report" and item["number"] == "3"
    assert item["issued"] == {"date-parts": [[2020, 3]]}
    assert item["URL"] == HOST + question_3.url_for(lang)
    if lang == "en":
        assert item["author"] == [{"family": "Zhou", "given": "Taidong"}] and item["title"] == TITLE_EN
        assert "note" not in item
    else:
        assert item["author"] == [{"literal": in_script("周太东", lang)}]
        assert item["title"] == in_script(TITLE_ZH, lang) and item["original-title"] == TITLE_EN
        assert item["publisher-place"] == "北京"


def test_download_of_a_day_dated_question(client, reading_content):
    ris = client.get("/en/qa/4/cite.ris").content.decode()
    assert "DA  - 2020/03/15/\r\n" in ris
    assert json.loads(client.get("/en/qa/4/cite.json").content)[0]["issued"] == {"date-parts": [[2020, 3, 15]]}


def test_download_of_an_untranslated_question_on_a_chinese_page_is_english(client, reading_content):
    response = client.get("/zh-hans/qa/4/cite.ris")
    assert response["Content-Disposition"] == 'attachment; filename="cikd-qa-4-en.ris"'
    assert "TI  - What did community workers do?" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    ["/en/qa/99/cite.ris", "/en/other/3/cite.bib", "/zh-hant/qa/5/cite.json"],
)
def test_downloads_of_no_question_are_not_found(client, question_3, address):
    QuestionFactory(series=question_3.series, number=5, draft=True)
    assert client.get(address).status_code == 404


def test_download_of_a_draft_is_not_found_for_readers(client, question_3):
    question_3.status = Question.DRAFT
    question_3.save()
    for extension in FILES:
        assert client.get(f"/en/qa/3/cite.{extension}").status_code == 404


def test_downloads_are_read_only(client, question_3):
    assert client.post("/en/qa/3/cite.ris").status_code == 405


@pytest.mark.parametrize("extension", list(FILES))
def test_download_queries_stay_flat(client, reading_content, django_assert_num_queries, extension):
    """The question with its series, then its byline with its authors: two queries, however long the byline."""
    for number in range(10, 20):
        Authorship.objects.create(question=reading_content["paired"], author=AuthorFactory(), order=number)
    with django_assert_num_queries(2):
        assert client.get(f"/zh-hant/qa/3/cite.{extension}").status_code == 200


@pytest.fixture
def served_question(transactional_db):
    """Committed, as on a served site, where pages are cached."""
    return QuestionFactory(number=3, published=datetime.date(2020, 3, 1))


@pytest.mark.parametrize("extension", list(FILES))
def test_downloads_go_through_the_page_cache(client, served_question, django_assert_num_queries, extension):
    first = client.get(f"/zh-hans/qa/3/cite.{extension}")
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(f"/zh-hans/qa/3/cite.{extension}")
    assert again.content == first.content and again["Content-Disposition"] == first["Content-Disposition"]
    served_question.title_zh_hans = "改过的标题"
    served_question.save()
    assert "改过的标题" in client.get(f"/zh-hans/qa/3/cite.{extension}").content.decode()

"""Citing a question: APA, Chicago, BibTeX and GB/T 7714-2015 on its page in every language, the
downloads (RIS, BibTeX, CSL-JSON), Highwire Press citation_* tags and schema.org's translation links.

Expected strings are those of GB/T 7714-2015's examples and of the bilingual review
(shared/review/bilingual-review.md, section 5), for Question 3 as CIKD published it.
"""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from qa.languages import in_script
from qa.models import Author, Authorship, Question
from qa.web.citations import Citation, Name
from tests import reading_data
from tests.factories import AuthorFactory, QuestionFactory, SeriesFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
URL = "https://hub.example/en/qa/3/x/"
HOST = "http://testserver"
LANGS = ["en", "zh-hans", "zh-hant"]

TITLE_EN = "Why is partner assistance adopted in China's COVID-19 battle?"
TITLE_ZH = "中国抗击新冠肺炎疫情为何采取对口支援？"
CIKD_EN = "China Center for International Knowledge on Development"
CIKD_ZH = "中国国际发展知识中心"


@pytest.fixture
def content():
    return reading_data.build()


@pytest.fixture
def question_3(db):
    """Question 3 of the review: Zhou Taidong's, written in English in March 2020, translated into Chinese."""
    series = SeriesFactory(publisher_en=CIKD_EN, publisher_zh_hans=CIKD_ZH)
    zhou = AuthorFactory(slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东")
    return QuestionFactory(
        series=series,
        number=3,
        authors=[zhou],
        title_en=TITLE_EN,
        title_zh_hans=TITLE_ZH,
        summary_en="Nineteen provinces each supported a city in Hubei.",
        summary_zh_hans="19个省份分别对口支援湖北的一个城市。",
    )


def loaded(question):
    return Question.objects.select_related("series").prefetch_related("authorships__author").get(pk=question.pk)


def cite(question, language):
    question = loaded(question)
    return Citation(question, language, HOST + question.url_for(question.shown_language(language)))


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
    assert Name.of(Author(slug="z", name_en="Zhou Taidong", name_zh_hans="周太东"), "zh-hant").apa() == "周太東"
    assert Name.of(Author(slug="d", name_en="Jane Doe"), "zh-hans").apa() == "Doe, J."


@pytest.mark.parametrize(
    "name_en, name_zh, language, expected",
    [
        # GB/T 7714-2015, 8.1.2: 李时珍 as written; Albert Einstein → EINSTEIN A; Li Jiangning → LI Jiangning.
        ("Li Shizhen", "李时珍", "zh-hans", "李时珍"),
        ("Albert Einstein", "", "en", "EINSTEIN A"),
        ("Albert Einstein", "", "zh-hans", "EINSTEIN A"),
        ("Li Jiangning", "李江宁", "en", "LI Jiangning"),
        ("Zhou Taidong", "周太东", "en", "ZHOU Taidong"),
        ("Zhou Taidong", "周太东", "zh-hans", "周太东"),
        ("Robert Lee Yelland", "", "en", "YELLAND R L"),
        ("van Dijk, Anna", "", "en", "VAN DIJK A"),
        ("Plato", "", "en", "PLATO"),
    ],
)
def test_names_in_gbt_7714(name_en, name_zh, language, expected):
    assert Name.of(Author(slug="a", name_en=name_en, name_zh_hans=name_zh), language).gbt() == expected


# GB/T 7714-2015


def test_gbt_of_the_english_page(question_3):
    url = HOST + question_3.url_for("en")
    assert cite(question_3, "en").gbt() == (
        f"ZHOU Taidong. {TITLE_EN}[R/OL]. Beijing: {CIKD_EN}, 2020[cited date]. {url}."
    )


def test_gbt_of_the_chinese_page_is_the_reviews_with_the_english_entry_after_it(question_3):
    citation = cite(question_3, "zh-hans")
    chinese = f"周太东. {TITLE_ZH}[R/OL]. 北京: {CIKD_ZH}, 2020[引用日期]. {HOST}/zh-hans/qa/3/."
    english = f"ZHOU Taidong. {TITLE_EN}[R/OL]. Beijing: {CIKD_EN}, 2020[cited date]. {HOST}{question_3.url_for('en')}."
    assert citation.gbt() == chinese
    gbt = next(entry for entry in citation.entries() if entry.style == "gbt")
    assert gbt.lines == [("zh-Hans", chinese), ("en", english)]


def test_gbt_of_the_traditional_page_is_converted(question_3):
    citation = cite(question_3, "zh-hant")
    assert citation.gbt() == (
        f"周太東. 中國抗擊新冠肺炎疫情為何採取對口支援？[R/OL]. 北京: 中國國際發展知識中心, 2020[引用日期]. "
        f"{HOST}/zh-hant/qa/3/."
    )
    assert [tag for tag, _text in citation.entries()[0].lines] == ["zh-Hant", "en"]


def test_gbt_names_three_authors_then_et_al(question_3):
    """GB/T 7714-2015's own example: YELLAND R L, JONES S C, EASTON K S, et al."""
    names = ["Robert Lee Yelland", "Sarah Claire Jones", "Kevin Scott Easton", "Anna Smith"]
    authors = [AuthorFactory(name_en=name, untranslated=True) for name in names]
    Authorship.objects.filter(question=question_3).delete()
    for order, author in enumerate(authors):
        Authorship.objects.create(question=question_3, author=author, order=order)
    assert cite(question_3, "en").gbt().startswith(f"YELLAND R L, JONES S C, EASTON K S, et al. {TITLE_EN}[R/OL]. ")
    assert cite(question_3, "zh-hans").gbt().startswith(f"YELLAND R L, JONES S C, EASTON K S, 等. {TITLE_ZH}[R/OL]. ")


def test_gbt_without_an_english_text_has_no_english_entry(question_3):
    question_3.original_language = "zh-hans"
    question_3.title_en = question_3.body_en = ""
    question_3.save()
    gbt = cite(question_3, "zh-hans").entries()[0]
    assert gbt.style == "gbt" and len(gbt.lines) == 1


# APA and Chicago: a translation says so, an original does not


def test_chinese_apa_and_chicago_of_a_translation_are_the_reviews(question_3):
    citation = cite(question_3, "zh-hans")
    url = f"{HOST}/zh-hans/qa/3/"
    assert citation.apa() == (
        f"周太东（2020）。{TITLE_ZH}（《抗击新冠肺炎疫情：100问》第3问；英文原文发表于2020年3月）。{CIKD_ZH}。{url}"
    )
    assert citation.chicago() == (
        f"周太东。《{TITLE_ZH}》，《抗击新冠肺炎疫情：100问》第3问。原文为英文。{CIKD_ZH}，2020年3月。{url}"
    )
    assert "载于" not in citation.apa() + citation.chicago()
    assert "  note = {译自英文原文}" in citation.bibtex()


def test_traditional_apa_and_chicago_are_the_simplified_ones_converted(question_3):
    simplified, traditional = cite(question_3, "zh-hans"), cite(question_3, "zh-hant")
    for style in ("apa", "chicago"):
        expected = in_script(getattr(simplified, style)(), "zh-hant").replace("/zh-hans/", "/zh-hant/")
        assert getattr(traditional, style)() == expected
    assert "第3問；英文原文發表於2020年3月" in traditional.apa()
    assert "原文為英文。" in traditional.chicago()
    assert "  note = {譯自英文原文}" in traditional.bibtex()


def test_english_apa_and_chicago_of_the_original_have_no_translation_note(question_3):
    citation = cite(question_3, "en")
    url = HOST + question_3.url_for("en")
    assert citation.apa() == (
        f"Zhou, T. (2020, March). {TITLE_EN} (Fighting the COVID-19: 100 Q&As, Question 3). {CIKD_EN}. {url}"
    )
    assert citation.chicago() == (
        f"Zhou Taidong. “{TITLE_EN}” In Fighting the COVID-19: 100 Q&As, Question 3. {CIKD_EN}, March 2020. {url}."
    )
    assert "note" not in citation.bibtex()


def test_a_chinese_original_is_cited_as_such_and_its_english_as_a_translation(question_3):
    question_3.original_language = "zh-hans"
    question_3.save()
    chinese, english = cite(question_3, "zh-hans"), cite(question_3, "en")
    assert chinese.apa().startswith(f"周太东（2020年3月）。{TITLE_ZH}（《抗击新冠肺炎疫情：100问》第3问）。")
    assert "原文" not in chinese.apa() + chinese.chicago() + chinese.bibtex()
    assert in_script("原文", "zh-hant") not in cite(question_3, "zh-hant").apa()
    assert english.apa().startswith(
        f"Zhou, T. (2020). {TITLE_EN} (Fighting the COVID-19: 100 Q&As, Question 3; "
        "original work published in Chinese, March 2020). "
    )
    assert "Question 3. Translated from the Chinese. China Center" in english.chicago()
    assert "  note = {Translated from the Chinese original}" in english.bibtex()


# The reading-experience content: two authors, a day date, fallbacks


def test_citation_with_two_authors_in_english(content):
    citation = Citation(loaded(content["paired"]), "en", URL)
    assert citation.apa() == (
        "Zhou, T., & Doe, J. (2020, March). How were provinces paired with cities in Hubei? "
        "(Fighting the COVID-19: 100 Q&As, Question 3). China Center for International Knowledge on Development. " + URL
    )
    assert citation.chicago().startswith(
        "Zhou Taidong and Jane Doe. “How were provinces paired with cities in Hubei?” "
    )
    assert "China Center for International Knowledge on Development, March 2020. " + URL in citation.chicago()
    assert citation.gbt().startswith("ZHOU Taidong, DOE J. How were provinces paired with cities in Hubei?[R/OL]. ")
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
        "周太东、Doe, J.（2020）。各省如何对口支援湖北各市？"
        "（《抗击新冠肺炎疫情：100问》第3问；英文原文发表于2020年3月）"
    )
    assert "中国国际发展知识中心。" + URL in citation.apa()
    assert citation.chicago().startswith(
        "周太东、Jane Doe。《各省如何对口支援湖北各市？》，《抗击新冠肺炎疫情：100问》第3问。"
    )
    assert citation.gbt().startswith(
        "周太东, DOE J. 各省如何对口支援湖北各市？[R/OL]. 北京: 中国国际发展知识中心, 2020[引用日期]. "
    )
    assert "  author = {{周太东} and Doe, Jane}," in citation.bibtex()
    assert "  language = {chinese}" in citation.bibtex()
    assert citation.bibtex().startswith("@misc{zhou2020q3zh,")


def test_citation_with_one_author_and_a_day_date(content):
    citation = Citation(loaded(content["untranslated"]), "en", URL)
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do? (Fighting ")
    assert "Development, March 15, 2020. " in citation.chicago()
    assert "  author = {Zhou, Taidong},\n" in citation.bibtex()


def test_chinese_reader_cites_the_english_text_of_an_untranslated_question(content):
    citation = Citation(loaded(content["untranslated"]), "zh-hans", URL)
    assert citation.language == "en" and not citation.translated
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do?")
    assert citation.entries()[0].style == "gbt" and len(citation.entries()[0].lines) == 1


def test_citation_without_publisher_or_authors_and_with_bibtex_specials(content):
    question = content["untranslated"]
    question.series.publisher_en = question.series.publisher_zh_hans = ""
    question.series.save()
    question.title_en = "Costs: 50% & {more}"
    question.save()
    Authorship.objects.filter(question=question).delete()
    citation = Citation(loaded(question), "en", URL)
    assert citation.apa().startswith("CIKD. (2020, March 15). Costs: 50% & {more} (Fighting ")
    assert citation.chicago().startswith("CIKD. “Costs")
    assert citation.gbt().startswith("CIKD. Costs: 50% & {more}[R/OL]. Beijing: CIKD, 2020[cited date]. ")
    assert "author" not in citation.bibtex()
    assert "title = {{Costs: 50\\% \\& \\{more\\}}}" in citation.bibtex()
    assert citation.bibtex().startswith("@misc{cikd2020q4,")


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


def test_fallback_citation_carries_its_language(client, content):
    html = client.get(content["untranslated"].url_for("zh-hans")).content.decode()
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


def test_download_of_a_day_dated_question(client, content):
    ris = client.get("/en/qa/4/cite.ris").content.decode()
    assert "DA  - 2020/03/15/\r\n" in ris
    assert json.loads(client.get("/en/qa/4/cite.json").content)[0]["issued"] == {"date-parts": [[2020, 3, 15]]}


def test_download_of_an_untranslated_question_on_a_chinese_page_is_english(client, content):
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
def test_download_queries_stay_flat(client, content, django_assert_num_queries, extension):
    """The question with its series, then its byline with its authors: two queries, however long the byline."""
    for number in range(10, 20):
        Authorship.objects.create(question=content["paired"], author=AuthorFactory(), order=number)
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


# Highwire Press tags and schema.org


def meta_tags(html):
    return re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["question", "side-by-side"])
def test_every_page_of_a_question_carries_highwire_tags(client, content, lang, page):
    question = content["paired"]
    address = question.url_for(lang) if page == "question" else question.side_by_side_url_for(lang)
    tags = meta_tags(client.get(address).content.decode())
    chinese = lang != "en"
    title = (
        in_script("各省如何对口支援湖北各市？", lang) if chinese else "How were provinces paired with cities in Hubei?"
    )
    expected = [
        ("citation_title", title),
        ("citation_author", in_script("周太东", lang) if chinese else "Zhou Taidong"),
        ("citation_author", "Jane Doe"),
        ("citation_publication_date", "2020/03"),
        ("citation_language", {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[lang]),
        ("citation_publisher", in_script(CIKD_ZH, lang) if chinese else CIKD_EN),
        (
            "citation_series_title",
            in_script("抗击新冠肺炎疫情：100问", lang) if chinese else "Fighting the COVID-19: 100 Q&amp;As",
        ),
        ("citation_technical_report_institution", in_script(CIKD_ZH, lang) if chinese else CIKD_EN),
        ("citation_technical_report_number", "3"),
        ("citation_abstract_html_url", HOST + question.url_for(lang)),
        ("citation_public_url", HOST + question.url_for(lang)),
    ]
    assert tags == expected


def test_highwire_date_by_precision_and_language_of_an_untranslated_text(client, content):
    tags = dict(meta_tags(client.get(content["untranslated"].url_for("zh-hans")).content.decode()))
    assert tags["citation_publication_date"] == "2020/03/15"
    assert tags["citation_language"] == "en"
    assert tags["citation_abstract_html_url"] == HOST + content["untranslated"].url_for("zh-hans")


def json_ld(html):
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script)


@pytest.mark.parametrize("lang", ["zh-hans", "zh-hant"])
def test_json_ld_of_a_translation_names_its_original(client, question_3, lang):
    data = json_ld(client.get(question_3.url_for(lang)).content.decode())
    assert data["inLanguage"] == {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[lang]
    assert data["translationOfWork"] == {
        "@type": "Article",
        "url": HOST + question_3.url_for("en"),
        "inLanguage": "en",
        "name": TITLE_EN,
    }
    assert "workTranslation" not in data


def test_json_ld_of_an_original_names_its_translations(client, question_3):
    data = json_ld(client.get(question_3.url_for("en")).content.decode())
    assert data["inLanguage"] == "en" and "translationOfWork" not in data
    assert data["workTranslation"] == [
        {"@type": "Article", "url": f"{HOST}/zh-hans/qa/3/", "inLanguage": "zh-Hans"},
        {"@type": "Article", "url": f"{HOST}/zh-hant/qa/3/", "inLanguage": "zh-Hant"},
    ]


def test_json_ld_of_a_chinese_original_and_its_traditional_conversion(client, question_3):
    question_3.original_language = "zh-hans"
    question_3.save()
    english = {"@type": "Article", "url": HOST + question_3.url_for("en"), "inLanguage": "en"}
    for lang in ("zh-hans", "zh-hant"):
        data = json_ld(client.get(question_3.url_for(lang)).content.decode())
        assert data["workTranslation"] == [english] and "translationOfWork" not in data
    data = json_ld(client.get(question_3.url_for("en")).content.decode())
    assert data["translationOfWork"]["inLanguage"] == "zh-Hans" and data["translationOfWork"]["name"] == TITLE_ZH


def test_json_ld_of_an_untranslated_question_names_no_translation(client, content):
    data = json_ld(client.get(content["untranslated"].url_for("zh-hans")).content.decode())
    assert data["inLanguage"] == "en"
    assert "workTranslation" not in data and "translationOfWork" not in data

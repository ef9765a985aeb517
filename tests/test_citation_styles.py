"""Citing a question: names, GB/T 7714-2015, APA, Chicago and BibTeX in every language, a translation cited as one.

Expected strings are those of GB/T 7714-2015's examples and of the bilingual review
(shared/review/bilingual-review.md, section 5), for Question 3 as CIKD published it.
"""

import pytest

from qa.languages import in_script
from qa.models import Author, Authorship
from qa.web.citations import Citation, Name
from tests.citation_data import CIKD_EN, CIKD_ZH, HOST, TITLE_EN, TITLE_ZH, cite
from tests.factories import AuthorFactory
from tests.reading_data import loaded

pytestmark = pytest.mark.django_db
URL = "https://hub.example/en/qa/3/x/"


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


def test_citation_with_two_authors_in_english(reading_content):
    citation = Citation(loaded(reading_content["paired"]), "en", URL)
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


def test_citation_with_two_authors_in_chinese(reading_content):
    citation = Citation(loaded(reading_content["paired"]), "zh-hans", URL)
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


def test_citation_with_one_author_and_a_day_date(reading_content):
    citation = Citation(loaded(reading_content["untranslated"]), "en", URL)
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do? (Fighting ")
    assert "Development, March 15, 2020. " in citation.chicago()
    assert "  author = {Zhou, Taidong},\n" in citation.bibtex()


def test_chinese_reader_cites_the_english_text_of_an_untranslated_question(reading_content):
    citation = Citation(loaded(reading_content["untranslated"]), "zh-hans", URL)
    assert citation.language == "en" and not citation.translated
    assert citation.apa().startswith("Zhou, T. (2020, March 15). What did community workers do?")
    assert citation.entries()[0].style == "gbt" and len(citation.entries()[0].lines) == 1


def test_citation_without_publisher_or_authors_and_with_bibtex_specials(reading_content):
    question = reading_content["untranslated"]
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

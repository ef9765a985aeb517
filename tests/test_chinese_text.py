"""The Chinese text and interface read as Chinese: the catalogues' typography, no English left on a
Chinese page, and the corrected Chinese text of Question 3."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from qa.languages import in_script
from qa.models import Page, Programme, Question, Region, Series
from tests.factories import QuestionFactory

CHINESE = ["zh-hans", "zh-hant"]
BUNDLE = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"

# Full-width punctuation after which Chinese text never has a half-width space.
FULL_WIDTH = "。，、：；！？）」』》”"
# A number: digits, or a placeholder a number is put in.
NUMBER = r"(?:\d|%\(\w+\)[sd]|%[sd]|\{\w*\})"
MEASURE_WORDS = "个篇页问对次分行名支位项条年月日号"
SPACING_FAULTS = [
    # " · " is the separator of the site's meta lines and titles, in Chinese as in English.
    (re.compile(f"[{FULL_WIDTH}] (?!·)"), "a half-width space after full-width punctuation"),
    (re.compile(f"{NUMBER} +[{MEASURE_WORDS}]"), "a space between a numeral and its measure word"),
    (re.compile(f"第 +{NUMBER}"), "a space between 第 and its numeral"),
]


def spacing_faults(text):
    return [fault for pattern, fault in SPACING_FAULTS if pattern.search(text)]


def chinese_catalogues():
    """Every compiled Chinese catalogue (django, djangojs): zh_Hans and the zh_Hant made from it, of locale/ and
    knowledgehub/locale/."""
    for locale_path in settings.LOCALE_PATHS:
        for mo in sorted(Path(locale_path).glob("zh_*/LC_MESSAGES/*.mo")):
            with mo.open("rb") as file:
                yield mo, gettext.GNUTranslations(file)._catalog


def test_the_typography_check_finds_each_fault():
    assert spacing_faults("译自英文原文。 阅读原文") and spacing_faults("结对来源： 国家卫生健康委员会")
    assert spacing_faults("共有 %(count)s 个问题") and spacing_faults("第 %(page)s 页") and spacing_faults("19 个省份")
    assert not spacing_faults("译自%(language)s原文。") and not spacing_faults("第3问，共找到2篇问答")


def test_every_chinese_catalogue_has_chinese_spacing():
    catalogues = list(chinese_catalogues())
    assert {mo.parent.parent.name for mo, _catalogue in catalogues} == {"zh_Hans", "zh_Hant"}
    faults = [
        (str(mo.relative_to(settings.BASE_DIR)), msgid, msgstr, spacing_faults(msgstr))
        for mo, catalogue in catalogues
        for msgid, msgstr in catalogue.items()
        if msgid and spacing_faults(msgstr)
    ]
    assert faults == []


# -- No English on a Chinese page ------------------------------------------------------------------

SKIPPED_TAGS = {"script", "style", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")
# Elements a browser lays out as blocks: the white space of the source around them is never shown.
BLOCK_TAGS = set(
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr legend li main nav ol option p pre section select summary table tbody td tfoot th thead title "
    "tr ul".split()
)
ENGLISH_MARK = "\ufffc"
# Said in English on a Chinese page these would be a fault, though no catalogue holds them as such.
ENGLISH_WORDS = ["English", "Chinese", "National Health Commission", "Question 3", "Read the original", "pairs"]


class VisibleText(HTMLParser):
    """The text a reader of the page is shown, without what is marked as English (lang="en") and
    without the language switch, whose language names are each in its own language."""

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def hidden(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english = (attrs.get("lang") or "").lower().startswith("en")
        hidden = tag in SKIPPED_TAGS or english or "language-switch" in (attrs.get("class") or "").split()
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if not self.hidden() and not hidden:
            self.parts += [f"\n{attrs[name]}\n" for name in SHOWN_ATTRIBUTES if attrs.get(name)]
        if english and not self.hidden():
            self.parts.append(ENGLISH_MARK)  # the reader sees text here: no space next to it is stray
        if tag not in VOID_TAGS:
            self.stack.append(hidden)

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden():
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        """The text, one line for each block: a space in a line is one a reader sees."""
        return re.sub(r" *\n[\n ]*", "\n", "".join(self.parts)).strip()


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


def english_interface_phrases():
    """Every phrase of two words or more in the English interface (the catalogues' msgids), placeholders cut out."""
    phrases = set()
    for _mo, catalogue in chinese_catalogues():
        for msgid in catalogue:
            text = msgid[0] if isinstance(msgid, tuple) else msgid
            text = text.split("\x04")[-1]
            for piece in re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", text):
                piece = piece.strip(" .,:;()“”‘’—→←")
                if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2:
                    phrases.add(piece)
    return phrases | set(ENGLISH_WORDS)


@pytest.fixture
def bundled(db):
    call_command("import_content", str(BUNDLE))
    untranslated = QuestionFactory(series=Series.objects.get(), number=4, untranslated=True)
    return {"question": Question.objects.get(number=3), "untranslated": untranslated}


def chinese_pages(bundled, language):
    with translation.override(language):
        question, series = bundled["question"], bundled["question"].series
        return {
            "home": reverse("qa:home"),
            "series index": series.url_for(language),
            "question": question.url_for(language),
            "untranslated question": bundled["untranslated"].url_for(language),
            "side by side": question.side_by_side_url_for(language),
            "topics": reverse("qa:topics"),
            "topic": reverse("qa:topic", args=["partner-assistance"]),
            "authors": reverse("qa:authors"),
            "author": reverse("qa:author", args=["zhou-taidong"]),
            "pairing list": reverse("qa:partner-assistance"),
            "programme": reverse("qa:programme", args=[Programme.objects.get().slug]),
            "region": reverse("qa:region", args=["xiaogan"]),
            "parent region": reverse("qa:region", args=["hubei"]),
            "search with results": reverse("qa:search") + "?q=对口支援",
            "search without results": reverse("qa:search") + "?q=火星",
            "search past the last page": reverse("qa:search") + "?q=对口支援&page=9",
            "page": reverse("qa:page", args=[Page.objects.get(slug="about").slug]),
            "404": f"/{language}/no-such-page/",
        }


@pytest.mark.django_db
@pytest.mark.parametrize("language", CHINESE)
def test_no_english_interface_string_on_a_chinese_page(client, bundled, language):
    phrases = english_interface_phrases()
    assert Region.objects.filter(code__in=["xiaogan", "hubei"]).count() == 2
    for name, url in chinese_pages(bundled, language).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        text = visible_text(response.content.decode())
        assert [phrase for phrase in phrases if phrase in text] == [], name
        assert spacing_faults(text) == [], (name, [m.group() for p, _f in SPACING_FAULTS for m in p.finditer(text)])


def test_visible_text_leaves_out_english_marked_text_and_the_language_switch():
    html = (
        '<title>第3问</title><nav class="language-switch"><a lang="en">English</a></nav>'
        '<p>国家卫生健康委员会（<span lang="en">National Health Commission</span>）</p>'
        '<input placeholder="Search the Q&amp;As"><br><p>Read the original</p>'
    )
    assert visible_text(html) == "第3问\n国家卫生健康委员会（\ufffc）\nSearch the Q&As\nRead the original"


@pytest.mark.django_db
@pytest.mark.parametrize("language", CHINESE)
def test_chinese_pages_use_the_hubs_chinese_terms(client, bundled, language):
    pages = chinese_pages(bundled, language)

    def convert(text):
        return in_script(text, language)

    home = client.get(pages["home"]).content.decode()
    assert convert("新冠肺炎疫情知识库") in home and convert("知识中心新冠肺炎") not in home
    question = visible_text(client.get(pages["question"]).content.decode())
    assert convert("译自英文原文。阅读原文") in question
    side_by_side = visible_text(client.get(pages["side by side"]).content.decode())
    assert convert("第3问中英对照") in side_by_side and "英文" in side_by_side
    programme = visible_text(client.get(pages["programme"]).content.decode())
    assert convert("国家卫生健康委员会于2020年2月10日公布。") in programme
    assert convert("结对来源：国家卫生健康委员会") in programme
    region = visible_text(client.get(pages["region"]).content.decode())
    assert convert("上级行政区：湖北省") in region


@pytest.mark.django_db
def test_english_pairing_page_says_who_announced_it_in_one_date_style(client, bundled):
    html = client.get(reverse("qa:programme", args=[Programme.objects.get().slug])).content.decode()
    gloss = '(<span lang="zh-Hans">国家卫生健康委员会</span>)'
    assert f"Announced by the National Health Commission {gloss} on 10 February 2020." in html
    assert '<p class="source">Source of the pairs: National Health Commission notice' in html
    assert "Feb. 10" not in html


# -- Question 3 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_question_3_chinese_text_has_the_corrections(bundled):
    question = bundled["question"]
    text = question.summary_zh_hans + "\n\n" + question.body_zh_hans
    wrongs = ["强省帮弱省", "一省包一市", "19个省、直辖市", "市县", "每个市或县"]
    wrongs += ["中国中央政府", "此外另有", "急需的关键"]
    for wrong in wrongs:
        assert wrong not in text, wrong
    assert "以强扶弱" in question.body_zh_hans
    assert "19个省份与湖北省16个市州及县级市结对" in question.summary_zh_hans
    assert "安排19个省份对口支援湖北省除武汉市以外的16个市州及县级市" in question.body_zh_hans
    assert "湖北省每个市州或县级市" in question.body_zh_hans
    assert question.body_zh_hans.startswith("对口支援通常是指在中央政府统筹协调下")
    assert "在湖北省16个市州及县级市提供医疗服务，另有来自其他省份的31,207名医务人员" in question.body_zh_hans
    assert "带去了关键医疗物资和设备" in question.body_zh_hans
    programme = Programme.objects.get()
    assert programme.name_zh_hans == "对口支援湖北省除武汉市以外的16个市州及县级市"
    assert "除武汉市以外的16个市州及县级市" in programme.description_zh_hans


@pytest.mark.django_db
def test_bundled_pages_name_the_citation_forms_offered(bundled):
    for page in Page.objects.filter(slug__in=["about", "licence"]):
        assert "APA, Chicago and BibTeX" not in page.body_en
        assert all(form in page.body_en for form in ["GB/T 7714", "APA", "Chicago", "RIS", "BibTeX", "CSL-JSON"])
        assert all(form in page.body_zh_hans for form in ["GB/T 7714", "APA", "芝加哥", "RIS", "BibTeX", "CSL-JSON"])
    for page in Page.objects.all():
        assert "知识中心" not in page.body_zh_hans.replace("中国国际发展知识中心", "")


# -- Chinese reading ----------------------------------------------------------------------------


def css_rules():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(selector.strip(), body) for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def test_chinese_text_is_justified_with_strict_line_breaking_and_english_is_not():
    rules = css_rules()
    justified = [selector for selector, body in rules if "text-align: justify" in body]
    assert justified and all(":lang(zh)" in part for selector in justified for part in selector.split(","))
    assert any("text-justify: inter-character" in body and ".body p:lang(zh)" in selector for selector, body in rules)
    assert any(selector == ":lang(zh)" and "line-break: strict" in body for selector, body in rules)
    assert not any("zh-hans" in selector for selector, _body in rules), "zh-Hant pages need the Chinese faces too"

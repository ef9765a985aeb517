"""The site in a real browser: reading, switching language, searching, citing, printing, editing, axe."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browsing import PHONE, admin_log_in, axe_violations, open_context
from django.utils import translation

from qa.languages import language_tag

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = pytest.mark.django_db(transaction=True)
LANGS = ["en", "zh-hans"]

def in_language(lang, address):
    with translation.override(lang):
        return address()


# Every page axe checks, in both languages and both colour schemes: one line per page.
PAGES = {
    "home": lambda content, lang: f"/{lang}/",
    "question": lambda content, lang: content["paired"].url_for(lang),
    "untranslated-question": lambda content, lang: content["untranslated"].url_for(lang),
    "authors": lambda content, lang: f"/{lang}/authors/",
    "author": lambda content, lang: in_language(lang, content["zhou"].get_absolute_url),
    "side-by-side": lambda content, lang: content["paired"].side_by_side_url_for(lang),
    "side-by-side-missing": lambda content, lang: content["untranslated"].side_by_side_url_for(lang),
    "search": lambda content, lang: f"/{lang}/search/?q=Hubei",
    "not-found": lambda content, lang: f"/{lang}/qa/999/",
    "partner-assistance": lambda content, lang: f"/{lang}/partner-assistance/",
    "programme": lambda content, lang: f"/{lang}/partner-assistance/hubei-partner-assistance-2020/?order=supporter",
    "region": lambda content, lang: f"/{lang}/partner-assistance/regions/shanxi/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_accessibility_violations(browser, site, content, name, lang, scheme):
    context = open_context(browser, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site + PAGES[name](content, lang))
        assert page.locator("html").get_attribute("lang") == language_tag(lang)
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang, title", [("en", "How were provinces paired"), ("zh-hans", "各省如何对口支援")])
def test_reader_opens_a_question_from_the_home_page(page, site, content, shoot, lang, title):
    page.goto(f"{site}/{lang}/")
    shoot(page, f"home-{lang}")
    page.locator(".question-list a", has_text=title).click()
    assert page.locator("h1").inner_text().startswith(title)
    assert unquote(page.url).startswith(f"{site}/{lang}/qa/3/")
    assert page.locator(".body li").count() == 2
    shoot(page, f"question-{lang}")


def test_untranslated_question_is_shown_in_english_with_a_note(page, site, content, shoot):
    page.goto(site + content["untranslated"].url_for("zh-hans"))
    assert page.locator("h1").get_attribute("lang") == "en"
    assert page.locator(".body").get_attribute("lang") == "en"
    assert "尚未译成中文" in page.locator(".notice.fallback").inner_text()
    shoot(page, "question-untranslated-zh-hans")


def test_language_switch_stays_on_the_same_question(page, site, content):
    page.goto(site + content["paired"].url_for("en"))
    page.locator(".language-switch a[hreflang=zh-hans]").click()
    assert unquote(page.url) == site + unquote(content["paired"].url_for("zh-hans"))
    assert page.locator("h1").inner_text() == "各省如何对口支援湖北各市？"
    page.locator(".language-switch a[hreflang=en]").click()
    assert page.locator("h1").inner_text() == "How were provinces paired with cities in Hubei?"


@pytest.mark.parametrize(
    "lang, query, title",
    [("en", "provinces paired", "How were provinces paired"), ("zh-hans", "对口支援", "各省如何对口支援")],
)
def test_reader_searches_and_opens_a_result(page, site, content, shoot, lang, query, title):
    page.goto(f"{site}/{lang}/")
    box = page.get_by_role("searchbox").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=.*"))
    address = urlsplit(page.url)
    assert address.path == f"/{lang}/search/"
    assert parse_qs(address.query)["q"] == [query]
    result = page.locator(".search-results li").first
    expect(result.locator("mark").first).to_be_visible()
    shoot(page, f"search-{lang}")
    result.locator("a").click()
    expect(page.locator("h1")).to_contain_text(title)
    assert unquote(page.url).startswith(f"{site}/{lang}/qa/3/")


def test_side_by_side_aligns_paragraphs_and_stacks_on_a_phone(page, site, content, shoot):
    page.goto(site + content["paired"].url_for("en"))
    page.get_by_role("link", name="Read English and Chinese side by side").click()
    assert page.url.endswith("/side-by-side/")
    rows = page.locator(".parallel-row:not(.parallel-head)")
    assert rows.count() == 4
    english, chinese = rows.nth(1).locator(".cell").all()
    assert (english.get_attribute("lang"), chinese.get_attribute("lang")) == ("en", "zh-Hans")
    left, right = english.bounding_box(), chinese.bounding_box()
    assert right["x"] > left["x"] + left["width"] and abs(right["y"] - left["y"]) < 2
    shoot(page, "side-by-side-en")
    page.set_viewport_size(PHONE)
    left, right = english.bounding_box(), chinese.bounding_box()
    assert right["y"] >= left["y"] + left["height"] and abs(right["x"] - left["x"]) < 2
    page.goto(site + content["paired"].side_by_side_url_for("zh-hans"))
    shoot(page, "side-by-side-zh-hans")


def test_side_by_side_without_a_translation_explains_why(page, site, content):
    response = page.goto(site + content["untranslated"].side_by_side_url_for("zh-hans"))
    assert response.status == 200
    assert "还没有简体中文文本" in page.locator(".notice").inner_text()
    assert page.locator(".cell.body[lang=en]").count() == 3


def test_reading_switching_and_citing_need_no_javascript(browser, site, content):
    context = open_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + content["paired"].url_for("en"))
        assert page.locator("h1").is_visible()
        page.locator("summary", has_text="Cite this question").click()
        bibtex = page.locator(".citation pre").nth(2)
        assert bibtex.is_visible() and bibtex.inner_text().startswith("@misc{zhou2020q3,")
        assert page.locator("button.copy").count() == 0
        page.locator(".language-switch a[hreflang=zh-hans]").click()
        assert page.locator("h1").inner_text() == "各省如何对口支援湖北各市？"
    finally:
        context.close()


def test_copy_button_copies_a_citation(browser, site, content, shoot):
    context = open_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    try:
        page = context.new_page()
        page.goto(site + content["paired"].url_for("zh-hans"))
        page.locator("summary").click()
        buttons = page.locator("button.copy")
        assert buttons.count() == 4
        assert buttons.first.inner_text().startswith("复制")
        buttons.first.click()
        expect(page.locator(".copy-status").first).to_have_text("已复制")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("周太东, DOE J. 各省如何对口支援湖北各市？[R/OL]. 北京: 中国国际发展知识中心, 2020[")
        assert "[引用日期]" not in copied
        shoot(page, "question-cite-open-zh-hans")
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "question", "side-by-side", "author"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_scrolling_at_320_pixels(page, site, content, name, lang):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + PAGES[name](content, lang))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_skip_link_and_visible_focus(page, site, content):
    page.goto(site + content["paired"].url_for("en"))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_leaves_out_navigation_and_prints_link_addresses(page, site, content):
    page.goto(site + content["paired"].url_for("en"))
    page.emulate_media(media="print")
    for selector in [".site-nav", ".language-switch", ".search-form", ".pager"]:
        assert not page.locator(selector).first.is_visible(), selector
    after = page.locator(".body a").first.evaluate("link => getComputedStyle(link, '::after').content")
    assert after == '" (https://www.cikd.org/)"'
    assert page.locator("h1").is_visible()


def test_chinese_text_uses_a_cjk_font_and_roomier_lines(page, site, content):
    page.goto(site + content["paired"].url_for("zh-hans"))
    style = page.locator(".body p").first.evaluate(
        "p => [getComputedStyle(p).fontFamily,"
        " parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize)]"
    )
    assert "CJK SC" in style[0] and style[1] == pytest.approx(1.8, abs=0.01)
    page.goto(site + content["paired"].url_for("en"))
    ratio = page.locator(".body p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize)"
    )
    assert ratio == pytest.approx(1.6, abs=0.01)


def test_dark_mode_follows_the_system(browser, site, content, screenshot_dir):
    context = open_context(browser, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site + content["paired"].url_for("zh-hans"))
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 21, 23)"
        page.screenshot(path=screenshot_dir / "question-dark-zh-hans-desktop.png", full_page=True)
    finally:
        context.close()


def test_editor_changes_the_chinese_title_in_the_admin_and_sees_it(page, site, content, shoot):
    question = content["paired"]
    admin_log_in(page, site, content["editor"])
    page.goto(f"{site}/admin/qa/question/{question.pk}/change/")
    title = page.locator("#id_title_zh_hans")
    if not title.is_visible():
        tabs = page.locator("li a[href$='title_zh_hans'], .ui-tabs-nav a", has_text=re.compile("zh|中文|Chinese", re.I))
        tabs.first.click()
    title.fill("各省怎样对口支援湖北各市？")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    page.goto(site + question.url_for("zh-hans"))
    assert page.locator("h1").inner_text() == "各省怎样对口支援湖北各市？"
    shoot(page, "question-after-edit-zh-hans")


@pytest.mark.parametrize("lang, shanxi, xiantao", [("en", "Shanxi", "Xiantao"), ("zh-hans", "山西省", "仙桃市")])
def test_reader_explores_the_pairing_table(page, site, content, shoot, lang, shanxi, xiantao):
    page.goto(f"{site}/{lang}/")
    page.locator(".site-nav a[href$='/partner-assistance/']").click()
    assert page.url.endswith(f"/{lang}/partner-assistance/")
    page.locator(".programme-list a[href$='/hubei-partner-assistance-2020/']").click()
    assert page.url.endswith(f"/{lang}/partner-assistance/hubei-partner-assistance-2020/")
    diagram = page.locator(".pairing-diagram svg")
    expect(diagram).to_be_visible()
    assert diagram.locator("line").count() == 21
    shoot(page, f"partner-assistance-{lang}")
    page.set_viewport_size(PHONE)
    box = diagram.bounding_box()
    assert box["width"] <= PHONE["width"]
    page.locator(".pairing-order a[href$='order=supporter']").click()
    assert page.url.endswith("?order=supporter")
    page.locator("table a", has_text=shanxi).first.click()
    expect(page.locator("h1")).to_contain_text(shanxi)
    expect(page.locator("main")).to_contain_text(xiantao)
    shoot(page, f"region-{lang}")

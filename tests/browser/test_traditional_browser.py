"""Traditional Chinese pages in a real browser: reached from the language switch, saying they are converted,
leading back to the Simplified original, and accessible (axe) on desktop and phone, light and dark."""

import pytest
from browsing import axe_violations, device_page
from django.utils import translation

from tests import pairing_data

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
DEVICES = {"desktop": None, "phone": PHONE}


def in_traditional(address):
    with translation.override("zh-hant"):
        return address()


PAGES = {
    "home": lambda content: "/zh-hant/",
    "series": lambda content: content["series"].url_for("zh-hant"),
    "question": lambda content: content["paired"].url_for("zh-hant"),
    "untranslated-question": lambda content: content["untranslated"].url_for("zh-hant"),
    "side-by-side": lambda content: content["paired"].side_by_side_url_for("zh-hant"),
    "programme": lambda content: content["programme"].url_for("zh-hant"),
    "region": lambda content: in_traditional(pairing_data.region("xiaogan").get_absolute_url),
    "search": lambda content: "/zh-hant/search/?q=對口支援",
    "not-found": lambda content: "/zh-hant/no/such/page/",
}


def test_a_reader_switches_to_traditional_and_back_on_the_same_page(page, site, content):
    question = content["paired"]
    page.goto(site + question.url_for("zh-hans"))
    page.locator(".language-switch a", has_text="繁體中文").click()
    page.wait_for_url(site + question.url_for("zh-hant"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    expect(page.locator("h1")).to_have_text("各省如何對口支援湖北各市？")
    notice = page.locator(".notice.converted")
    expect(notice).to_be_visible()
    notice.locator("a").click()
    page.wait_for_url(site + question.url_for("zh-hans"))
    expect(page.locator("h1")).to_have_text("各省如何对口支援湖北各市？")


def test_a_traditional_query_finds_the_simplified_text_and_marks_it(page, site, content):
    page.goto(f"{site}/zh-hant/")
    page.locator("#search-q-header").fill("對口支援")
    page.locator("#search-q-header").press("Enter")
    page.wait_for_url("**/zh-hant/search/**")
    result = page.locator(".search-results a", has_text="各省如何對口支援湖北各市？")
    expect(result).to_be_visible()
    assert page.locator(".search-results mark").first.inner_text() in ("對口支援", "對口", "支援")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("page_name", PAGES)
def test_traditional_pages_have_no_accessibility_violations(browser, site, content, page_name, device, scheme):
    with device_page(browser, DEVICES[device], scheme) as page:
        response = page.goto(site + PAGES[page_name](content))
        assert response.status == (404 if page_name == "not-found" else 200)
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways"
        assert axe_violations(page) == []

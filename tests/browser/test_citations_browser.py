"""Citing in a real browser: cite.js writes the reader's date into GB/T 7714's access date (the
server, whose pages are cached, writes a placeholder), every language; without JavaScript the
placeholder stays for the reader to fill, and the downloads are plain links."""

import datetime
import re

import pytest
from browsing import open_context

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

pytestmark = pytest.mark.django_db(transaction=True)


def gbt_text(page):
    page.locator("details.cite summary").click()
    return page.locator(".citation", has=page.locator("figcaption", has_text="GB/T 7714")).locator("pre").inner_text()


@pytest.mark.parametrize(
    "lang, placeholder", [("en", "[cited date]"), ("zh-hans", "[引用日期]"), ("zh-hant", "[引用日期]")]
)
def test_cite_script_writes_the_readers_date(page, site, content, lang, placeholder):
    page.goto(site + content["paired"].url_for(lang))
    text = gbt_text(page)
    dates = re.findall(r"2020\[(\d{4}-\d{2}-\d{2})\]", text)
    assert dates and placeholder not in text
    today = page.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()"
    )
    assert set(dates) == {datetime.date(*today).isoformat()}
    # A Chinese page gives the Chinese entry, then the English one: both dated.
    assert len(dates) == (1 if lang == "en" else 2)


def test_without_javascript_the_placeholder_stays_and_downloads_are_links(browser, site, content):
    context = open_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + content["paired"].url_for("zh-hans"))
        text = gbt_text(page)
        assert "2020[引用日期]" in text and "2020[cited date]" in text
        with page.expect_download() as download:
            page.locator(".cite-downloads a", has_text="RIS").click()
        assert download.value.suggested_filename == "cikd-qa-3-zh-hans.ris"
    finally:
        context.close()

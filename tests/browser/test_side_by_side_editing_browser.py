"""The translator's side-by-side form and the Markdown preview in Chromium, under the site's own CSP:
open the form, translate, save and see it saved; press Preview and see the server's rendering."""

import pytest
from browsing import DESKTOP, PHONE, admin_log_in
from django.conf import settings

from qa.content.rendering import render_markdown


@pytest.fixture
def admin_page(browser, site, content):
    """A page that keeps the CSP, recording every violation and script error, in the editor's language."""

    def open_page(language="en", viewport=DESKTOP):
        context = browser.new_context(viewport=viewport)
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}])
        page = context.new_page()
        page.set_default_timeout(15000)
        page.violations = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.violations.append(message.text),
        )
        page.on("pageerror", lambda error: page.violations.append(f"page error: {error}"))
        contexts.append(context)
        admin_log_in(page, site, content["editor"])
        return page

    contexts = []
    yield open_page
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).bounding_box()


@pytest.mark.parametrize("language, saved", [("en", "was changed successfully"), ("zh-hans", "成功修改")])
def test_translate_side_by_side_and_save(admin_page, site, content, screenshot_dir, language, saved):
    question = content["untranslated"]
    page = admin_page(language)
    page.goto(f"{site}/admin/qa/question/{question.pk}/change/")
    page.locator("a.translate-link").click()
    page.wait_for_url(f"{site}/admin/qa/question/{question.pk}/translate/zh-hans/")

    source = page.locator(".field-body .side-by-side-text")
    assert source.get_attribute("lang") == "en"
    assert "They checked temperatures." in source.inner_text()
    source_box, target_box = (
        box(page, ".field-body .side-by-side-source"),
        box(page, ".field-body .side-by-side-target"),
    )
    assert source_box["x"] + source_box["width"] <= target_box["x"]  # side by side
    assert abs(source_box["y"] - target_box["y"]) < 5
    columns = page.locator(".side-by-side-column").all_inner_texts()
    assert columns == (["English", "Chinese"] if language == "en" else ["英文", "中文"])
    assert page.locator(".ui-tabs-nav").count() == 0  # one language per row: no tabs

    page.fill("#id_title_zh_hans", "社区工作者做了什么？")
    page.fill("#id_body_zh_hans", "他们测量体温。\n\n他们送餐上门。")
    page.screenshot(path=screenshot_dir / f"admin-side-by-side-{language}.png", full_page=True)
    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"{site}/admin/qa/question/{question.pk}/translate/zh-hans/")
    assert saved in page.locator(".messagelist").inner_text()
    assert page.input_value("#id_title_zh_hans") == "社区工作者做了什么？"
    question.refresh_from_db()
    assert (
        question.title_zh_hans == "社区工作者做了什么？" and question.body_zh_hans == "他们测量体温。\n\n他们送餐上门。"
    )
    assert question.title_en == "What did community workers do?"
    assert page.violations == []


def test_on_a_phone_the_translation_comes_under_its_source(admin_page, site, content, screenshot_dir):
    page = admin_page("zh-hans", viewport=PHONE)
    page.goto(f"{site}/admin/qa/question/{content['paired'].pk}/translate/zh-hans/")
    source_box, target_box = (
        box(page, ".field-body .side-by-side-source"),
        box(page, ".field-body .side-by-side-target"),
    )
    assert target_box["y"] >= source_box["y"] + source_box["height"]
    assert target_box["width"] > PHONE["width"] * 0.6
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "admin-side-by-side-phone.png", full_page=True)
    assert page.violations == []


MARKDOWN = "## Pairing\n\nEach *province* helped **one city**:\n\n1. Guangdong\n2. Jiangsu\n\n<b>raw</b>"


@pytest.mark.parametrize(
    "language, field, lang, button",
    [("en", "body_en", "en", "Preview"), ("zh-hans", "body_zh_hans", "zh-Hans", "预览")],
)
def test_preview_shows_the_body_as_readers_will_see_it(
    admin_page, site, content, screenshot_dir, language, field, lang, button
):
    """Each language opens on its own tab of the change form: the editor previews the body they see."""
    page = admin_page(language)
    page.goto(f"{site}/admin/qa/question/{content['paired'].pk}/change/")
    page.fill(f"#id_{field}", MARKDOWN)
    preview = page.locator(f"#id_{field} + .markdown-preview button")
    assert preview.inner_text() == button
    preview.click()
    output = page.locator(f"#id_{field}-preview")
    output.locator("h2").wait_for()
    assert output.get_attribute("lang") == lang
    assert output.locator("h2").inner_text() == "Pairing"
    assert output.locator("ol li").count() == 2 and output.locator("em").inner_text() == "province"
    assert output.locator("b").count() == 0 and "<b>raw</b>" in output.inner_text()
    assert output.inner_html() == str(render_markdown(MARKDOWN))
    page.screenshot(path=screenshot_dir / f"admin-markdown-preview-{language}.png", full_page=True)
    assert page.violations == []


def test_preview_says_in_the_editors_language_why_it_cannot_show_a_text(admin_page, site, content):
    page = admin_page("zh-hans")
    page.goto(f"{site}/admin/qa/question/{content['paired'].pk}/translate/zh-hans/")
    page.fill("#id_body_zh_hans", "正文\x0b含有不可见字符。")
    page.locator("#id_body_zh_hans + .markdown-preview button").click()
    error = page.locator("#id_body_zh_hans-preview .errornote")
    error.wait_for()
    assert error.inner_text().startswith("无法预览：此文本") and "U+000B" in error.inner_text()
    assert page.violations == []

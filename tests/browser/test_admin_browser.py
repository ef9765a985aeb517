"""The admin in a browser under the site's own CSP: the Compare page's diff and
the language tabs of the change form."""

import pytest
from browsing import admin_log_in
from django.conf import settings
from reversion.models import Version

WINDOW = {"width": 1280, "height": 800}
TRANSPARENT = "rgba(0, 0, 0, 0)"

# Long enough that unwrapped text would run far past the window: prose, one
# unbroken Chinese paragraph and a URL with no break opportunity.
LONG_EN = "\n\n".join(
    f"Paragraph {n}: provinces sent medical teams, protective equipment and supplies to the cities of Hubei." * 3
    for n in range(12)
) + "\n\nSource: https://www.cikd.org/" + "a-very-long-path-segment-" * 20
LONG_ZH = "\n\n".join(f"第{n}段：各省向湖北各市派出医疗队，并提供防护装备和物资。" * 8 for n in range(12))


@pytest.fixture
def strict_page(browser, site):
    """A page that keeps the CSP (the shared context bypasses it for axe-core),
    recording every violation the browser reports."""
    context = browser.new_context(viewport=WINDOW)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.violations = []
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and page.violations.append(message.text)
    )
    page.on("pageerror", lambda error: page.violations.append(f"page error: {error}"))
    yield page
    context.close()


def chinese(page, site):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "zh-hans", "url": site}])


@pytest.fixture
def compared(content):
    """Question 3 with two versions whose long bodies differ in both languages."""
    from qa.editorial.revisions import recorded

    question = content["paired"]
    with recorded("First version", user=content["editor"]):
        question.save()
    with recorded("Second version", user=content["editor"]):
        question.body_en = LONG_EN
        question.body_zh_hans = LONG_ZH
        question.save()
    older, newer = sorted(Version.objects.get_for_object(question).values_list("pk", flat=True))
    return f"/admin/qa/question/{question.pk}/history/compare/?old={older}&new={newer}"


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_compare_fits_the_window_and_marks_changes_in_colour_and_line(
    strict_page, site, content, compared, screenshot_dir, lang
):
    page = strict_page
    if lang == "zh-hans":
        chinese(page, site)
    admin_log_in(page, site, content["editor"])
    page.goto(site + compared)
    assert page.locator(".revision-change[data-field='body_en'] del").count() > 0
    assert page.locator(".revision-change[data-field='body_zh_hans'] ins").count() > 0
    page.screenshot(path=screenshot_dir / f"admin-compare-{lang}.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= WINDOW["width"]
    style = page.evaluate(
        """() => {
            const look = (selector) => {
                const s = getComputedStyle(document.querySelector(selector));
                return {background: s.backgroundColor, line: s.textDecorationLine};
            };
            return {
                del: look(".revision-diff del"),
                ins: look(".revision-diff ins"),
                cell: getComputedStyle(document.querySelector(".revision-diff").closest("td")).backgroundColor,
                page: getComputedStyle(document.body).backgroundColor,
                marker: getComputedStyle(document.querySelector(".revision-diff del"), "::before").content,
            };
        }"""
    )
    backgrounds = {style["del"]["background"], style["ins"]["background"]}
    assert len(backgrounds) == 2, style
    assert not backgrounds & {TRANSPARENT, style["cell"], style["page"]}, style
    assert style["del"]["line"] == "line-through" and style["ins"]["line"] == "underline", style
    assert ("删除" if lang == "zh-hans" else "deleted") in style["marker"], style
    assert page.violations == []


@pytest.mark.parametrize("lang, names", [("zh-hans", ["英文", "简体中文"]), ("en", ["English", "Chinese"])])
def test_change_form_tabs_name_the_languages(strict_page, site, content, screenshot_dir, lang, names):
    page = strict_page
    if lang == "zh-hans":
        chinese(page, site)
    admin_log_in(page, site, content["editor"])
    page.goto(f"{site}/admin/qa/question/{content['paired'].pk}/change/")
    tabs = page.locator(".ui-tabs-nav").first.locator("a")
    assert tabs.all_inner_texts() == names
    switch = page.locator("#modeltranslation-main-switch")
    assert switch.locator("option").all_inner_texts() == names
    active = page.locator(".ui-tabs-nav").first.locator("li.ui-tabs-active a").inner_text()
    assert active == names[0 if lang == "en" else 1]
    assert switch.evaluate("select => select.selectedOptions[0].textContent") == active
    page.screenshot(path=screenshot_dir / f"admin-change-form-tabs-{lang}.png")
    assert page.violations == []


def test_first_login_sets_up_the_second_factor_under_the_csp(strict_page, site, screenshot_dir):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import EDITOR_PASSWORD, EditorFactory
    from tests.two_factor import current_code

    EditorFactory(username="newcomer")
    page = strict_page
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "newcomer")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{site}/admin/two-factor/set-up/")
    assert page.locator(".two-factor-qr svg").is_visible()
    page.screenshot(path=screenshot_dir / "admin-two-factor-set-up.png")
    device = TOTPDevice.objects.get(user__username="newcomer", confirmed=False)
    page.fill("#id_otp_token", current_code(device))
    page.locator("input[type=submit]").click()
    assert page.locator(".backup-codes li").count() == 10
    page.get_by_role("link", name="Go on to the admin").click()
    page.wait_for_url(f"{site}/admin/")
    assert page.violations == []

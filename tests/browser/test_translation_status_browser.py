"""Translation status in the admin, in a browser under the site's CSP: the badge in the Chinese tab,
what changed in the English original, and "Mark as up to date" posting its own form from inside the tab."""

import pytest
from browsing import admin_log_in
from test_admin_browser import chinese
from test_admin_browser import strict_page as strict_page  # a fixture, shared

from qa.editorial.revisions import recorded


@pytest.fixture
def outdated(content):
    """Question 3 whose English body changed after its Chinese translation."""
    question = content["paired"]
    with recorded("Translated"):
        question.save()
    with recorded("English revised"):
        question.body_en = question.body_en + "\n\nA paragraph added to the English original."
        question.save()
    return question


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_an_outdated_field_shows_its_change_and_is_marked_up_to_date(
    strict_page, site, content, outdated, screenshot_dir, lang
):
    page = strict_page
    if lang == "zh-hans":
        chinese(page, site)
    admin_log_in(page, site, content["editor"])
    page.goto(f"{site}/admin/qa/question/{outdated.pk}/change/")
    page.select_option("#modeltranslation-main-switch", index=1)  # every field's Chinese tab
    button = page.locator("button.mark-current[value='zh-hans:body']")
    assert button.is_visible()
    badge = page.locator(".form-row.field-body_zh_hans .translation-outdated")
    assert badge.inner_text() == {"en": "Translation outdated", "zh-hans": "译文已过时"}[lang]
    page.locator(".form-row.field-body_zh_hans details.source-change summary").click()
    assert (
        "A paragraph added to the English original."
        in page.locator(".form-row.field-body_zh_hans .revision-diff ins").inner_text()
    )
    page.screenshot(path=screenshot_dir / f"admin-translation-outdated-{lang}.png", full_page=True)
    button.click()
    page.wait_for_url(f"{site}/admin/qa/question/{outdated.pk}/change/")
    assert page.locator(".messagelist .success").count() == 1
    assert page.locator("button.mark-current[value='zh-hans:body']").count() == 0
    outdated.refresh_from_db()
    assert outdated.outdated_languages == ""
    assert page.violations == []

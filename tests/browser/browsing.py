"""Helpers for the browser tests: where things are, how pages are opened and checked."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import EDITOR_PASSWORD
from tests.two_factor import authenticator_of, current_code

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def open_context(browser, **options):
    # bypass_csp lets the tests inject axe-core under the site's strict script policy.
    return browser.new_context(bypass_csp=True, viewport=DESKTOP, **options)


@contextmanager
def device_page(browser, viewport=None, scheme="light"):
    """A page in a context of its own: a touch phone of ``viewport`` (None: the desktop) in ``scheme``."""
    options = {"is_mobile": True, "has_touch": True} if viewport else {}
    context = open_context(browser, color_scheme=scheme, **options)
    try:
        page = context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        yield page
    finally:
        context.close()


def admin_log_in(page, site, user, password=EDITOR_PASSWORD):
    """Log ``user`` in to the admin through the real form: password, then a code from the user's authenticator app
    (made if the user has none, as if set up before), as an editor types it (tests/two_factor.py)."""
    code = current_code(authenticator_of(user))
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.fill("#id_otp_token", code)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{site}/admin/")


def axe_violations(page):
    """WCAG 2.2 A and AA violations axe-core finds on the page, as readable strings."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install` (the Makefile's test set-up does)")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]

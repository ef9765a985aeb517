"""Helpers for the browser tests: where things are, how pages are opened and checked."""

import os
from pathlib import Path

import pytest
from django.conf import settings

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

"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Skipped, with the reason, when Chromium (or Playwright) is not installed; install
them with .ci/install-browser. Screenshots go to artifacts/screenshots/.
"""

import shutil
from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, SCREENSHOTS, open_context

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test requirements install it
    sync_playwright = None


def skip_reason():
    if sync_playwright is None:
        return "Playwright is not installed (pip install -r requirements-test.txt)"
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (run .ci/install-browser)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = skip_reason()
    if reason:
        marker = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
        for item in items:
            if Path(item.path).is_relative_to(Path(__file__).parent):
                item.add_marker(marker)


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_sep("-", f"browser screenshots: {SCREENSHOTS}")


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop running in this thread; the ORM
    # calls the fixtures make meanwhile are ordinary synchronous ones.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def context(browser):
    context = open_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


@pytest.fixture
def content(transactional_db):
    from tests import pairing_data, reading_data

    content = reading_data.build(editor=True)
    content["programme"] = pairing_data.make_hubei_pairing(content["paired"])
    return content


@pytest.fixture
def site(live_server, content):
    """The live server's address, with the test content in place."""
    return live_server.url


@pytest.fixture
def shoot(screenshot_dir):
    """shoot(page, name): full-page screenshots at phone and desktop widths."""

    def take(page, name):
        size = page.viewport_size
        for label, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
            page.set_viewport_size(viewport)
            page.screenshot(path=screenshot_dir / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(size)

    return take

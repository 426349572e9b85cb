"""Playwright fixtures: one headless Debian Chromium per test session, a fresh page per test.

Browser tests use pytest-django's live_server (a real HTTP server on a thread, with a
transactional database). They are skipped - with a visible reason - only when
/usr/bin/chromium is missing on a developer's machine; with CI set they must run, so a
missing browser fails loudly instead of passing silently.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in the test thread; Django's ORM refuses
# to run inside one unless told that this is deliberate (fixtures create data here).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing: install Debian's chromium package.")
        pytest.skip(f"{CHROMIUM} not found (install Debian's chromium package to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page whose relative URLs go to the live server; Danish by default."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="da-DK"
    )
    # The map's tile server is outside; tests must not depend on the network.
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

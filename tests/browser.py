"""
Real-browser fixtures: Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the browser tests skip with a reason; with the environment
variable REQUIRE_BROWSER_TESTS=1 (set by CI) a missing browser fails them instead.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(reason + "; REQUIRE_BROWSER_TESTS=1 makes this a failure.")
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the
    # tests make around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


WIDER_THAN_VIEWPORT = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1);
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    wide: wide.slice(0, 5).map(el => el.tagName + '.' + el.className),
  };
}
"""

"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# to set up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "accessibility: runs axe-core and the Nu HTML Checker (Java, npm ci)"
    )


def pytest_collection_modifyitems(config, items):
    _skip_without(
        items,
        "browser",
        [] if CHROMIUM.exists() else [f"Chromium at {CHROMIUM} (apt-get install chromium)"],
    )
    # Imported here: the helpers read Django's settings, ready only once collection runs.
    from tests.browser.a11y import missing_checkers

    _skip_without(items, "accessibility", missing_checkers())


def _skip_without(items, marker, missing):
    """Tests marked `marker` are skipped locally when something they need is missing, as
    on a fresh machine with only Python and make; with REQUIRE_BROWSER set (.ci/run, which
    installs everything) they must run, so a missing piece fails the run instead."""
    if not missing or not any(marker in item.keywords for item in items):
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but this machine lacks {missing}")
    skip = pytest.mark.skip(reason=f"missing: {', '.join(missing)}")
    for item in items:
        if marker in item.keywords:
            item.add_marker(skip)


def plain_static_files() -> dict:
    """The live server serves static files through the finders, which know no hashed
    names, so with the production (manifest) storage every page would load without its
    CSS and JavaScript. Plain names make the browser see the real pages."""
    return {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pages_load_their_css_and_javascript(settings):
    settings.STORAGES = plain_static_files()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

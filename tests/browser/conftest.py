from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.support import launch_chromium, serve_directory


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with launch_chromium() as browser:
        yield browser


def page_failing_on_script_errors(browser, width: int):
    """A page `width` px wide; a script error on it fails the test that used it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture
def page(browser):
    yield from page_failing_on_script_errors(browser, 1280)


@pytest.fixture(params=(375, 1280), ids=lambda width: f"{width}px")
def sized_page(browser, request):
    """The same test on a phone's width and a laptop's: most visitor checks must hold at both."""
    yield from page_failing_on_script_errors(browser, request.param)


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()

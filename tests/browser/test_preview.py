"""The preview in a real browser: a broken save replaces the page with the Dutch problems, by itself, and the
page comes back by itself once the file is fixed."""

from __future__ import annotations

import os
from pathlib import Path

from tests.test_content import replace
from tests.test_serve import COURSE, fetch, free_port, start_preview, wait_until

SCREENSHOTS = Path(os.environ.get("PREVIEW_SCREENSHOTS", "")) if os.environ.get("PREVIEW_SCREENSHOTS") else None


def test_broken_save_shows_the_error_page_and_recovers(browser, content_copy: Path, tmp_path: Path):
    workdir = tmp_path / "project"
    workdir.mkdir()
    preview = start_preview(content_copy, workdir, free_port())
    try:
        wait_until(lambda: "<h1>" in fetch(preview.url), 90, "de preview antwoordt")
        for width in (1280, 375):
            context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
            page = context.new_page()
            page.goto(preview.url + "opleidingen/vca-basis/")
            page.wait_for_function("() => window.LiveReload !== undefined", timeout=30000)
            replace(content_copy / COURSE, "level: geen", "level: MBO 2")
            heading = page.get_by_role("heading", level=1)
            heading.filter(has_text="De preview is niet bijgewerkt: 1 fout").wait_for(timeout=90000)
            problem = page.locator("[data-preview-error] li").first
            assert "courses/vca-basis.yaml:" in problem.inner_text()
            assert "onbekend niveau 'MBO 2'. Bedoelde je 'mbo-2'?" in problem.inner_text()
            if SCREENSHOTS:
                page.screenshot(path=str(SCREENSHOTS / f"preview-fout-{width}.png"), full_page=True)
            replace(content_copy / COURSE, "level: MBO 2", "level: geen")
            heading.filter(has_text="VCA Basis").wait_for(timeout=90000)
            context.close()
    finally:
        preview.stop()

"""Hosted under a sub-path: every page reachable from the home page, no 404s, no missing assets."""

from __future__ import annotations

from pathlib import Path

from tests.browser.support import crawl, serve_directory
from tests.conftest import SAMPLE, run_build


def test_crawl_every_page_under_a_sub_path(browser, tmp_path: Path):
    out = tmp_path / "site"
    assert run_build(SAMPLE, out, base_url="https://example.org/scholing/").ok
    with serve_directory(out, mount="/scholing/") as start:
        context = browser.new_context()
        page = context.new_page()
        failures: list[str] = []
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
        seen = crawl(page, start, keep=lambda url: not url.endswith((".json", ".xml")))
        context.close()
    assert failures == []
    html_pages = len(list(out.rglob("index.html")))
    assert len(seen) >= html_pages - 1  # every page but the search page's own variants is linked

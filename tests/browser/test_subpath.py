"""Hosted under a sub-path: every page reachable from the home page, no 404s, no missing assets."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin

from tests.browser.support import serve_directory
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
        seen: set[str] = set()
        queue = [start]
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            page.goto(url)
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
                target = urldefrag(urljoin(url, href)).url
                if target.startswith(start) and not target.endswith((".json", ".xml")) and target not in seen:
                    queue.append(target)
        context.close()
    assert failures == []
    html_pages = len(list(out.rglob("index.html")))
    assert len(seen) >= html_pages - 1  # every page but the search page's own variants is linked

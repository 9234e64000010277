"""Hosted under a sub-path: every page reachable from the home page, no 404s, no missing assets."""

from __future__ import annotations

from pathlib import Path

from tests.browser.support import crawl, serve_directory
from tests.conftest import SAMPLE, run_build

ASSET_REFERENCES = "link[href]:not([rel=canonical]):not([rel=alternate]), script[src], img[src]"


def test_crawl_every_page_under_a_sub_path(browser, tmp_path: Path):
    out = tmp_path / "site"
    assert run_build(SAMPLE, out, base_url="https://example.org/scholing/").ok
    with serve_directory(out, mount="/scholing/") as start:
        context = browser.new_context()
        page = context.new_page()
        failures: list[str] = []
        assets: set[str] = set()
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        # A request the next navigation cuts off (often the favicon) is aborted, not missing; the assets
        # are fetched one by one below, so nothing slips through.
        page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failures.append(f"{r.failure} {r.url}"))
        page.on("load", lambda p: assets.update(p.eval_on_selector_all(ASSET_REFERENCES, "els => els.map(e => e.href || e.src)")))
        seen = crawl(page, start, keep=lambda url: not url.endswith((".json", ".xml")))
        for asset in sorted(assets):
            status = context.request.get(asset).status
            if status != 200:
                failures.append(f"{status} {asset}")
        context.close()
    assert failures == []
    assert any(asset.endswith(".svg") for asset in assets) and any(asset.endswith(".css") for asset in assets)
    assert all(asset.startswith(start) for asset in assets), "an asset escapes the sub-path"
    html_pages = len(list(out.rglob("index.html")))
    assert len(seen) >= html_pages - 1  # every page but the search page's own variants is linked

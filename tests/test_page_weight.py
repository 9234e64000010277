"""Page weight per page type (HTML + CSS + JS, gzip), printed; course pages must stay light and work without JS."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

COURSE_PAGE_LIMIT = 20 * 1024  # HTML + CSS, gzip
PAGE_TYPES = {
    "home": "index.html",
    "situatie": "situaties/eigen-werk/index.html",
    "opleidingen": "opleidingen/index.html",
    "opleiding": "opleidingen/verpleegkundige-mbo4-bbl/index.html",
    "sector": "sectoren/zorg/index.html",
    "plaats": "plaatsen/emmen/index.html",
    "regeling": "regelingen/slim/index.html",
    "zoeken": "zoeken/index.html",
    "404": "404.html",
}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, mtime=0))


def weights(site: Path, page: str) -> tuple[int, int, int]:
    html = (site / page).read_bytes()
    text = html.decode()
    css = sum(gz((site / h.lstrip("/")).read_bytes()) for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', text))
    js = sum(gz((site / s.lstrip("/")).read_bytes()) for s in re.findall(r'<script src="([^"]+)"', text))
    return gz(html), css, js


def test_page_weight_per_page_type(built_site: Path, capsys):
    rows = {name: weights(built_site, page) for name, page in PAGE_TYPES.items()}
    with capsys.disabled():
        print(f"\n{'pagina':<12} {'HTML':>7} {'CSS':>7} {'JS':>7}   (bytes, gzip)")
        for name, (html, css, js) in rows.items():
            print(f"{name:<12} {html:>7} {css:>7} {js:>7}")
    for page in sorted((built_site / "opleidingen").glob("*/index.html")):
        html, css, _ = weights(built_site, str(page.relative_to(built_site)))
        assert html + css <= COURSE_PAGE_LIMIT, f"{page}: {html + css} bytes"


def test_course_pages_show_their_content_without_javascript(built_site: Path):
    for page in sorted((built_site / "opleidingen").glob("*/index.html")):
        html = page.read_text()
        static = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        assert "<h1>" in static and "In het kort" in static and "Over de opleiding" in static, page
        assert re.search(r'class="button button--large" href="https?://', static), page

"""Search figures for synthetic catalogues, side by side with Pagefind on the same built site (prints; never fails on time).

Usage: python scripts/benchmark_search.py [--no-pagefind] [SIZE ...]     (`make benchmark`; default 1000 10000 50000)

Catalogues are made as in scripts/benchmark_build.py (the sample's courses copied with varied titles,
seeded) and built with `scholing build`. For ours, the browser's own engine runs in Node on the built
files; for Pagefind (npm package `pagefind`, installed on first use into .bench-pagefind/, never into
the site's dependencies) its own pagefind.js runs in headless Chromium against the same site, served
locally. Bytes are gzip as a host sends them: the search page, its stylesheet and scripts, index parts
and the records of the results shown (ours: what search.js fetches: the facet values the filters count,
the records of the typed results and of the first 60 courses; Pagefind: its UI's first 5 result fragments).
The machine is shared: compare within one run.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_build import TODAY, make_catalogue, scholing  # noqa: E402

QUERIES = [
    "verpleegkundige",
    "lassen",
    "financiele administratie",
    "excel",
    "zorg drenthe",
    "iso27001",
    "heftruck",
    "timmerman",
    "privacy",
    "warmtepomp",
]
SHOWN = 20  # our search page shows results 20 at a time
PAGEFIND_SHOWN = 5  # Pagefind's UI loads 5 result fragments first
PAGEFIND = "pagefind@1.6.0"
PAGEFIND_DIR = ROOT / ".bench-pagefind"
GOALS_KB = {10_000: 100, 50_000: 300}
ASSET = re.compile(r'(?:href|src)="([^"]+\.(?:css|js))"')


def gzip_size(data: bytes) -> int:
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data))


def site_file(site: Path, page_folder: Path, link: str) -> Path:
    return site / link.lstrip("/") if link.startswith("/") else (page_folder / link).resolve()


def page_bytes(site: Path) -> tuple[int, int]:
    """(gzip bytes of the search page with its stylesheet and scripts, of the search scripts loaded on first use)."""
    page = site / "zoeken" / "index.html"
    html = page.read_text(encoding="utf-8")
    files = {site_file(site, page.parent, link) for link in ASSET.findall(html)}
    files = {f for f in files if "lunr" not in f.name and "search-engine" not in f.name}
    scripts = re.search(r'data-search-scripts="([^"]+)"', html).group(1).split()
    lazy = {site_file(site, page.parent, src) for src in scripts}
    static = gzip_size(page.read_bytes()) + sum(gzip_size(f.read_bytes()) for f in files)
    return static, sum(gzip_size(f.read_bytes()) for f in lazy)


def search_meta(site: Path) -> str:
    html = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'data-search="([^"]+)"', html).group(1)
    return str(site_file(site, site / "zoeken", meta).resolve().relative_to(site.resolve()))


def ours(site: Path) -> list[dict]:
    command = ["node", str(ROOT / "scripts" / "benchmark_search.js"), str(site), search_meta(site), json.dumps(QUERIES), str(SHOWN)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def pagefind_binary() -> Path | None:
    binary = PAGEFIND_DIR / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        command = ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(PAGEFIND_DIR), PAGEFIND]
        if subprocess.run(command).returncode != 0:
            print("Pagefind not installed; no Pagefind figures.", file=sys.stderr)
            return None
    return binary


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: list[str] = []

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        CountingHandler.served.append(self.path.split("?")[0])
        return super().send_head()


PAGEFIND_PROBE = """async ([query, shown, typed]) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const started = performance.now();
  const texts = typed ? Array.from({length: query.length}, (_, n) => query.slice(0, n + 1)) : [query];
  let hits = 0;
  for (const text of texts) {
    const search = await pagefind.search(text);
    await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
    hits = search.results.length;
  }
  return {ms: performance.now() - started, hits};
}"""


def pagefind(site: Path, binary: Path) -> dict:
    started = time.perf_counter()
    subprocess.run([str(binary), "--site", str(site)], check=True, capture_output=True)
    build_seconds = time.perf_counter() - started
    index_files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for query in QUERIES:
                row = {"query": query}
                for typed in (False, True):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(base + "/zoeken/")
                    page.wait_for_load_state("networkidle")
                    CountingHandler.served = []
                    answer = page.evaluate(PAGEFIND_PROBE, [query, PAGEFIND_SHOWN, typed])
                    fetched = sum(gzip_size((site / p.lstrip("/")).read_bytes()) for p in set(CountingHandler.served))
                    key = "typed" if typed else "first"
                    row[f"{key}_gzip"], row[f"{key}_ms"], row["hits"] = fetched, answer["ms"], answer["hits"]
                    context.close()
                rows.append(row)
            browser.close()
    finally:
        server.shutdown()
    return {
        "build": build_seconds,
        "size": sum(f.stat().st_size for f in index_files),
        "files": len(index_files),
        "rows": rows,
    }


# The index step once more on its own, after the site build: wall and CPU seconds of this process, because
# the machine is shared and wall time under load says more about the neighbours than about the code.
INDEX_CHILD = """
import json, sys, time, datetime as dt
from pathlib import Path
from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search import build_search_files
today = dt.date.fromisoformat(sys.argv[2])
catalogue = build_catalogue(load_content(Path(sys.argv[1]), Problems(), today), today)
wall, cpu = time.perf_counter(), time.process_time()
build_search_files(catalogue, Path(sys.argv[3]))
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))
"""


def index_alone(content: Path) -> dict:
    command = [sys.executable, "-c", INDEX_CHILD, str(content), TODAY, str(ROOT / "node_modules")]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout.splitlines()[-1])


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def percentile(values: list[float], share: float) -> float:
    return sorted(values)[int(len(values) * share)]


def spread(values: list[float]) -> str:
    return f"{kb(statistics.median(values))} / {kb(max(values))}"


def main(sizes: list[int], with_pagefind: bool = True) -> int:
    binary = pagefind_binary() if with_pagefind else None
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-search-{size}-"))
        try:
            site = folder / "site"
            content = make_catalogue(size, folder)
            built = scholing("build", content, site)
            alone = index_alone(content)
            search_files = [f for f in (site / "assets" / "search").iterdir() if f.is_file()]  # the course index
            raw = sum(f.stat().st_size for f in search_files)
            gz = sum(gzip_size(f.read_bytes()) for f in search_files)
            skills_files = [f for f in (site / "assets" / "search" / "vaardigheden").glob("*") if f.is_file()]
            static, scripts = page_bytes(site)
            rows = ours(site)
            first = [static + scripts + r["first_gzip"] for r in rows]
            typed = [static + scripts + r["typed_gzip"] for r in rows]
            warm = [t for r in rows for t in r["warm_keystroke_ms"]]
            cold = [t for r in rows for t in r["cold_keystroke_ms"]]
            cold_cpu = [t for r in rows for t in r["cold_keystroke_cpu_ms"]]
            index_step = built["steps"].get("index", float("nan"))
            load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
            print(f"\n== {size:,} courses ({built['pages']:,} pages); load average {load} on {os.cpu_count()} cores ==")
            print(f"Scholingsgids: index build {index_step:.2f} s (step of a {built['seconds']:.1f} s site build);"
                  f" on its own: {alone['wall']:.2f} s wall, {alone['cpu']:.2f} s CPU")
            print(f"  index: {len(search_files):,} files, {kb(raw)} KB raw, {kb(gz)} KB gzip")
            if skills_files:
                skills_raw = sum(f.stat().st_size for f in skills_files)
                skills_gz = sum(gzip_size(f.read_bytes()) for f in skills_files)
                print(f"  skills and occupations index (separate, fetched by need): {len(skills_files):,} files,"
                      f" {kb(skills_raw)} KB raw, {kb(skills_gz)} KB gzip")
            print(f"  search page + stylesheet + page scripts {kb(static)} KB gz;"
                  f" lunr, lunr-languages nl, engine on first use {kb(scripts)} KB gz")
            print(f"  first search, all bytes incl. page (median / max KB gz): {spread(first)}; typed letter by letter: {spread(typed)}")
            print(f"  keystroke to results in Node, in a typing session (parts read from disk and decoded as needed):"
                  f" median {statistics.median(cold):.2f} ms, p90 {percentile(cold, 0.9):.2f} ms;"
                  f" CPU time of Node: median {statistics.median(cold_cpu):.2f} ms, p90 {percentile(cold_cpu, 0.9):.2f} ms")
            print(f"  the same with a fresh engine per keystroke (every part decoded again):"
                  f" median {statistics.median(warm):.2f} ms, p90 {percentile(warm, 0.9):.2f} ms")
            for r in rows:
                print(f"    {r['query']:<26} {r['hits']:>6} hits  first {kb(static + scripts + r['first_gzip']):>6} KB"
                      f" ({r['first_files']} parts)  typed {kb(static + scripts + r['typed_gzip']):>6} KB  {r['first_ms']:.1f} ms")
            if binary is not None:
                pf = pagefind(site, binary)
                pf_first = [static + r["first_gzip"] for r in pf["rows"]]
                pf_typed = [static + r["typed_gzip"] for r in pf["rows"]]
                print(f"Pagefind: build {pf['build']:.1f} s; index {pf['files']:,} files, {kb(pf['size'])} KB (already gzip)")
                print(f"  first search, all bytes incl. the same page (median / max KB gz): {spread(pf_first)};"
                      f" typed letter by letter: {spread(pf_typed)}")
                first_ms = statistics.median(r["first_ms"] for r in pf["rows"])
                typed_ms = statistics.median(r["typed_ms"] for r in pf["rows"])
                print(f"  query in Chromium (localhost; first / whole typed session, median): {first_ms:.0f} ms / {typed_ms:.0f} ms")
                for r in pf["rows"]:
                    print(f"    {r['query']:<26} {r['hits']:>6} hits  first {kb(static + r['first_gzip']):>6} KB"
                          f"  typed {kb(static + r['typed_gzip']):>6} KB")
                print(f"  ours / Pagefind, first search median: {statistics.median(first) / statistics.median(pf_first):.2f},"
                      f" max: {max(first) / max(pf_first):.2f}")
            if size in GOALS_KB:
                goal = GOALS_KB[size]
                verdict = "ok" if max(first) <= goal * 1024 else "MISSED"
                print(f"  goal: first search <= {goal} KB gz (max over the queries): {verdict}")
            if size == 10_000:
                print(f"  goal: median keystroke <= 5 ms in Node: {'ok' if statistics.median(cold) <= 5 else 'MISSED'} (wall),"
                      f" {'ok' if statistics.median(cold_cpu) <= 5 else 'MISSED'} (CPU)")
                print(f"  goal: index build <= 5 s: {'ok' if index_step <= 5 else 'MISSED'} (in the build, wall),"
                      f" {'ok' if alone['wall'] <= 5 else 'MISSED'} (alone, wall), {'ok' if alone['cpu'] <= 5 else 'MISSED'} (alone, CPU)")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sys.exit(main([int(a) for a in arguments if a != "--no-pagefind"] or [1000, 10000, 50000], "--no-pagefind" not in arguments))

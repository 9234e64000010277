"""Search index figures for synthetic catalogues of 1,000 and 10,000 courses (prints; never fails on time).

Usage: python scripts/benchmark_search.py [SIZE ...]     (`make benchmark`)
Courses are the sample's, repeated with varied titles and keywords from a fixed seed, so runs compare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.config import find_node_modules  # noqa: E402
from builder.content import load_content  # noqa: E402
from builder.model import build_catalogue  # noqa: E402
from builder.problems import Problems  # noqa: E402
from builder.search.index import build_search_files  # noqa: E402

TODAY = dt.date(2026, 11, 23)
QUERIES = ["verpleegkundige", "lassen", "financiele administratie", "verpl", "excel", "zorg drenthe", "iso27001", "heftruck"]
EXTRA_WORDS = [
    "basis",
    "gevorderd",
    "praktijk",
    "avond",
    "online",
    "intensief",
    "module",
    "vervolg",
    "specialist",
    "noord",
    "regio",
    "werkplaats",
]


def synthetic(catalogue, size: int):
    rng = random.Random(size)
    base = catalogue.courses
    courses = []
    for n in range(size):
        source = base[n % len(base)]
        words = rng.sample(EXTRA_WORDS, 2)
        courses.append(
            dataclasses.replace(
                source,
                id=f"{source.id}-{n}",
                title=f"{source.title} {words[0]} {n}",
                keywords=(*source.keywords, words[1]),
            )
        )
    return dataclasses.replace(catalogue, courses=tuple(courses))


def node_figures(index_path: Path) -> dict:
    script = ROOT / "scripts" / "benchmark_search.js"
    completed = subprocess.run(["node", str(script), str(index_path), json.dumps(QUERIES)], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def main(sizes: list[int]) -> int:
    node_modules = find_node_modules(ROOT)
    catalogue = build_catalogue(load_content(ROOT / "content", Problems(), TODAY), TODAY)
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    print(f"{'courses':>8} {'build s':>8} {'index KB':>9} {'gzip KB':>8} {'data KB':>8} {'gzip KB':>8} {'load ms':>8} {'query ms':>9}")
    try:
        for size in sizes:
            big = synthetic(catalogue, size)
            started = time.perf_counter()
            files = build_search_files(big, node_modules)
            seconds = time.perf_counter() - started
            index = files.files[files.urls["index"]]
            data = files.files[files.urls["data"]]
            index_path = workdir / f"index-{size}.json"
            index_path.write_bytes(index)
            figures = node_figures(index_path)
            print(
                f"{size:>8} {seconds:>8.1f} {len(index) / 1024:>9.0f} {len(gzip.compress(index)) / 1024:>8.0f}"
                f" {len(data) / 1024:>8.0f} {len(gzip.compress(data)) / 1024:>8.0f}"
                f" {figures['load_ms']:>8.0f} {figures['median_query_ms']:>9.2f}"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1000, 10000]))

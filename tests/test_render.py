"""Rendering: the same bytes whatever the number of worker processes, streamed straight into the output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from builder.render import worker_count
from tests.conftest import SAMPLE, run_build


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_course_copies(content: Path, count: int) -> None:
    """More pages than one batch per worker, so batches really are spread over processes."""
    sources = sorted((content / "courses").glob("*.yaml"))
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        title = json.dumps(f"Kopie {n} van {yaml.safe_load(text)['title']}")
        text = re.sub(r"^title:.*$", lambda _, title=title: f"title: {title}", text, count=1, flags=re.MULTILINE)
        (content / "courses" / f"{source.stem}-kopie-{n}.yaml").write_text(text, encoding="utf-8")


def test_one_and_two_workers_write_identical_bytes(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    add_course_copies(content, 150)
    one = run_build(content, tmp_path / "one", workers=1)
    two = run_build(content, tmp_path / "two", workers=2)
    assert one.ok and two.ok, [p.format() for p in one.problems.errors + two.problems.errors]
    assert one.pages > 250
    first, second = site_files(tmp_path / "one"), site_files(tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_small_sites_render_in_one_process(monkeypatch):
    monkeypatch.delenv("SCHOLING_WORKERS", raising=False)
    assert worker_count(150) == 1
    assert worker_count(150, requested=2) == 2
    monkeypatch.setenv("SCHOLING_WORKERS", "3")
    assert worker_count(10) == 3

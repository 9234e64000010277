"""Incremental rebuilds (`scholing serve`): after any sequence of edits, the same bytes as a full build."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

import builder.model
from builder.config import make_options
from builder.incremental import IncrementalBuilder
from builder.linkcheck import page_links
from tests.conftest import SAMPLE, SAMPLE_TODAY, TEMPLATES, run_build

RELOAD = "http://127.0.0.1:8000/livereload.js?port=8000"
BASE = "http://127.0.0.1:8000/"


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def set_line(path: Path, key: str, value: str) -> None:
    """Replace the top-level `key:` line of a YAML file or front matter with a new single-line value."""
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    new, count = re.subn(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{key} not in {path}"
    path.write_text(new, encoding="utf-8")


def published_courses(content: Path) -> list[Path]:
    return sorted(p for p in (content / "courses").glob("*.yaml") if not yaml.safe_load(p.read_text(encoding="utf-8")).get("draft"))


def add_course(content: Path, rng: random.Random, n: int) -> str:
    source = rng.choice(published_courses(content))
    target = content / "courses" / f"nieuw-{n}.yaml"
    shutil.copy(source, target)
    set_line(target, "title", f"Nieuwe opleiding {n}")
    return f"added {target.stem}"


def change_course(content: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(published_courses(content))
    set_line(path, rng.choice(["title", "summary"]), f"Gewijzigd {n}: {rng.random():.6f}")
    return f"changed {path.stem}"


def delete_course(content: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(published_courses(content))
    path.unlink()
    return f"deleted {path.stem}"


def change_provider(content: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(sorted((content / "providers").glob("*.yaml")))
    set_line(path, "name", f"Opleider {n} (voorbeeld)")
    return f"renamed provider {path.stem}"


def change_situation(content: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(sorted((content / "situations").glob("*.md")))
    set_line(path, "summary", f"Een nieuwe samenvatting, versie {n}.")
    return f"changed situation {path.stem}"


def file_states(content: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in content.rglob("*") if p.is_file()}


def touched(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """What a file watcher would name: files written, added or deleted."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def engine_on_sample(tmp_path: Path) -> tuple[Path, IncrementalBuilder]:
    """A private copy of the sample, built once into tmp_path/live by a new engine."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    engine = IncrementalBuilder(make_options(content, TEMPLATES, tmp_path / "live", today=SAMPLE_TODAY))
    assert engine.rebuild().ok
    return content, engine


EDITS = [add_course, change_course, delete_course, change_provider, change_situation]


@pytest.mark.parametrize("place_limit", [None, 12], ids=["places-whole", "places-cut"])
def test_random_edits_give_the_bytes_of_a_full_build(tmp_path: Path, monkeypatch, place_limit: int | None):
    if place_limit is not None:  # place pages that link the places they have no room for, as at national size
        monkeypatch.setattr(builder.model, "PLACE_PAGE_COURSES", place_limit)
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    options = make_options(content, TEMPLATES, tmp_path / "live", today=SAMPLE_TODAY, base_url=BASE, live_reload_script=RELOAD)
    engine = IncrementalBuilder(options)
    first = engine.rebuild()
    assert first.ok and first.rendered == first.pages
    rng = random.Random(9)
    plan = EDITS + [rng.choice([add_course, change_course, delete_course, change_course]) for _ in range(5)] + EDITS
    partial_rebuilds = 0
    for n, edit in enumerate(plan):
        before = file_states(content)
        done = edit(content, rng, n)
        # every other time told what changed, as the preview's watcher tells it (None: it looks at every file)
        changed = touched(before, file_states(content)) if n % 2 else None
        # as `scholing serve` does: pages first, then search data, feed, sitemap and open data (`finish`);
        # every third time the second phase is overtaken by the next rebuild (a save during phase 1)
        way = ("both", "deferred", "overtaken")[n % 3]
        result = engine.rebuild(defer=way != "both", changed=changed)
        assert result.ok, (done, [p.format() for p in result.problems.errors])
        if edit in (add_course, change_course, delete_course):
            assert result.rendered < result.pages / 2, f"{done}: {result.rendered} of {result.pages} pages rendered"
            assert (engine.pending is not None) == (way != "both"), done
            partial_rebuilds += 1
        if way == "deferred":
            assert engine.finish().ok and engine.pending is None, done
        elif way == "overtaken":  # a save of nothing new: what phase 1 left for phase 2 is rendered now
            assert engine.rebuild(changed=None if changed is None else []).ok and engine.pending is None, done
        full = run_build(content, tmp_path / f"full-{n}", base_url=BASE, live_reload_script=RELOAD)
        assert full.ok
        live, expected = site_files(tmp_path / "live"), site_files(tmp_path / f"full-{n}")
        assert sorted(live) == sorted(expected), (done, sorted(set(live) ^ set(expected))[:10])
        assert [path for path in expected if live[path] != expected[path]] == [], done
        # what the next link check knows of each page (its cards read apart) is what the page itself holds
        assert engine.site is not None
        assert [path for path, known in engine.site.pages.items() if known != page_links(live[path])] == [], done
        shutil.rmtree(tmp_path / f"full-{n}")
    assert partial_rebuilds >= 5


def test_nothing_is_written_while_the_content_is_wrong(tmp_path: Path):
    content, engine = engine_on_sample(tmp_path)
    before = site_files(tmp_path / "live")
    path = published_courses(content)[0]
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("level:", "niveau:", 1), encoding="utf-8")
    result = engine.rebuild()
    assert not result.ok and result.problems.errors[0].path == path
    assert site_files(tmp_path / "live") == before
    path.write_text(good, encoding="utf-8")
    set_line(path, "title", "Weer goed")
    assert engine.rebuild().ok
    assert "Weer goed" in (tmp_path / "live/opleidingen" / path.stem / "index.html").read_text(encoding="utf-8")


def test_a_link_to_a_deleted_course_is_caught_on_a_page_not_rendered_again(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    course = published_courses(content)[0]
    about = content / "pages" / "over.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\nZie ook [deze opleiding](/opleidingen/{course.stem}/).\n", encoding="utf-8")
    engine = IncrementalBuilder(make_options(content, TEMPLATES, tmp_path / "live", today=SAMPLE_TODAY))
    assert engine.rebuild().ok
    before = site_files(tmp_path / "live")
    course.unlink()
    result = engine.rebuild()
    assert not result.ok
    assert [(p.path, p.message) for p in result.problems.errors] == [
        (tmp_path / "live/over/index.html", f"link '/opleidingen/{course.stem}/' bestaat niet.")
    ]
    assert site_files(tmp_path / "live") == before


def test_an_unchanged_course_is_checked_again_when_what_it_names_is_gone(tmp_path: Path):
    """The schema's verdict on an unchanged file is kept between rebuilds only while the ids it may name stay."""
    content, engine = engine_on_sample(tmp_path)
    course = published_courses(content)[0]
    provider = yaml.safe_load(course.read_text(encoding="utf-8"))["provider"]
    provider_file = content / "providers" / f"{provider}.yaml"
    kept = provider_file.read_text(encoding="utf-8")
    provider_file.unlink()
    result = engine.rebuild()
    assert not result.ok
    assert course in {p.path for p in result.problems.errors}
    provider_file.write_text(kept, encoding="utf-8")
    assert engine.rebuild().ok


def test_a_save_shows_first_on_the_pages_that_show_the_course(tmp_path: Path):
    """Phase 1 renders the pages that show an added, changed or deleted course; pages that changed only because
    other courses moved or were counted (overviews, the home page) follow in phase 2, which ends at a full build."""
    content, engine = engine_on_sample(tmp_path)
    before = site_files(tmp_path / "live")
    source = published_courses(content)[-1]
    shutil.copy(source, content / "courses" / "aaa-nieuw.yaml")
    set_line(content / "courses" / "aaa-nieuw.yaml", "title", "Aaa nieuwe opleiding")  # first in every list by title

    result = engine.rebuild(defer=True)
    assert result.ok and engine.pending is not None
    live = site_files(tmp_path / "live")
    assert "Aaa nieuwe opleiding" in live["opleidingen/aaa-nieuw/index.html"].decode()
    assert 'href="/opleidingen/aaa-nieuw/"' in live["opleidingen/index.html"].decode()
    deferred = engine.pending.deferred
    assert deferred and result.rendered > 0

    assert engine.finish().ok
    assert run_build(content, tmp_path / "full").ok
    expected = site_files(tmp_path / "full")
    assert site_files(tmp_path / "live") == expected
    changed = {path for path, data in expected.items() if path.endswith(".html") and before.get(path) != data}
    shows = {path for path in changed if b'href="/opleidingen/aaa-nieuw/"' in expected[path]}
    assert sorted(set(deferred) & shows) == [], "a deferred page shows the new course"
    assert shows - {"opleidingen/aaa-nieuw/index.html"}, "the course is on list pages too"


def test_a_rebuild_told_what_changed_reads_only_that(tmp_path: Path):
    """`scholing serve` passes the watcher's paths: other files are taken as last read, named ones are read again."""
    content, engine = engine_on_sample(tmp_path)
    course = published_courses(content)[0]
    page = tmp_path / "live" / "opleidingen" / course.stem / "index.html"
    set_line(course, "title", "Niet gemeld")
    assert engine.rebuild(changed=[str(content / "courses" / "iets-anders.yaml")]).ok
    assert "Niet gemeld" not in page.read_text(encoding="utf-8")  # not named: taken as last read
    assert engine.rebuild(changed=[str(course)]).ok
    assert "Niet gemeld" in page.read_text(encoding="utf-8")
    added = content / "courses" / "nieuw-gemeld.yaml"
    shutil.copy(course, added)
    set_line(added, "title", "Nieuw gemeld")
    assert engine.rebuild(changed=[str(added)]).ok  # a new file is read whatever the watcher says
    assert (tmp_path / "live" / "opleidingen" / "nieuw-gemeld" / "index.html").is_file()


def test_a_folder_moved_away_is_listed_again(tmp_path: Path):
    """The watcher names only the folder when a folder of courses is moved out: its courses are gone."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    archive = content / "courses" / "archief"
    archive.mkdir()
    course = published_courses(content)[0]
    shutil.copy(course, archive / "in-archief.yaml")
    set_line(archive / "in-archief.yaml", "title", "In het archief")
    engine = IncrementalBuilder(make_options(content, TEMPLATES, tmp_path / "live", today=SAMPLE_TODAY))
    assert engine.rebuild().ok
    assert (tmp_path / "live" / "opleidingen" / "in-archief" / "index.html").is_file()
    archive.rename(tmp_path / "archief")
    assert engine.rebuild(changed=[str(archive)]).ok
    assert not (tmp_path / "live" / "opleidingen" / "in-archief").exists()

"""The summary after a build tells an editor what changed, in the words of what happened."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import end_course, run_build


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_build_then_every_kind_of_change(content_copy: Path, tmp_path: Path):
    out = tmp_path / "site"
    first = run_build(content_copy, out)
    assert first.ok and first.changes is not None and first.changes.first_build
    assert "scholing serve" in first.changes.lines("met 'scholing serve'")[0]

    courses = content_copy / "courses"
    shutil.copy(courses / "vca-basis.yaml", courses / "vca-vol.yaml")
    replace(courses / "vca-vol.yaml", "title: 'VCA Basis", "title: 'VCA Vol")
    replace(courses / "excel-gevorderd.yaml", "summary: ", "summary: Vernieuwd. ")
    end_course(content_copy, "barista")
    (courses / "steigerbouwer.yaml").write_text(
        (courses / "steigerbouwer.yaml").read_text(encoding="utf-8") + "status: beeindigd\n", encoding="utf-8"
    )
    (courses / "timmerman-bbl.yaml").unlink()

    second = run_build(content_copy, out)
    assert second.ok, [p.format() for p in second.problems.errors]
    changes = second.changes
    assert changes is not None and not changes.first_build
    assert changes.added == ["vca-vol"]
    assert "excel-gevorderd" in changes.changed
    assert changes.ended == ["barista"]
    assert changes.withdrawn == ["steigerbouwer"]
    assert changes.removed == ["timmerman-bbl"]
    text = "\n".join(changes.lines("met 'scholing serve'"))
    assert "geen nieuwe startdatum meer (pagina blijft, niet meer in de lijsten): 1 (barista)" in text
    assert "beëindigd met 'status: beeindigd' (pagina blijft, niet meer in de lijsten): 1 (steigerbouwer)" in text
    assert "verdwenen: 1 (timmerman-bbl)" in text

    third = run_build(content_copy, out)
    assert third.changes is not None and "opleidingen: niets veranderd" in "\n".join(third.changes.lines(""))

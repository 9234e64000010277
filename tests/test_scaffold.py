"""`scholing new ...`: skeletons that explain every field and can never publish placeholder text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.scaffold import TYPES, new_content
from tests.conftest import TEMPLATES
from tests.test_content import problems_for


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_fresh_course_then_build_does_not_publish_it(content_copy: Path, tmp_path: Path):
    assert invoke("new", "course", "x", "--content", str(content_copy)).exit_code == 0
    out = tmp_path / "site"
    result = invoke("build", "--content", str(content_copy), "--templates", str(TEMPLATES), "--out", str(out), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert not (out / "opleidingen/x").exists()
    assert "/opleidingen/x/" not in (out / "sitemap.xml").read_text() + (out / "data/opleidingen.json").read_text()
    assert "Naam van de opleiding" not in (out / "index.html").read_text() + (out / "feed.xml").read_text()
    assert "melding: concept (draft: true): veld 'title' is nog niet ingevuld" in result.output


def test_course_with_placeholders_is_refused_even_without_draft(content_copy: Path):
    path = new_content(content_copy, "course", "x")
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    errors = problems_for(content_copy).errors
    assert errors and {p.path for p in errors} == {path}
    assert any(p.message == "veld 'title' is nog niet ingevuld: vervang «Naam van de opleiding» door de echte gegevens." for p in errors)


def test_filled_in_course_is_published_once_draft_goes(content_copy: Path):
    path = new_content(content_copy, "course", "nieuwe-cursus")
    text = path.read_text(encoding="utf-8").replace("draft: true\n", "")
    for placeholder, value in {
        "«Naam van de opleiding»": "Lassen voor beginners",
        "«id-van-de-aanbieder»": "techniekhuis-noord",
        "«Eén zin over wat je leert en voor wie het is»": "Leer lassen in tien avonden, voor iedereen die wil beginnen.",
        "«sector»": "techniek",
        "«niveau»": "geen",
        "«www.aanbieder.nl/opleiding»": "techniekhuis.example.org/lassen",
        "«Plaats»": "Assen",
    }.items():
        text = text.replace(placeholder, value)
    text = text.replace("  «Schrijf hier", "  Schrijf hier").replace("lijstjes.»", "lijstjes. In tien avonden leer je de basis.")
    path.write_text(text, encoding="utf-8")
    problems = problems_for(content_copy)
    assert [p.format() for p in problems.items if p.path == path] == []


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_every_skeleton_names_its_schema_and_is_refused_until_filled(content_copy: Path, kind: str):
    path = new_content(content_copy, kind, "nieuw-item")
    text = path.read_text(encoding="utf-8")
    assert f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json" in text
    problems = problems_for(content_copy)
    mine = [p for p in problems.items if p.path == path]
    assert mine and all("nog niet ingevuld" in p.message for p in mine)
    if kind == "course":
        assert problems.errors == []  # a draft never stops the build
    else:
        assert {p.path for p in problems.errors} == {path}


def test_new_refuses_bad_ids_existing_files_and_unknown_kinds(content_copy: Path):
    assert invoke("new", "provider", "Foute Naam", "--content", str(content_copy)).exit_code == 2
    assert invoke("new", "course", "vca-basis", "--content", str(content_copy)).exit_code == 2
    assert invoke("new", "cursus", "x", "--content", str(content_copy)).exit_code == 2
    ok = invoke("new", "situation", "herintreders", "--content", str(content_copy))
    assert ok.exit_code == 0 and (content_copy / "situations/herintreders.md").is_file()

"""The `scholing` command: exit codes 0 / 1 / 2 and messages an editor can act on."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from tests.conftest import TEMPLATES


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_build_succeeds_with_summary(content_copy: Path, tmp_path: Path):
    result = invoke(
        "build", "--content", str(content_copy), "--templates", str(TEMPLATES), "--out", str(tmp_path / "out"), "--today", "2026-11-23"
    )
    assert result.exit_code == 0, result.output
    assert "Klaar:" in result.output and "Zoekindex:" in result.output
    steps = ("lezen", "model", "zoekindex", "pagina's", "links", "schrijven")
    assert re.search("Tijd per stap: " + ", ".join(f"{step} [0-9.]+ s" for step in steps) + r"\.", result.output)
    assert (tmp_path / "out/index.html").is_file()


def test_content_error_exits_1_with_position(content_copy: Path, tmp_path: Path):
    path = content_copy / "courses/vca-basis.yaml"
    path.write_text(path.read_text().replace("level: geen", "levl: geen"))
    result = invoke("check", "--content", str(content_copy), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert "vca-basis.yaml:" in result.output and "onbekend veld 'levl'. Bedoelde je 'level'?" in result.output
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path: Path):
    assert invoke("build", "--content", str(tmp_path / "bestaat-niet")).exit_code == 2
    assert invoke("build", "--today", "gisteren").exit_code == 2
    assert invoke("build", "--base-url", "ftp://x").exit_code == 2


def test_strict_check_fails_on_warnings(content_copy: Path):
    path = content_copy / "courses/vca-basis.yaml"
    path.write_text(path.read_text().replace("certificate: diploma\n", ""))
    assert invoke("check", "--content", str(content_copy), "--today", "2026-11-23").exit_code == 0
    strict = invoke("check", "--strict", "--content", str(content_copy), "--today", "2026-11-23")
    assert strict.exit_code == 1 and "waarschuwing: aanbevolen veld 'certificate' ontbreekt" in strict.output


def test_new_course_refuses_bad_id(content_copy: Path):
    assert invoke("new", "course", "Foute Naam", "--content", str(content_copy)).exit_code == 2
    ok = invoke("new", "course", "goede-naam", "--content", str(content_copy))
    assert ok.exit_code == 0 and (content_copy / "courses/goede-naam.yaml").is_file()


def test_strict_build_a_year_later_publishes(tmp_path: Path):
    """Start dates passing and checks falling due are notices: CI with --strict keeps publishing."""
    from tests.conftest import SAMPLE

    out = str(tmp_path / "out")
    result = invoke("build", "--strict", "--content", str(SAMPLE), "--templates", str(TEMPLATES), "--out", out, "--today", "2027-11-23")
    assert result.exit_code == 0, result.output
    assert "× alle startdatums voorbij" in result.output and "melding:" not in result.output  # counted, not listed
    assert "waarschuwing:" not in result.output
    every = invoke(
        "build", "--strict", "--meldingen", "--content", str(SAMPLE), "--templates", str(TEMPLATES), "--out", out, "--today", "2027-11-23"
    )
    assert every.exit_code == 0 and "melding: alle startdatums liggen in het verleden" in every.output


def build_args(content: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out), "--today", "2026-11-23", *extra]


def site_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_full_disk_is_one_dutch_line_exit_1_and_the_old_site_stays(content_copy: Path, tmp_path: Path, monkeypatch):
    import pathlib

    out = tmp_path / "out"
    assert invoke(*build_args(content_copy, out)).exit_code == 0
    before = site_bytes(out)
    original = pathlib.Path.write_bytes

    def full(self, data):
        if ".out.new-" in str(self) and self.name != "index.html":
            raise OSError(28, "No space left on device", str(self))
        return original(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    for debug in ((), ("--debug",)):
        result = invoke(*build_args(content_copy, out, *debug))
        assert result.exit_code == 1, result.output
        last = result.output.strip().splitlines()[-1]
        assert last.startswith(f"Fout: de schijf is vol: de nieuwe site past niet in '{tmp_path}' (nodig: ongeveer ")
        assert last.endswith("De vorige versie van de site is niet aangeraakt.")
        assert ("Traceback" in result.output) == bool(debug)
        assert site_bytes(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]


def test_no_write_permission_names_the_folder(content_copy: Path, tmp_path: Path, monkeypatch):
    import tempfile

    out = tmp_path / "out"
    assert invoke(*build_args(content_copy, out)).exit_code == 0
    before = site_bytes(out)

    def refuse(*args, dir=None, **kwargs):
        raise PermissionError(13, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = invoke(*build_args(content_copy, out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Fout: kan niet schrijven in '{tmp_path}': geen toestemming (rechten ontbreken)." in result.output
    assert site_bytes(out) == before


def test_any_other_system_error_is_one_line_with_the_path(content_copy: Path, tmp_path: Path, monkeypatch):
    from builder import build as build_module

    out = tmp_path / "out"
    assert invoke(*build_args(content_copy, out)).exit_code == 0
    before = site_bytes(out)
    broken = TEMPLATES / "base.html"

    def unreadable(*args, **kwargs):
        raise OSError(5, "Input/output error", str(broken))

    monkeypatch.setattr(build_module, "collect_assets", unreadable)
    result = invoke(*build_args(content_copy, out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Fout: '{broken}': lees- of schrijffout van de schijf. De vorige versie van de site is niet aangeraakt." in result.output
    assert site_bytes(out) == before

"""Reading YAML: libyaml when PyYAML has it, with the same exact positions as the pure-Python parser;
and reading safely: hostile YAML, oversized files, links out of the content folder, read errors."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest
import yaml

from builder import schema, sources
from builder.content import load_content
from builder.problems import Problems
from tests.conftest import SAMPLE_TODAY

BROKEN = {
    "tab": ("title: Lassen\nkeywords:\n\t- mig\n", (3, 1), "er staat een tab op deze regel"),
    "colon": ("title: Lassen: MIG\n", (1, 8), 'Zet de hele tekst tussen aanhalingstekens: title: "Lassen: MIG"'),
    "flow": ("title: Lassen\nform: [klassikaal\nlevel: mbo-2\n", (2, 7), "Zet aan het eind een ']': form: [klassikaal]"),
}
GOOD = "title: Lassen\nprice:\n  amount: 250\n  vat: excluded\nstarts: [2027-01-05, 2027-03-01]\n"


@pytest.fixture(params=["libyaml", "python"])
def loader(request, monkeypatch):
    if request.param == "libyaml":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML without libyaml")
        monkeypatch.setattr(sources, "FastLoader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(sources, "FastLoader", yaml.SafeLoader)
        monkeypatch.setattr(sources, "_slow_reading_said", False)
    return request.param


def test_libyaml_is_used_when_available():
    if getattr(yaml, "__with_libyaml__", False):
        assert sources.FastLoader is yaml.CSafeLoader


def test_positions_of_keys_and_values(loader, tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text(GOOD, encoding="utf-8")
    problems = Problems()
    document = sources.read_yaml_file(path, problems)
    assert document is not None and problems.items == []
    assert document.data["price"] == {"amount": 250, "vat": "excluded"}
    assert document.where(("price", "vat")) == (4, 8)
    assert document.where(("price",), key=True) == (2, 1)
    assert document.where(("starts", 1)) == (5, 22)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_syntax_errors_name_the_same_line_and_column(loader, case: str, tmp_path: Path):
    text, position, words = BROKEN[case]
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert sources.read_yaml_file(path, problems) is None
    [error] = problems.errors
    assert (error.line, error.column) == position
    assert words in error.message


def test_markdown_front_matter_lines_count_from_the_file(loader, tmp_path: Path):
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: Over\ndescription: [x\n---\nTekst\n", encoding="utf-8")
    problems = Problems()
    assert sources.read_markdown_file(path, problems) is None
    assert problems.errors[0].line == 3  # where the '[' opened, counted from the top of the file


def test_slow_fallback_is_said_once(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sources, "FastLoader", yaml.SafeLoader)
    monkeypatch.setattr(sources, "_slow_reading_said", False)
    path = tmp_path / "c.yaml"
    path.write_text(GOOD, encoding="utf-8")
    for _ in range(3):
        sources.read_yaml_file(path, Problems())
    assert capsys.readouterr().err.count("zonder libyaml") == 1


def problems_for(content: Path) -> Problems:
    problems = Problems()
    load_content(content, problems, SAMPLE_TODAY)
    return problems


def billion_laughs(tag: str = "", levels: int = 9, width: int = 9) -> str:
    lines = ['lol0: &a0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: {tag}&a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def constructed_nodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the nodes the constructor visits: expansion would visit nine to the ninth of them."""
    calls: list[int] = []
    original = sources._Constructor.construct

    def counting(self, node, key_path, used_at=None):
        if self.document.path.name == "lachen.yaml":
            calls.append(1)
        return original(self, node, key_path, used_at)

    monkeypatch.setattr(sources._Constructor, "construct", counting)
    return calls


@pytest.mark.parametrize("tag", ["", "!!seq "])
def test_alias_bomb_is_refused_without_expanding(content_copy: Path, loader, tag: str, constructed_nodes):
    # with a tag before the anchor the value does not start with '&': only the node check stops it
    (content_copy / "courses/lachen.yaml").write_text(billion_laughs(tag), encoding="utf-8")
    other = content_copy / "courses/vca-basis.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("level: geen", "levl: geen"), encoding="utf-8")

    errors = problems_for(content_copy).errors
    bomb = [p for p in errors if p.path.name == "lachen.yaml"]
    assert bomb and bomb[0].line in (1, 2), [p.format() for p in errors]
    assert all("anker" in p.message for p in bomb), [p.format() for p in bomb]
    assert any(p.path.name == "vca-basis.yaml" and "levl" in p.message for p in errors)  # the rest is still checked
    assert 0 < len(constructed_nodes) < 100  # 9 anchors and 81 aliases, none expanded


def test_recursive_alias_and_deep_nesting_are_refused(tmp_path: Path, loader):
    problems = Problems()
    loop = tmp_path / "lus.yaml"
    loop.write_text("title: x\nlus: !!seq &a [1, *a]\n", encoding="utf-8")
    assert sources.read_yaml_file(loop, problems) is None
    deep = tmp_path / "diep.yaml"
    deep.write_text("a: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    assert sources.read_yaml_file(deep, problems) is None
    # libyaml's composer crashes the whole process (SIGSEGV) on these; they must never reach it
    flow = tmp_path / "heel-diep.yaml"
    flow.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert sources.read_yaml_file(flow, problems) is None
    block = tmp_path / "heel-diep-blok.yaml"
    block.write_text("a:\n" + "- " * 100_000 + "x\n", encoding="utf-8")
    assert sources.read_yaml_file(block, problems) is None
    messages = {p.path.name: p.message for p in problems.errors}
    assert "YAML-ankers" in messages["lus.yaml"]
    assert "te diep genest" in messages["diep.yaml"]
    assert "te diep in elkaar genest" in messages["heel-diep.yaml"]
    assert "te diep in elkaar genest" in messages["heel-diep-blok.yaml"]


def test_a_scalar_alias_is_refused_at_the_line_that_uses_it(tmp_path: Path, loader):
    path = tmp_path / "kort.yaml"
    path.write_text("naam: !!str &n Lassen\ntitel: *n\n", encoding="utf-8")
    problems = Problems()
    assert sources.read_yaml_file(path, problems) is None
    assert [(p.line, "YAML-ankers" in p.message) for p in problems.errors] == [(2, True)]


def test_oversized_file_is_refused_before_parsing(content_copy: Path, monkeypatch):
    big = content_copy / "courses/brochure.yaml"
    big.write_text("title: Brochure\ndescription: |\n" + ("  Een hele brochure, regel na regel.\n" * 40_000), encoding="utf-8")
    assert big.stat().st_size > schema.MAX_FILE_BYTES
    parsed: list[Path] = []
    original = sources.parse_yaml
    monkeypatch.setattr(sources, "parse_yaml", lambda path, *a, **k: parsed.append(path) or original(path, *a, **k))

    errors = problems_for(content_copy).errors
    assert big not in parsed
    [problem] = [p for p in errors if p.path == big]
    assert "te groot (1,5 MB); de grens is 1 MB" in problem.message
    assert [p for p in errors if p.path != big] == []


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the build opens, by its real path."""
    seen: list[str] = []

    def recording(original):
        def record(file, *args, **kwargs):
            if isinstance(file, str | bytes | os.PathLike):
                seen.append(os.path.realpath(file))
            return original(file, *args, **kwargs)

        return record

    monkeypatch.setattr(builtins, "open", recording(builtins.open))
    monkeypatch.setattr(io, "open", recording(io.open))
    monkeypatch.setattr(os, "open", recording(os.open))
    return seen


def test_links_out_of_the_content_folder_are_refused_and_never_read(content_copy: Path, tmp_path: Path, opened: list[str]):
    outside = tmp_path / "elders"
    outside.mkdir()
    secret = outside / "geheim.yaml"
    secret.write_text((content_copy / "courses/vca-basis.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (outside / "ook-geheim.yaml").write_text("title: x\n", encoding="utf-8")
    (content_copy / "courses/geheim.yaml").symlink_to(secret)
    (content_copy / "courses/wachtwoorden.yaml").symlink_to("/etc/passwd")
    (content_copy / "courses/map-elders").symlink_to(outside, target_is_directory=True)
    (content_copy / "sectors.yaml").unlink()
    (content_copy / "sectors.yaml").symlink_to(outside / "ook-geheim.yaml")
    # links that stay inside the content folder keep working
    (content_copy / "gedeeld").mkdir()
    (content_copy / "courses/vca-basis.yaml").rename(content_copy / "gedeeld/vca-basis.yaml")
    (content_copy / "courses/vca-basis.yaml").symlink_to(content_copy / "gedeeld/vca-basis.yaml")

    opened.clear()  # the files above were written by this test
    problems = problems_for(content_copy)
    refused = {p.path.name: p.message for p in problems.errors if "buiten de contentmap" in p.message}
    assert set(refused) == {"geheim.yaml", "wachtwoorden.yaml", "map-elders", "sectors.yaml"}, [p.format() for p in problems.errors]
    assert "vca-basis.yaml" not in refused  # a link that stays inside is read as usual
    assert "/etc/passwd" in refused["wachtwoorden.yaml"]
    real_outside = os.path.realpath(outside)
    assert [path for path in opened if path.startswith(real_outside) or path == "/etc/passwd"] == []
    assert os.path.realpath(content_copy / "gedeeld/vca-basis.yaml") in opened


def test_unreadable_file_is_one_dutch_problem_and_the_rest_is_checked(content_copy: Path, monkeypatch):
    locked = content_copy / "courses/vca-basis.yaml"
    original = builtins.open

    def refuse(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
        return original(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    other = content_copy / "courses/barista.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("form:", "vorm:"), encoding="utf-8")
    errors = problems_for(content_copy).errors
    [problem] = [p for p in errors if p.path == locked]
    assert problem.message == "het bestand kan niet gelezen worden: geen toestemming (rechten ontbreken)."
    assert any(p.path == other for p in errors)

"""Reading YAML: libyaml when PyYAML has it, with the same exact positions as the pure-Python parser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder import sources
from builder.problems import Problems

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

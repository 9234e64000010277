"""YAML mistakes editors make, each answered once, in Dutch, at the line of the mistake, with what to type."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_content import COURSE, line_of, only_error, problems_for, replace

PROVIDER = "providers/techniekhuis-noord.yaml"
SITUATION = "situations/werkzoekend.md"


def error_after(content: Path, file: str, old: str, new: str):
    replace(content / file, old, new)
    return only_error(problems_for(content))


def test_unclosed_quote_points_at_the_line_where_it_opened(content_copy: Path):
    error = error_after(content_copy, COURSE, "title: Basiscursus lassen MIG/MAG", 'title: "Basiscursus lassen MIG/MAG')
    assert error.line == line_of(content_copy / COURSE, "title:")
    assert error.message == (
        "YAML-fout: de tekst begint met \" maar wordt op deze regel niet afgesloten. "
        'Zet aan het eind ook een ": title: "Basiscursus lassen MIG/MAG"'
    )


def test_list_left_open_at_the_end_of_the_file_points_at_its_line(content_copy: Path):
    path = content_copy / COURSE
    path.write_text(path.read_text(encoding="utf-8") + "tags: [\n", encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert (error.line, error.column) == (line_of(path, "tags: ["), len("tags: ") + 1)
    assert "wordt nergens afgesloten. Zet aan het eind een ']': tags: []" in error.message


def test_unclosed_quote_on_the_first_line_is_not_reported_at_the_end(content_copy: Path):
    path = content_copy / COURSE
    text = path.read_text(encoding="utf-8").replace("# Voorbeelddata. Uitleg per veld: docs/content.md\n", "")
    path.write_text(text.replace("title: Basiscursus lassen MIG/MAG", "title: 'Basiscursus lassen"), encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert (error.line, error.column) == (1, len("title: ") + 1)
    assert "Zet aan het eind ook een ': title: 'Basiscursus lassen'" in error.message


def test_colon_in_plain_text_gives_the_quoted_line(content_copy: Path):
    error = error_after(content_copy, COURSE, "title: Basiscursus lassen MIG/MAG", "title: Lassen: de basis")
    assert error.line == line_of(content_copy / COURSE, "title:")
    assert error.message == (
        "YAML-fout: in de tekst staat een dubbele punt met een spatie erna (': '); YAML denkt dan dat er een nieuw veld begint. "
        'Zet de hele tekst tussen aanhalingstekens: title: "Lassen: de basis"'
    )


def test_colon_in_a_situation_gives_one_error_not_one_per_course(content_copy: Path):
    """A broken situation file used to make every course that names it fail as well (34 errors for one colon)."""
    error = error_after(content_copy, SITUATION, "audience: werkzoekenden en schoolverlaters", "audience: werkzoekenden: schoolverlaters")
    assert error.path == content_copy / SITUATION
    assert error.line == line_of(content_copy / SITUATION, "audience:")
    assert 'audience: "werkzoekenden: schoolverlaters"' in error.message


def test_tab_in_a_provider_gives_one_error(content_copy: Path):
    path = content_copy / PROVIDER
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("url:"))
    lines[index] = "\t" + lines[index]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert (error.path, error.line, error.column) == (path, index + 1, 1)
    assert error.message.startswith("YAML-fout: er staat een tab op deze regel. YAML wil spaties om in te springen")
    assert error.message.endswith(f"Zo is het goed: '{lines[index][1:]}'")  # a top-level field starts at the margin


def test_value_indented_too_far(content_copy: Path):
    path = content_copy / COURSE
    error = error_after(content_copy, COURSE, "duration: {amount: 8, unit: weken}", "duration:\n  amount: 8\n   unit: weken")
    assert error.line == line_of(path, "   unit: weken")
    assert error.message == (
        "YAML-fout: deze regel springt verder in dan de regel erboven. "
        "Velden van dezelfde groep beginnen precies onder elkaar: '  unit: weken'"
    )


def test_value_indented_too_little(content_copy: Path):
    path = content_copy / COURSE
    error = error_after(content_copy, COURSE, "duration: {amount: 8, unit: weken}", "duration:\n  amount: 8\n unit: weken")
    assert error.line == line_of(path, " unit: weken")
    assert error.message.endswith("Velden van dezelfde groep beginnen precies onder elkaar: '  unit: weken'")


def test_quoted_word_followed_by_more_text(content_copy: Path):
    error = error_after(content_copy, COURSE, "title: Basiscursus lassen MIG/MAG", 'title: "MIG/MAG" lassen voor beginners')
    assert error.line == line_of(content_copy / COURSE, "title:")
    assert error.message == (
        "YAML-fout: na de tekst tussen aanhalingstekens staat nog meer tekst. "
        "Zet de hele tekst tussen aanhalingstekens: title: '\"MIG/MAG\" lassen voor beginners'"
    )


def test_duplicate_key_names_both_lines(content_copy: Path):
    path = content_copy / COURSE
    error = error_after(content_copy, COURSE, "form: klassikaal", "form: klassikaal\nform: online")
    first = line_of(path, "form: klassikaal")
    assert error.line == first + 1
    assert error.message == f"veld 'form' staat er twee keer in (eerst op regel {first}). Haal een van de twee weg."


@pytest.mark.parametrize(
    ("value", "word"),
    [("*Nieuw* in 2027: lassen voor iedereen", "verwijzing (alias)"), ("&Nieuw lassen voor iedereen in 2027", "anker")],
)
def test_anchor_or_alias_in_text(content_copy: Path, value: str, word: str):
    error = error_after(content_copy, COURSE, "summary: Leer in acht avonden", f"summary: {value} Leer in acht avonden")
    assert error.line == line_of(content_copy / COURSE, "summary:")
    assert f"leest YAML als een {word}, niet als tekst" in error.message
    assert f'Zet de tekst tussen aanhalingstekens: summary: "{value} Leer in acht avonden' in error.message


def test_unclosed_list(content_copy: Path):
    error = error_after(content_copy, COURSE, "sectors: [techniek]", "sectors: [techniek")
    assert error.line == line_of(content_copy / COURSE, "sectors:")
    assert error.message.endswith("Zet aan het eind een ']': sectors: [techniek]")


def test_missing_space_after_colon(content_copy: Path):
    error = error_after(content_copy, COURSE, "form: klassikaal", "form:klassikaal")
    assert error.line == line_of(content_copy / COURSE, "form:klassikaal")
    assert error.message == "YAML-fout: na de dubbele punt moet een spatie staan: form: klassikaal"


def test_hash_in_unquoted_title_is_a_warning(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "title: Basiscursus lassen MIG/MAG", "title: Lassen - de basis #1")
    problems = problems_for(content_copy)
    assert problems.errors == []
    [warning] = problems.warnings
    assert warning.line == line_of(path, "title:")
    assert warning.code == "hekje"
    assert "de tekst wordt 'Lassen - de basis'" in warning.message
    assert 'title: "Lassen - de basis #1" [hekje]' in warning.message


def test_ordinary_comment_after_a_value_is_fine(content_copy: Path):
    replace(content_copy / COURSE, "level: geen", "level: geen  # geen diploma nodig")
    problems = problems_for(content_copy)
    assert problems.errors == [] and problems.warnings == []

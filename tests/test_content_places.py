"""places.yaml: every place has coordinates, once; mistakes named at file and line, with "Bedoelde je"."""

from __future__ import annotations

from pathlib import Path

from tests.test_content import line_of, only_error, only_warning, problems_for, replace


def test_region_place_missing_from_places_suggests_the_near_name(content_copy: Path):
    replace(content_copy / "places.yaml", "emmen: {name: Emmen,", "emmen: {name: Emen,")
    error = only_error(problems_for(content_copy))
    assert error.path == content_copy / "regions.yaml"
    assert error.line == line_of(content_copy / "regions.yaml", "Emmen")
    assert "plaats 'Emmen' staat niet in content/places.yaml. Bedoelde je 'Emen'?" in error.message
    assert "coördinaten" in error.message


def test_course_with_unknown_place_suggests_a_known_one(content_copy: Path):
    course = content_copy / "courses/basiscursus-lassen-mig-mag.yaml"
    replace(course, "locations: [Assen, Groningen]", "locations: [Asen, Groningen]")
    error = only_error(problems_for(content_copy))
    assert error.path == course and "onbekende plaats 'Asen'" in error.message and "Bedoelde je 'Assen'?" in error.message


def test_swapped_coordinates_are_a_warning_with_a_hint(content_copy: Path):
    path = content_copy / "places.yaml"
    replace(path, "lat: 52.77917, lon: 6.90694", "lat: 6.90694, lon: 52.77917")
    warning = only_warning(problems_for(content_copy))
    assert warning.path == path and warning.line == line_of(path, "emmen:")
    assert "buiten Nederland. Zijn lat en lon verwisseld?" in warning.message


def test_a_place_named_twice_is_an_error(content_copy: Path):
    path = content_copy / "places.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "emmen-centrum: {name: Emmen, municipality: Emmen, province: Drenthe, lat: 52.78, lon: 6.9}\n", encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "emmen-centrum:")
    assert "plaats 'Emmen' staat al in places.yaml als 'emmen'" in error.message


def test_unknown_province_lists_the_provinces(content_copy: Path):
    replace(content_copy / "places.yaml", "province: Drenthe, lat: 52.77917", "province: Drente, lat: 52.77917")
    error = only_error(problems_for(content_copy))
    assert "'Drente' is niet toegestaan" in error.message and "Drenthe" in error.message


def test_places_file_is_required(content_copy: Path):
    (content_copy / "places.yaml").unlink()
    messages = [p.message for p in problems_for(content_copy).errors]
    assert any("places.yaml ontbreekt" in m for m in messages), messages

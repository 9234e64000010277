"""Validation: every problem reported with file, line, column and a useful message."""

from __future__ import annotations

from pathlib import Path

from builder.content import load_content
from builder.problems import Problems
from tests.conftest import SAMPLE, SAMPLE_TODAY

COURSE = "courses/basiscursus-lassen-mig-mag.yaml"


def problems_for(content: Path) -> Problems:
    problems = Problems()
    load_content(content, problems, SAMPLE_TODAY)
    return problems


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def only_error(problems: Problems):
    assert len(problems.errors) == 1, [p.format() for p in problems.errors]
    return problems.errors[0]


def test_sample_content_is_valid_without_warnings():
    problems = problems_for(SAMPLE)
    assert problems.errors == []
    assert problems.warnings == []


def test_misspelled_key_names_line_and_suggests(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors:", "sectr:")
    problems = problems_for(content_copy)
    messages = [p.format(content_copy) for p in problems.errors]
    assert f"{COURSE}:{line_of(path, 'sectr:')}:1: onbekend veld 'sectr'. Bedoelde je 'sectors'?" in "\n".join(messages)
    assert any("verplicht veld 'sectors' ontbreekt" in m for m in messages)


def test_unknown_sector_suggests_by_alias(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors: [techniek]", "sectors: [verpleging]")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "sectors:")
    assert error.column == len("sectors: [") + 1
    assert "onbekende sector 'verpleging'. Bedoelde je 'zorg'?" in error.message
    assert "content/sectors.yaml" in error.message


def test_typo_in_reference_gets_did_you_mean(content_copy: Path):
    replace(content_copy / COURSE, "provider: techniekhuis-noord", "provider: techniekhuis-nord")
    error = only_error(problems_for(content_copy))
    assert "onbekende aanbieder 'techniekhuis-nord'. Bedoelde je 'techniekhuis-noord'?" in error.message


def test_wrong_choice_lists_what_is_allowed(content_copy: Path):
    replace(content_copy / COURSE, "form: klassikaal", "form: klasikaal")
    error = only_error(problems_for(content_copy))
    assert "veld 'form': 'klasikaal' is niet toegestaan. Bedoelde je 'klassikaal'?" in error.message
    assert "klassikaal, online, blended, werkend-leren" in error.message


def test_date_that_does_not_exist(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "last_checked: 2026-11-10", "last_checked: 2026-02-30")
    error = only_error(problems_for(content_copy))
    assert (error.line, error.column) == (line_of(path, "last_checked"), len("last_checked: ") + 1)
    assert "de datum '2026-02-30' bestaat niet" in error.message


def test_yaml_syntax_error_has_position(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "form: klassikaal", "form: [klassikaal")
    error = only_error(problems_for(content_copy))
    assert error.path == path and "YAML-fout" in error.message and error.line >= line_of(path, "form:")


def test_wrong_type_hints_at_quotes(content_copy: Path):
    replace(content_copy / COURSE, "title: Basiscursus lassen MIG/MAG", "title: 2027")
    error = only_error(problems_for(content_copy))
    assert "veld 'title' moet een tekst op één regel zijn, maar is een getal" in error.message


def test_empty_file_and_non_utf8_and_duplicate_key(content_copy: Path):
    (content_copy / "courses" / "leeg.yaml").write_text("", encoding="utf-8")
    (content_copy / "courses" / "latin.yaml").write_bytes("title: Caf\xe9\n".encode("latin-1"))
    path = content_copy / COURSE
    replace(path, "form: klassikaal", "form: klassikaal\nform: online")
    messages = {p.path.name: p for p in problems_for(content_copy).errors}
    assert messages["leeg.yaml"].message == "het bestand is leeg."
    assert "geen UTF-8" in messages["latin.yaml"].message and messages["latin.yaml"].column == 11
    assert "veld 'form' staat er twee keer in" in messages[path.name].message


def test_duplicate_ids_and_bad_file_names(content_copy: Path):
    source = content_copy / COURSE
    (content_copy / "courses" / "basiscursus-lassen-mig-mag.yml").write_bytes(source.read_bytes())
    (content_copy / "courses" / "Lassen Cursus.yaml").write_bytes(source.read_bytes())
    messages = [p.message for p in problems_for(content_copy).errors]
    assert any("dubbel id 'basiscursus-lassen-mig-mag'" in m for m in messages)
    assert any("bestandsnaam 'Lassen Cursus.yaml'" in m for m in messages)


def test_all_problems_reported_in_one_run(content_copy: Path):
    replace(content_copy / COURSE, "level: geen", "level: mbo-5")
    replace(content_copy / "courses/vca-basis.yaml", "url: https://", "url: javascript://")
    replace(content_copy / "providers/roc-wadden.yaml", "place: Leeuwarden", "place: Leewarden")
    problems = problems_for(content_copy)
    files = sorted({p.path.name for p in problems.errors})
    assert files == ["basiscursus-lassen-mig-mag.yaml", "roc-wadden.yaml", "vca-basis.yaml"]
    assert any("Bedoelde je 'Leeuwarden'?" in p.message for p in problems.errors)


def test_locations_required_unless_online(content_copy: Path):
    replace(content_copy / COURSE, "locations: [Assen, Groningen]\n", "")
    error = only_error(problems_for(content_copy))
    assert "veld 'locations' ontbreekt" in error.message


def test_warnings_for_past_starts_stale_check_and_missing_recommended(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "starts: [2026-12-07, 2027-01-18, 2027-03-29]", "starts: [2025-01-06]")
    replace(path, "last_checked: 2026-11-10", "last_checked: 2025-01-01")
    replace(path, "certificate: certificaat\n", "")
    warnings = [p.message for p in problems_for(content_copy).warnings]
    assert any("alle startdatums liggen in het verleden" in w for w in warnings)
    assert any("niet gecontroleerd" in w for w in warnings)
    assert any("aanbevolen veld 'certificate' ontbreekt" in w for w in warnings)


def test_open_funding_past_end_date_warns(content_copy: Path):
    replace(content_copy / "funding/scholingsbudget-noord.yaml", "valid_until: 2027-08-31", "valid_until: 2026-01-31")
    warnings = [p.message for p in problems_for(content_copy).warnings]
    assert any("de einddatum 2026-01-31 is voorbij" in w for w in warnings)


def test_editors_guide_documents_every_field():
    from builder import schema

    guide = (SAMPLE.parent / "docs/content.md").read_text(encoding="utf-8")
    records = [
        schema.COURSE,
        schema.PROVIDER,
        schema.FUNDING,
        schema.SITUATION,
        schema.PAGE,
        schema.SECTOR,
        schema.LEVEL,
        schema.REGION,
        schema.SITE,
    ]
    nested = {"price.": schema.PRICE, "duration.": schema.DURATION, "codes.": schema.CODES}
    for record in records:
        for spec in record.fields:
            assert f"`{spec.name}`" in guide, spec.name
    for prefix, record in nested.items():
        for spec in record.fields:
            assert f"`{prefix}{spec.name}`" in guide, prefix + spec.name


def test_new_course_skeleton_passes_check_once_filled(content_copy):
    from builder.scaffold import new_course

    path = new_course(content_copy, "nieuwe-cursus")
    problems = problems_for(content_copy)
    assert {p.path for p in problems.errors} == {path}  # the placeholders are not valid ids yet
    text = path.read_text(encoding="utf-8").replace("id-van-de-aanbieder", "roc-wadden")
    text = text.replace("  Je mag Markdown", "  In tien avonden leer je de basis, met veel oefenen in kleine groepen.\n  Je mag Markdown")
    path.write_text(text, encoding="utf-8")
    assert [p for p in problems_for(content_copy).errors if p.path == path] == []

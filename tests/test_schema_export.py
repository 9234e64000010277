"""JSON Schemas for editors' tools and the guide's field tables: generated from builder/schema.py, and as strict
as the build on the mistakes editors make."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from builder import schema_export
from tests.conftest import ROOT, SAMPLE
from tests.test_content import COURSE, problems_for, replace

FOLDERS = {
    "courses": "course",
    "providers": "provider",
    "funding": "funding",
    "situations": "situation",
    "pages": "page",
    "skills": "skill_group",
    "occupations": "occupation",
    "transitions": "transition",
}
SINGLE_FILES = {
    "site.yaml": "site",
    "sectors.yaml": "sectors",
    "levels.yaml": "levels",
    "regions.yaml": "regions",
    "places.yaml": "places",
    "search.yaml": "search",
}


def as_json(value: Any) -> Any:
    """YAML dates become the ISO text editors' tools see."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def data_of(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    return as_json(yaml.safe_load(text))


def validator(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((ROOT / f"schemas/{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def sample_files() -> list[tuple[Path, str]]:
    files = [(path, kind) for folder, kind in FOLDERS.items() for path in sorted((SAMPLE / folder).iterdir())]
    return files + [(SAMPLE / name, kind) for name, kind in SINGLE_FILES.items()]


def test_checked_in_files_are_what_scholing_schema_writes():
    for relative, text in schema_export.schema_files(SAMPLE).items():
        assert (ROOT / relative).read_text(encoding="utf-8") == text, f"{relative}: run 'scholing schema'"
    guide = (ROOT / "docs/content.md").read_text(encoding="utf-8")
    assert schema_export.guide_with_tables(guide) == guide, "docs/content.md: run 'scholing schema'"


def test_guide_states_the_limits():
    guide = (ROOT / "docs/content.md").read_text(encoding="utf-8")
    assert "| `title` | verplicht | de naam van de opleiding | een tekst op één regel | hoogstens 90 tekens |" in guide
    assert "| 20 tot 200 tekens |" in guide


def test_vscode_maps_every_yaml_type():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/course.schema.json"] == "content/courses/*.yaml"


@pytest.mark.parametrize(("path", "kind"), sample_files(), ids=lambda value: getattr(value, "name", value))
def test_every_sample_file_is_valid(path: Path, kind: str):
    errors = [e.message for e in validator(kind).iter_errors(data_of(path))]
    assert errors == []


LASSEN_PRICE = "price: {amount: 695, vat: exempt, extra_costs: 85, extra_costs_note: lashelm en handschoenen}"
BAD = {
    "unknown field": ("level: geen", "levl: geen"),
    "missing required": ("form: klassikaal\n", ""),
    "wrong choice": ("form: klassikaal", "form: Klassikaal"),
    "title too long": ("title: Basiscursus lassen MIG/MAG", "title: " + "lang " * 20),
    "summary too short": ("summary: Leer in acht avonden de basis van MIG/MAG-lassen, in een echte werkplaats.", "summary: Lassen"),
    "no https": ("url: https://", "url: techniekhuis."),
    "negative price": (LASSEN_PRICE, "price: {amount: -5, vat: exempt}"),
    "price on request misspelt": (LASSEN_PRICE, "price: op aanvraag"),
    "decimal comma": (LASSEN_PRICE, "price: {amount: 225,50, vat: exempt}"),
    "dutch vat": ("vat: exempt", "vat: vrijgesteld"),
    "duration unit": ("unit: weken", "unit: week"),
    "starts word": ("starts: [2026-12-07, 2027-01-18, 2027-03-29]", "starts: soms"),
    "dutch date": ("last_checked: 2026-11-10", "last_checked: 10-11-2026"),
    "draft ja": ("added: 2026-11-01", "added: 2026-11-01\ndraft: ja"),
    "unknown level": ("level: geen", "level: mbo-9"),
    "unknown sector": ("sectors: [techniek]", "sectors: [taal]"),
    "sector twice": ("sectors: [techniek]", "sectors: [techniek, techniek]"),
    "status": ("added: 2026-11-01", "added: 2026-11-01\nstatus: weg"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_schema_rejects_what_the_build_rejects(content_copy: Path, case: str):
    old, new = BAD[case]
    replace(content_copy / COURSE, old, new)
    assert problems_for(content_copy).errors, f"the build accepts {case}"
    assert list(validator("course").iter_errors(data_of(content_copy / COURSE))), f"the schema accepts {case}"


def test_schema_accepts_price_on_request_and_an_ended_course(content_copy: Path):
    replace(content_copy / COURSE, LASSEN_PRICE, "price: op-aanvraag\nstatus: beeindigd")
    assert problems_for(content_copy).errors == []
    assert list(validator("course").iter_errors(data_of(content_copy / COURSE))) == []

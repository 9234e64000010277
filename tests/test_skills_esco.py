"""`scholing import esco` on a small fixture in the official ESCO CSV format (tests/fixtures/esco/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import main
from builder.config import UsageError
from builder.skills import esco
from tests.conftest import ROOT
from tests.test_content import problems_for, replace

FIXTURE = ROOT / "tests/fixtures/esco"
MAGAZIJN = "http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
STOCK = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000001"


def test_reads_bom_multiline_cells_and_stray_whitespace():
    data = esco.read_esco(FIXTURE)
    assert data.files[2].name == "occupationSkillRelations_nl.csv"
    forklift = data.skills[FORKLIFT]  # the file starts with a BOM: the first column still reads
    assert forklift.label == "vorkheftruck bedienen"
    # one quoted cell with four lines: a duplicate and a non-breaking space plus tab are cleaned
    assert forklift.alt_labels == ("heftruck besturen", "vorkheftruck rijden", "heftruck rijden")
    assert forklift.type == "vaardigheid" and forklift.reuse == "sectorspecifiek"
    assert data.skills[STOCK].label == "voorraad bijhouden"
    assert data.skills["http://data.europa.eu/esco/skill/f2f463e5-2382-49cb-8199-e7e043d868df"].type == "kennis"
    occupation = data.occupations[MAGAZIJN]
    assert occupation.alt_labels == ("magazijnier", "magazijnbediende")
    assert occupation.isco == "9333"
    assert len(occupation.essential) == 4 and len(occupation.optional) == 2


def test_relations_file_of_esco_v1_1_has_no_language_suffix(tmp_path: Path):
    for path in FIXTURE.iterdir():
        shutil.copy(path, tmp_path / path.name.replace("occupationSkillRelations_nl", "occupationSkillRelations"))
    data = esco.read_esco(tmp_path)
    assert data.files[2].name == "occupationSkillRelations.csv"
    assert len(data.occupations[MAGAZIJN].essential) == 4


def test_missing_files_and_unknown_occupations_are_usage_errors(tmp_path: Path):
    with pytest.raises(UsageError, match="het bestand met vaardigheden niet gevonden"):
        esco.read_esco(tmp_path)
    data = esco.read_esco(FIXTURE)
    with pytest.raises(UsageError, match="Bedoelde je: magazijnmedewerker"):
        data.find_occupation("magazijnmedewerkr")
    assert data.find_occupation("Magazijnier").uri == MAGAZIJN  # an alternative label, any case
    assert data.find_occupation(MAGAZIJN).label == "magazijnmedewerker"


def test_import_named_occupation_reuses_existing_skills_and_adds_new_ones(content_copy: Path):
    runner = CliRunner()
    (content_copy / "occupations/magazijnmedewerker.yaml").unlink()
    for path in content_copy.glob("transitions/magazijnmedewerker-*.yaml"):
        path.unlink()
    course = content_copy / "courses/logistiek-medewerker.yaml"
    replace(course, "occupations: [magazijnmedewerker, orderpicker]", "occupations: [orderpicker]")
    result = runner.invoke(
        main,
        ["import", "esco", str(FIXTURE), "--occupation", "magazijnmedewerker", "--sector", "logistiek", "--content", str(content_copy)],
    )
    assert result.exit_code == 0, result.output
    assert "99999999-0000-4000-8000-000000000009 staat niet in skills_nl.csv; overgeslagen" in result.output
    created = yaml.safe_load((content_copy / "occupations/magazijnmedewerker.yaml").read_text(encoding="utf-8"))
    assert created["esco_uri"] == MAGAZIJN and created["isco"] == "9333" and created["sector"] == "logistiek"
    # skills the sample already links to ESCO are reused by id; the others are new, in the import group
    assert created["skills"]["essential"] == ["zwaar-tillen", "veiligheidsregels", "voorraad-bijhouden"]
    assert created["skills"]["optional"] == ["heftruck-besturen", "orders-verzamelen"]
    group = yaml.safe_load((content_copy / "skills/esco-import.yaml").read_text(encoding="utf-8"))
    new = group["skills"]["voorraad-bijhouden"]
    assert new["esco_uri"] == STOCK and new["type"] == "vaardigheid" and new["reuse"] == "sectorspecifiek"
    assert new["description"] == "voorraad bijhouden (beschrijving nog schrijven)."  # ESCO's was too short
    assert group["skills"]["orders-verzamelen"]["alt_labels"] == ["orderpicken", "order picken"]
    problems = problems_for(content_copy)
    assert problems.errors == [], [p.format() for p in problems.errors]
    again = runner.invoke(
        main, ["import", "esco", str(FIXTURE), "--occupation", MAGAZIJN, "--sector", "logistiek", "--content", str(content_copy)]
    )
    assert "staat al in content/occupations/" in again.output


def test_import_needs_a_sector_and_a_known_name(content_copy: Path):
    runner = CliRunner()
    no_sector = runner.invoke(main, ["import", "esco", str(FIXTURE), "--occupation", "heftruckchauffeur", "--content", str(content_copy)])
    assert no_sector.exit_code == 2 and "--sector" in no_sector.output
    unknown = runner.invoke(
        main, ["import", "esco", str(FIXTURE), "--occupation", "kapper", "--sector", "zorg", "--content", str(content_copy)]
    )
    assert unknown.exit_code == 2 and "beroep 'kapper' staat niet in de ESCO-bestanden" in unknown.output


def test_fill_labels_next_to_every_uri_and_report_unknown_uris(content_copy: Path):
    occupation = content_copy / "occupations/heftruckchauffeur.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "esco", str(FIXTURE), "--content", str(content_copy)])
    assert result.exit_code == 0, result.output
    text = (content_copy / "skills/logistiek-en-vervoer.yaml").read_text(encoding="utf-8")
    assert f"    esco_uri: {FORKLIFT}\n    esco_label: vorkheftruck bedienen\n" in text
    assert "esco_label: heftruckchauffeur\n" in occupation.read_text(encoding="utf-8")
    # the fixture holds only a few concepts: URIs it lacks are named with file and line
    assert "occupations/lasser.yaml:" in result.output and "staat niet in de ESCO-bestanden" in result.output
    assert problems_for(content_copy).errors == []
    before = text
    runner.invoke(main, ["import", "esco", str(FIXTURE), "--content", str(content_copy)])
    assert (content_copy / "skills/logistiek-en-vervoer.yaml").read_text(encoding="utf-8") == before  # no second label

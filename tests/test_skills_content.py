"""Validation of skills, occupations and transitions: every message names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.skills import matching
from builder.skills import schema as skill_schema
from tests.conftest import SAMPLE
from tests.test_content import line_of, only_error, problems_for, replace

OCCUPATION = "occupations/magazijnmedewerker.yaml"
GROUP = "skills/logistiek-en-vervoer.yaml"
COURSE = "courses/heftruckcertificaat.yaml"


def test_unknown_skill_in_occupation_gets_did_you_mean(content_copy: Path):
    path = content_copy / OCCUPATION
    replace(path, "    - orderpicken\n", "    - orderpiken\n")
    error = only_error(problems_for(content_copy))
    assert error.path == path
    assert error.line == line_of(path, "orderpiken")
    assert "veld 'skills.essential[3]': onbekende vaardigheid 'orderpiken'. Bedoelde je 'orderpicken'?" in error.message
    assert "content/skills/" in error.message


def test_unknown_skill_and_occupation_in_course(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "skills: [heftruck-besturen,", "skills: [heftruck-bestuur,")
    replace(path, "occupations: [heftruckchauffeur]", "occupations: [heftruckchaufeur]")
    messages = sorted(p.message for p in problems_for(content_copy).errors)
    assert len(messages) == 2, messages
    assert "onbekend beroep 'heftruckchaufeur'. Bedoelde je 'heftruckchauffeur'?" in messages[0]
    assert "onbekende vaardigheid 'heftruck-bestuur'. Bedoelde je 'heftruck-besturen'?" in messages[1]


def test_occupation_without_essential_skills_is_an_error(content_copy: Path):
    path = content_copy / OCCUPATION
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  essential:\n"), text.index("  optional:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert error.path == path and error.line == line_of(path, "skills:")
    assert "verplicht veld 'essential' ontbreekt in 'skills': de kernvaardigheden" in error.message


def test_empty_essential_list_is_an_error(content_copy: Path):
    path = content_copy / OCCUPATION
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  essential:\n"), text.index("  optional:\n")
    path.write_text(text[:start] + "  essential: []\n" + text[end:], encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "essential: []")
    assert "veld 'skills.essential' moet minstens 1 item(s) hebben" in error.message


def test_skill_both_essential_and_optional(content_copy: Path):
    path = content_copy / OCCUPATION
    replace(path, "    - heftruck-besturen\n", "    - orderpicken\n")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "  optional:") + 1
    assert "vaardigheid 'orderpicken' staat zowel bij 'essential' als bij 'optional'" in error.message


def test_same_skill_id_in_two_groups(content_copy: Path):
    path = content_copy / "skills/zorg-en-welzijn.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "  orderpicken:\n    label: Dubbel\n    description: Deze vaardigheid staat al in een andere groep.\n"
        "    type: vaardigheid\n    reuse: transversaal\n",
        encoding="utf-8",
    )
    error = only_error(problems_for(content_copy))
    assert error.path == path and error.line == line_of(path, "  orderpicken:")
    assert "dubbele vaardigheid 'orderpicken': die staat al in groep 'logistiek-en-vervoer'" in error.message


def test_course_whose_skills_no_occupation_uses_is_a_warning(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "skills: [heftruck-besturen, veiligheidsregels, laden-lossen]", "skills: [timmeren, steigers-bouwen]")
    problems = problems_for(content_copy)
    assert problems.errors == []
    assert len(problems.warnings) == 1
    warning = problems.warnings[0]
    assert warning.path == path and warning.line == line_of(path, "skills:")
    assert "geen enkel beroep in content/occupations/ vraagt om de vaardigheden van deze opleiding (timmeren, steigers-bouwen)" in (
        warning.message
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "beginnen met http://, niet https://"),
        ("https://esco.ec.europa.eu/nl/classification/occupation?uri=x", "het adres van een webpagina"),
        ("http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da", "is een ESCO-vaardigheid, geen beroep"),
        ("http://data.europa.eu/esco/occupation/BEA705FE-06ac-4147-b8e0-6e8ac1208d8f", "schrijf het ESCO-adres in kleine letters"),
        ("http://data.europa.eu/esco/occupation/bea705fe", "is geen geldig ESCO-adres"),
    ],
)
def test_esco_uri_form_is_checked(content_copy: Path, value: str, expected: str):
    path = content_copy / OCCUPATION
    replace(path, "esco_uri: http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f", f"esco_uri: {value}")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "esco_uri:")
    assert "veld 'esco_uri'" in error.message and expected in error.message


def test_skill_field_typo_and_wrong_choice_inside_a_group(content_copy: Path):
    path = content_copy / GROUP
    replace(path, "    reuse: beroepsspecifiek\n", "    reuse: beroepspecifiek\n")
    replace(path, "    label: Heftruck besturen\n", "    lable: Heftruck besturen\n")
    messages = [p.message for p in problems_for(content_copy).errors]
    assert any("onbekend veld 'skills.heftruck-besturen.lable'. Bedoelde je 'label'?" in m for m in messages), messages
    assert any("'beroepspecifiek' is niet toegestaan. Bedoelde je 'beroepsspecifiek'?" in m for m in messages), messages


def test_transition_to_itself_and_duplicate_pair(content_copy: Path):
    folder = content_copy / "transitions"
    original = folder / "magazijnmedewerker-naar-monteur-zonnepanelen.yaml"
    (folder / "zz-dubbel.yaml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    replace(folder / "orderpicker-naar-zorgassistent.yaml", "to: zorgassistent", "to: orderpicker")
    messages = sorted(p.format(content_copy) for p in problems_for(content_copy).errors)
    assert len(messages) == 2, messages
    self_pair, duplicate = messages
    assert self_pair.startswith("transitions/orderpicker-naar-zorgassistent.yaml:3:")
    assert "'from' en 'to' zijn allebei 'orderpicker'" in self_pair
    assert duplicate.startswith("transitions/zz-dubbel.yaml:2:")
    assert "staat al in content/transitions/magazijnmedewerker-naar-monteur-zonnepanelen.yaml" in duplicate


def test_editors_guide_documents_skills_occupations_and_the_generation_rule():
    guide = (SAMPLE.parent / "docs/content.md").read_text(encoding="utf-8")
    records = {
        "": [skill_schema.SKILL_GROUP, skill_schema.OCCUPATION, skill_schema.TRANSITION],
        "skills.<id>.": [skill_schema.SKILL],
        "skills.": [skill_schema.OCCUPATION_SKILLS],
        "outlook.": [skill_schema.OUTLOOK],
        "contacts[].": [skill_schema.CONTACT],
        "story.": [skill_schema.STORY],
    }
    for prefix, kinds in records.items():
        for record in kinds:
            for spec in record.fields:
                assert f"`{prefix}{spec.name}`" in guide, prefix + spec.name
    rule = f"minstens\n   {matching.MIN_SHARED_ESSENTIAL} kernvaardigheden en minstens {round(matching.MIN_COVERAGE * 100)} procent ervan"
    assert rule in guide
    assert f"de {matching.MAX_TARGETS} overstappen met de hoogste dekking" in guide

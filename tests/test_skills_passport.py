"""The skills passport's published parts: its data file, its JSON Schema, and its rules in JavaScript.

The page ranks occupations and gap courses in the browser (templates/assets/passport-rules.js). Node runs
that file on the data the build publishes, and the answers must equal the Python rules of
builder/skills/matching.py on the same catalogue: the fixture passport against every occupation, and
seeded random passports.
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from builder import urls
from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.skills import matching, passport
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY

RULES_JS = ROOT / "templates/assets/passport-rules.js"
FIXTURE = ROOT / "tests/fixtures/passport/sam.json"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def vocabulary():
    problems = Problems()
    content = load_content(SAMPLE, problems, SAMPLE_TODAY)
    assert not problems.errors
    return build_catalogue(content, SAMPLE_TODAY).vocabulary


@pytest.fixture(scope="module")
def data(vocabulary):
    return passport.page_data(vocabulary, urls.Links("https://scholing.example.org/", "/"))


def schema_validator() -> jsonschema.Draft202012Validator:
    document = json.loads((ROOT / passport.SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def node(script: str, payload: object) -> object:
    if NODE is None:
        pytest.skip("node ontbreekt")
    program = (
        f"const rules = require({json.dumps(str(RULES_JS))});\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n{script}"
    )
    result = subprocess.run([NODE, "-e", program], input=json.dumps(payload), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_fixture_passport_validates_against_the_published_schema():
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert list(schema_validator().iter_errors(document)) == []


def test_schema_is_versioned_and_names_the_scale(data):
    schema = passport.passport_schema()
    assert schema["properties"]["version"] == {"const": passport.VERSION}
    assert schema["properties"]["format"] == {"const": passport.FORMAT}
    assert [level["value"] for level in data["levels"]] == [1, 2, 3, 4]
    assert [place["value"] for place in data["learned"]] == ["werk", "opleiding", "vrijwilligerswerk", "anders"]


def test_built_site_publishes_page_data_and_schema(built_site: Path):
    published = json.loads((built_site / passport.SCHEMA_PATH).read_text(encoding="utf-8"))
    assert published == passport.passport_schema()
    data = json.loads((built_site / passport.DATA_PATH).read_text(encoding="utf-8"))
    assert data["schema"] == "/" + passport.SCHEMA_PATH
    assert {"id", "label", "group", "url"} <= set(data["skills"][0])
    assert "courses" not in data  # a separate file, fetched only when a visitor opens a gap
    courses = json.loads((built_site / passport.COURSES_PATH).read_text(encoding="utf-8"))["courses"]
    assert data["courses_url"] == "/" + passport.COURSES_PATH and courses
    worker = (built_site / passport.OFFLINE_PATH).read_text(encoding="utf-8")
    assert re.search(r'var VERSION = "[0-9a-f]{12}";', worker) and "{{" not in worker
    assert 'data-offline="/mijn-vaardigheden/offline.js"' in (built_site / "mijn-vaardigheden/index.html").read_text(encoding="utf-8")
    page = (built_site / "mijn-vaardigheden/index.html").read_text(encoding="utf-8")
    assert "Voor je eigen vaardighedenlijst is JavaScript nodig." in page
    assert 'href="/vaardigheden/"' in page and 'href="/beroepen/"' in page
    for linking in (
        "vaardigheden/index.html",
        "vaardigheden/heftruck-besturen/index.html",
        "situaties/overstappen/index.html",
        "index.html",
    ):
        assert 'href="/mijn-vaardigheden/"' in (built_site / linking).read_text(encoding="utf-8"), linking


def test_courses_keep_catalogue_order_and_carry_their_title_order(vocabulary, data):
    ids = [c["id"] for c in data["courses"]]
    assert ids == [c.id for c in vocabulary.courses if c.skills]
    by_title = sorted(data["courses"], key=lambda c: c["order"])
    assert [c["title"].casefold() for c in by_title] == sorted(c["title"].casefold() for c in data["courses"])


def python_answer(vocabulary, have_ids: list[str]) -> dict:
    """What builder/skills/matching.py says: ranked occupations, and per occupation the gap courses."""
    have = [vocabulary.skills[s] for s in have_ids if s in vocabulary.skills]
    ranked = matching.fitting_occupations(have, [(o, o.essential, o.optional) for o in vocabulary.sorted_occupations])
    courses = {}
    for occupation in vocabulary.sorted_occupations:
        gap = matching.gap_between(have, occupation.essential, occupation.optional)
        fits = matching.rank_courses(gap, vocabulary.courses_teaching_any(gap.missing), lambda c: c.skills, lambda c: c.title)
        courses[occupation.id] = {
            "courses": [[f.course.id, [s.id for s in f.closes_essential], [s.id for s in f.closes_optional]] for f in fits],
            "untaught": [s.id for s in matching.still_missing_after(gap, fits)],
        }
    return {"occupations": [[o.id, len(g.have_essential), len(g.missing_essential)] for o, g in ranked], "courses": courses}


JS_ANSWER = """
const data = input.data;
const ranked = rules.rankOccupations(input.have, data.occupations);
const courses = {};
for (const occupation of data.occupations) {
  const gap = rules.gapBetween(new Set(input.have), occupation.essential, occupation.optional);
  const fits = rules.rankCourses(gap, data.courses);
  courses[occupation.id] = {
    courses: fits.map(f => [f.course.id, f.closesEssential, f.closesOptional]),
    untaught: rules.stillMissingAfter(gap, fits),
  };
}
process.stdout.write(JSON.stringify({
  occupations: ranked.map(r => [r.occupation.id, r.gap.haveEssential.length, r.gap.missingEssential.length]),
  courses,
}));
"""


def test_javascript_ranking_equals_the_python_rule_for_the_fixture_passport(vocabulary, data):
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    have = [s["id"] for s in document["skills"] if s["id"] in vocabulary.skills]  # the page leaves unknown skills out
    expected = python_answer(vocabulary, have)
    assert expected["occupations"][:3] == [["magazijnmedewerker", 11, 0], ["orderpicker", 9, 0], ["heftruckchauffeur", 8, 1]]
    assert any(answer["courses"] for answer in expected["courses"].values())
    assert node(JS_ANSWER, {"data": data, "have": have}) == expected


def test_javascript_ranking_equals_the_python_rule_for_random_passports(vocabulary, data):
    chooser = random.Random(14)
    skill_ids = sorted(vocabulary.skills)
    for size in (0, 1, 3, 8, 15, 30, 60):
        have = chooser.sample(skill_ids, size)
        assert node(JS_ANSWER, {"data": data, "have": have}) == python_answer(vocabulary, have), have


CHECK = """
const learned = ["werk", "opleiding", "vrijwilligerswerk", "anders"];
const rules_ = {format: input.format, version: input.version, levels: [1, 2, 3, 4], learned};
process.stdout.write(JSON.stringify(input.documents.map(d => rules.check(d, rules_))));
"""


def broken_files() -> dict[str, object]:
    good = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def changed(edit) -> dict:
        document = copy.deepcopy(good)
        edit(document)
        return document

    return {
        "geen object": [],
        "ander formaat": changed(lambda d: d.update(format="europass")),
        "nieuwere versie": changed(lambda d: d.update(version=2)),
        "zonder skills": changed(lambda d: d.pop("skills")),
        "onbekend veld": changed(lambda d: d.update(wachtwoord="x")),
        "niveau 7": changed(lambda d: d["skills"][0].update(level=7)),
        "niveau als tekst": changed(lambda d: d["skills"][0].update(level="goed")),
        "zonder niveau": changed(lambda d: d["skills"][0].pop("level")),
        "onbekende leerplek": changed(lambda d: d["skills"][0].update(learned=["school"])),
        "id met hoofdletters": changed(lambda d: d["skills"][0].update(id="Heftruck")),
        "bewijs zonder titel": changed(lambda d: d["skills"][0].update(evidence=[{"date": "2024-01-01"}])),
        "bewijs met ftp-link": changed(lambda d: d["skills"][0].update(evidence=[{"title": "x", "link": "ftp://x"}])),
        "datum fout": changed(lambda d: d["skills"][0].update(added="1-1-2024")),
        "beroep zonder naam": changed(lambda d: d.update(occupations=[{"id": "kok"}])),
    }


def test_the_page_rejects_what_the_schema_rejects_with_dutch_messages():
    validator = schema_validator()
    files = broken_files()
    answers = node(CHECK, {"format": passport.FORMAT, "version": passport.VERSION, "documents": list(files.values())})
    for (name, document), problems in zip(files.items(), answers, strict=True):
        assert list(validator.iter_errors(document)), f"{name}: het schema keurt dit goed"
        assert problems, f"{name}: de pagina keurt dit goed"
    by_name = dict(zip(files, answers, strict=True))
    assert by_name["nieuwere versie"] == [
        "Dit bestand is gemaakt met een nieuwere versie (versie 2). Deze pagina kent versie 1. Maak het bestand opnieuw op de "
        "site waar je het maakte, of vraag de beheerder van deze site."
    ]
    assert by_name["niveau 7"] == [
        "Vaardigheid 1 (Goederen ontvangen en controleren): 'level' moet 1, 2, 3, 4 of null (nog niet gekozen) zijn."
    ]
    assert by_name["onbekend veld"] == [
        "onbekend veld 'wachtwoord'. Toegestaan: format, version, updated, site, name, occupations, skills."
    ]
    good = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert node(CHECK, {"format": passport.FORMAT, "version": passport.VERSION, "documents": [good]}) == [[]]

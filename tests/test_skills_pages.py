"""The skills layer in the built sample: pages, links between them, schema.org and open data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import SAMPLE, run_build

GROWTH_SECTORS = {"zorg", "techniek", "ict", "onderwijs", "energie"}


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld(page: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def test_every_skill_occupation_and_transition_has_a_page(built_site: Path):
    skills = {p.stem for p in (SAMPLE / "skills").glob("*.yaml")}
    assert len(skills) >= 10
    skill_pages = [p for p in (built_site / "vaardigheden").iterdir() if p.is_dir()]
    assert 100 <= len(skill_pages) <= 150
    occupations = sorted(p.stem for p in (SAMPLE / "occupations").glob("*.yaml"))
    assert 15 <= len(occupations) <= 20
    for occupation in occupations:
        assert (built_site / "beroepen" / occupation / "index.html").is_file()
        assert (built_site / "overstappen" / occupation / "index.html").is_file()
    index = html(built_site, "overstappen")
    for occupation in occupations:
        assert f'href="/overstappen/{occupation}/"' in index


def test_situation_page_asks_for_the_current_occupation(built_site: Path):
    page = html(built_site, "situaties/overstappen")
    assert "Wat is je beroep nu?" in page
    assert 'href="/overstappen/magazijnmedewerker/"' in page
    assert "Wat is je beroep nu?" not in html(built_site, "situaties/werkzoekend")


def test_magazijnmedewerker_reaches_at_least_three_shortage_occupations_with_coverage(built_site: Path):
    page = html(built_site, "overstappen/magazijnmedewerker")
    targets = re.findall(r'href="/overstappen/magazijnmedewerker/naar/([a-z0-9-]+)/"', page)
    assert len(set(targets)) >= 3
    data = json.loads((built_site / "data/opleidingen.json").read_text(encoding="utf-8"))
    sector_of = {o["id"]: o["sector"] for o in data["occupations"]}
    assert all(sector_of[t] in GROWTH_SECTORS for t in targets)
    # coverage is said in words, per target, in the order of the list
    said = re.findall(r"Je hebt al <strong>(\d+) van de (\d+)</strong> kernvaardigheden", page)
    assert len(said) == len(targets)
    shares = [int(have) / int(total) for have, total in said]
    assert shares == sorted(shares, reverse=True)
    assert all(share >= 0.3 for share in shares)


def test_transition_page_shows_gap_courses_with_price_duration_start_and_funding(built_site: Path):
    page = html(built_site, "overstappen/magazijnmedewerker/naar/monteur-zonnepanelen")
    assert "Je hebt al <strong>4 van de 11</strong> kernvaardigheden van monteur zonnepanelen." in page
    courses = re.findall(r'<h3 class="gap-course__title"><a href="/opleidingen/([a-z0-9-]+)/">', page)
    assert courses[0] == "monteur-zonnepanelen"  # teaches 5 of the 7 missing essential skills
    assert "Leert je <strong>5 van de 7</strong> kernvaardigheden die je nog mist" in page
    assert "€\u00a02.359,50<span class=\"price__vat\"> incl. btw" in page  # 1,950 excluding VAT
    assert "6 weken" in page
    funding = re.findall(r'<li class="funding-card">\s*<h3><a href="/regelingen/([a-z0-9-]+)/">', page)
    assert funding[0] == "oo-fonds-techniek"  # the curated transition names it first
    assert "nl-leert-door" in funding
    assert "Zo deed Jeroen (38, voorbeeld) het" in page
    assert "Hulp bij je overstap" in page


def test_names_in_running_text_keep_their_abbreviations(built_site: Path):
    page = html(built_site, "overstappen/verpleegkundige/naar/verzorgende-ig")
    assert "<title>Van verpleegkundige naar verzorgende IG |" in page
    assert ">Van verpleegkundige naar verzorgende IG</h1>" in page
    assert "kernvaardigheden van verzorgende IG." in page
    assert "verzorgende ig" not in page  # the name was lowercased whole: "verzorgende ig"


def test_skill_page_links_occupations_and_courses(built_site: Path):
    page = html(built_site, "vaardigheden/heftruck-besturen")
    assert 'href="/beroepen/heftruckchauffeur/"' in page
    assert 'href="/beroepen/magazijnmedewerker/"' in page
    assert 'href="/opleidingen/heftruckcertificaat/"' in page
    assert "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da" in page


def test_schema_org_occupation_with_skills_and_course_teaches(built_site: Path):
    occupation = next(d for d in json_ld(html(built_site, "beroepen/magazijnmedewerker")) if d["@type"] == "Occupation")
    assert occupation["name"] == "Magazijnmedewerker"
    assert occupation["sameAs"] == "http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
    assert occupation["occupationalCategory"] == {"@type": "CategoryCode", "codeValue": "9333", "inCodeSet": "ISCO-08"}
    assert len(occupation["skills"]) == 16
    assert occupation["skills"][0]["@type"] == "DefinedTerm"
    course = next(d for d in json_ld(html(built_site, "opleidingen/heftruckcertificaat")) if d["@type"] == "Course")
    assert [t["name"] for t in course["teaches"]] == ["Heftruck besturen", "Regels voor veilig en gezond werken", "Laden en lossen"]
    assert course["teaches"][0]["sameAs"] == "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"


def test_open_data_lists_skills_and_occupations(built_site: Path):
    data = json.loads((built_site / "data/opleidingen.json").read_text(encoding="utf-8"))
    skill_ids = {s["id"] for s in data["skills"]}
    assert all(set(c["skills"]) <= skill_ids and c["skills"] for c in data["courses"])
    occupation = next(o for o in data["occupations"] if o["id"] == "magazijnmedewerker")
    assert occupation["essential_skills"][:2] == ["goederen-ontvangen", "voorraad-beheren"]
    assert occupation["outlook"]["kansen"] == "redelijk"


def test_esco_attribution_only_when_esco_is_used(built_site: Path, tmp_path: Path):
    line = "This service uses the ESCO classification of the European Commission."
    assert line in html(built_site, "")
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    for path in [*content.glob("skills/*.yaml"), *content.glob("occupations/*.yaml")]:
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "esco_uri:" not in line)
        path.write_text(text + "\n", encoding="utf-8")
    assert run_build(content, tmp_path / "site").ok
    assert line not in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site/beroepen/magazijnmedewerker/index.html").is_file()


def test_catalogue_without_skills_builds_without_the_new_pages(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    for folder in ("skills", "occupations", "transitions"):
        shutil.rmtree(content / folder)
    for path in content.glob("courses/*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(x for x in lines if not x.startswith(("skills:", "occupations:"))) + "\n", encoding="utf-8")
    result = run_build(content, tmp_path / "site")
    assert result.ok, [p.format() for p in result.problems.errors]
    assert result.problems.warnings == []
    site = tmp_path / "site"
    assert not (site / "vaardigheden").exists() and not (site / "overstappen").exists()
    assert "/vaardigheden/" not in (site / "index.html").read_text(encoding="utf-8")
    assert "Wat is je beroep nu?" not in (site / "situaties/overstappen/index.html").read_text(encoding="utf-8")


def test_incremental_rebuild_after_a_skills_edit_gives_the_bytes_of_a_full_build(tmp_path: Path):
    from builder.config import make_options
    from builder.incremental import IncrementalBuilder
    from tests.conftest import SAMPLE_TODAY, TEMPLATES
    from tests.test_content import replace
    from tests.test_incremental import site_files

    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    engine = IncrementalBuilder(make_options(content, TEMPLATES, tmp_path / "live", today=SAMPLE_TODAY))
    assert engine.rebuild().ok
    course = content / "courses/logistiek-medewerker.yaml"
    replace(course, "title: Logistiek medewerker", "title: Logistiek medewerker (nieuw)")
    unchanged = engine.rebuild()
    assert unchanged.ok and unchanged.rendered < unchanged.pages / 2  # the vocabulary's pages are not all redone
    replace(content / "skills/logistiek-en-vervoer.yaml", "label: Heftruck besturen", "label: Heftruck rijden")
    replace(content / "occupations/magazijnmedewerker.yaml", "    - laden-lossen\n", "    - lading-zekeren\n")
    assert engine.rebuild().ok
    assert run_build(content, tmp_path / "full").ok
    live, full = site_files(tmp_path / "live"), site_files(tmp_path / "full")
    assert sorted(live) == sorted(full)
    assert [path for path in full if live[path] != full[path]] == []
    assert "Heftruck rijden" in (tmp_path / "live/opleidingen/heftruckcertificaat/index.html").read_text(encoding="utf-8")

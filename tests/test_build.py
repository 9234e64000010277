"""Building the sample catalogue: every page there, every link resolving, atomic and reproducible."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from builder.config import UsageError
from tests.conftest import ENDED_COURSE, SAMPLE, run_build


def sample_ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (SAMPLE / folder).glob("*.*"))


def test_five_situation_pages(built_site: Path):
    pages = sorted(p.parent.name for p in (built_site / "situaties").glob("*/index.html"))
    assert pages == ["eigen-werk", "medewerkers", "overstappen", "werkzoekend", "zelfstandig"]
    html = (built_site / "situaties/overstappen/index.html").read_text()
    assert "<h1>Ik wil overstappen naar ander werk of een andere sector</h1>" in html


def test_one_page_per_available_course_and_none_for_drafts(built_site: Path):
    published = []
    for path in sorted((SAMPLE / "courses").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if not data.get("draft"):
            published.append(path.stem)
    pages = sorted(p.parent.name for p in (built_site / "opleidingen").glob("*/index.html"))
    assert pages == sorted(published)
    assert len(pages) >= 60
    assert not (built_site / "opleidingen/ai-voor-kantoorwerk").exists()


def test_every_taxonomy_page_exists(built_site: Path):
    for folder, ids in (
        ("sectoren", yaml.safe_load((SAMPLE / "sectors.yaml").read_text())),
        ("niveaus", yaml.safe_load((SAMPLE / "levels.yaml").read_text())),
        ("regio", [*yaml.safe_load((SAMPLE / "regions.yaml").read_text()), "online"]),
        ("aanbieders", sample_ids("providers")),
        ("regelingen", sample_ids("funding")),
    ):
        assert (built_site / folder / "index.html").is_file()
        for item in ids:
            assert (built_site / folder / item / "index.html").is_file(), f"{folder}/{item}"
    for page in ("over", "toegankelijkheid", "zoeken"):
        assert (built_site / page / "index.html").is_file()
    assert (built_site / "404.html").is_file()


def test_every_internal_link_resolves(built_site: Path):
    checked = 0
    for page in built_site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="(/[^"#?]*)', page.read_text()):
            target = built_site / href.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {href}"
            checked += 1
    assert checked > 2500


def test_course_page_shows_the_facts(built_site: Path):
    html = (built_site / "opleidingen/vca-basis/index.html").read_text()
    closed = re.sub(r'<details class="term"><summary>(.*?)</summary>.*?</details>', r"\1", html)  # explanations open on request
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", closed))
    # the sample states € 225 + € 45 exam fee excl. VAT: a private person pays 21% on top of both
    assert "€ 326,70 in totaal incl. btw." in text
    assert "Dat is € 272,25 voor de opleiding en € 54,45 verplichte extra kosten (examengeld)." in text
    assert "Voor bedrijven: € 270 excl. btw." in text
    assert "Eerstvolgende start: vrijdag 4 december 2026" in text
    assert "Geen niveau-eis" in text
    assert 'href="https://techniekhuis.example.org/opleidingen/vca-basis"' in html


def test_course_page_says_how_to_reach_the_provider(built_site: Path, content_copy: Path, tmp_path: Path):
    html = (built_site / "opleidingen/helpende-zorg-welzijn/index.html").read_text()
    assert 'Vragen aan ROC Wadden (voorbeeld)? Bel <a href="tel:0582003040">058 200 30 40</a>.' in html
    assert "Vragen aan" not in (built_site / "opleidingen/vca-basis/index.html").read_text()  # no phone, no e-mail: nothing
    provider = content_copy / "providers/roc-wadden.yaml"
    provider.write_text(provider.read_text() + "email: info@rocwadden.example.org\n")
    assert run_build(content_copy, tmp_path / "site").ok
    html = (tmp_path / "site/opleidingen/helpende-zorg-welzijn/index.html").read_text()
    assert (
        'Bel <a href="tel:0582003040">058 200 30 40</a> of mail <a href="mailto:info@rocwadden.example.org">info@rocwadden.example.org</a>.'
        in html
    )


def test_ended_funding_is_never_shown_as_open(built_site: Path):
    html = (built_site / "regelingen/stap/index.html").read_text()
    assert "Deze regeling is beëindigd." in html
    assert "status--open" not in html


def test_markdown_is_sanitised(content_copy: Path, tmp_path: Path):
    path = content_copy / "courses/vca-basis.yaml"
    text = path.read_text().replace(
        "description: |\n",
        'description: |\n  <script>alert(1)</script><a href="#over-de-opleiding" onclick="x()">klik</a> <img src=x onerror=alert(3)>\n',
    )
    # A javascript: link stops the build at the content check (tests/test_content_links.py); the
    # sanitiser removing it anyway is tested in tests/test_formatting.py.
    path.write_text(text)
    result = run_build(content_copy, tmp_path / "site")
    assert result.ok
    html = (tmp_path / "site/opleidingen/vca-basis/index.html").read_text()
    body = html.split('id="over-de-opleiding"')[1]
    assert "<script>alert" not in body and "onclick" not in body
    assert "onerror" not in body


def test_failed_build_keeps_previous_site(content_copy: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert run_build(content_copy, out).ok
    before = (out / "index.html").read_bytes()
    (content_copy / "courses/vca-basis.yaml").write_text("title: [kapot\n")
    result = run_build(content_copy, out)
    assert not result.ok
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_strict_turns_warnings_into_errors(content_copy: Path, tmp_path: Path):
    path = content_copy / "courses/vca-basis.yaml"
    path.write_text(path.read_text().replace("certificate: diploma\n", ""))
    assert run_build(content_copy, tmp_path / "a").ok
    assert not run_build(content_copy, tmp_path / "b", strict=True).ok


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path):
    foreign = tmp_path / "documenten"
    foreign.mkdir()
    (foreign / "belangrijk.txt").write_text("niet weggooien")
    with pytest.raises(UsageError):
        run_build(SAMPLE, foreign)
    assert (foreign / "belangrijk.txt").read_text() == "niet weggooien"


def test_two_builds_give_identical_bytes(tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_build(SAMPLE, first).ok and run_build(SAMPLE, second).ok
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_sub_path_links(tmp_path: Path):
    out = tmp_path / "site"
    assert run_build(SAMPLE, out, base_url="https://example.org/scholing/").ok
    html = (out / "opleidingen/index.html").read_text()
    assert 'href="/scholing/opleidingen/vca-basis/"' in html
    assert '<link rel="canonical" href="https://example.org/scholing/opleidingen/">' in html
    assert not re.search(r'(?:href|src)="/(?!scholing/)', html)


def test_json_ld_matches_the_yaml(built_site: Path):
    data = yaml.safe_load((SAMPLE / "courses/vca-basis.yaml").read_text())
    html = (built_site / "opleidingen/vca-basis/index.html").read_text()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    course = json.loads(block)
    assert course["@type"] == "Course" and course["name"] == data["title"]
    assert course["provider"]["name"] == "Techniekhuis Noord (voorbeeld)"
    assert course["offers"]["price"] == 326.7  # (225 + 45) excl. VAT, plus 21%
    assert course["offers"]["priceSpecification"]["valueAddedTaxIncluded"] is True
    assert [i["startDate"] for i in course["hasCourseInstance"]] == [d.isoformat() for d in data["starts"]]
    assert all(i["courseMode"] == "onsite" for i in course["hasCourseInstance"])


def test_ended_course_keeps_its_page_but_leaves_every_list(site_with_ended_course: Path):
    site = site_with_ended_course
    html = (site / f"opleidingen/{ENDED_COURSE}/index.html").read_text()
    assert "Deze opleiding heeft geen nieuwe startdatum." in html
    assert "De laatste start was op 12 september 2026." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "application/ld+json" not in html  # nothing on offer, so no Course data for search engines
    alternatives = re.findall(r'<li class="course-card" data-id="([a-z0-9-]+)"', html)
    assert alternatives and ENDED_COURSE not in alternatives
    for other in alternatives:
        sectors = yaml.safe_load((SAMPLE / f"courses/{other}.yaml").read_text())["sectors"]
        assert "handel-horeca" in sectors
    listed_on = [p.relative_to(site) for p in site.rglob("index.html") if f'data-id="{ENDED_COURSE}"' in p.read_text()]
    assert listed_on == []
    assert f"/opleidingen/{ENDED_COURSE}/" not in (site / "sitemap.xml").read_text()
    assert f"/opleidingen/{ENDED_COURSE}/" not in (site / "feed.xml").read_text()
    open_data = json.loads((site / "data/opleidingen.json").read_text())
    assert ENDED_COURSE not in [course["id"] for course in open_data["courses"]]
    search_data = "".join(path.read_text() for path in (site / "assets/search").glob("r.*.json"))  # result record blocks
    assert "opleidingen/" in search_data and f"/{ENDED_COURSE}/" not in search_data


def test_course_ended_by_its_editor_says_so_on_its_page(content_copy: Path, tmp_path: Path):
    path = content_copy / "courses/vca-basis.yaml"
    path.write_text(path.read_text() + "status: beeindigd\nstatus_note: De aanbieder geeft VCA nu alleen nog in-company.\n")
    result = run_build(content_copy, tmp_path / "site")
    assert result.ok and result.problems.warnings == []
    site = tmp_path / "site"
    html = (site / "opleidingen/vca-basis/index.html").read_text()
    assert "Deze opleiding wordt niet meer gegeven." in html and "alleen nog in-company" in html
    assert "geen nieuwe startdatum" not in html
    assert 'data-id="vca-basis"' not in (site / "opleidingen/index.html").read_text()


def test_price_on_request_is_shown_as_such(content_copy: Path, tmp_path: Path):
    path = content_copy / "courses/vca-basis.yaml"
    text = path.read_text()
    price = next(line for line in text.splitlines() if line.startswith("price:"))
    path.write_text(text.replace(price, "price: op-aanvraag"))
    result = run_build(content_copy, tmp_path / "site", strict=True)
    assert result.ok, [p.format() for p in result.problems.items]
    html = (tmp_path / "site/opleidingen/vca-basis/index.html").read_text()
    assert "Op aanvraag bij de aanbieder" in html

"""Sitemap, robots.txt, Atom feed, JSON-LD on every page and the open data, checked as data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, SAMPLE

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://scholing.example.org/"


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_sitemap_lists_pages_with_lastmod_and_robots_points_at_it(built_site: Path):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locations = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod") for u in root}
    assert BASE + "opleidingen/vca-basis/" in locations
    assert locations[BASE + "opleidingen/vca-basis/"].text == "2026-11-16"
    assert BASE + "zoeken/" not in locations and BASE + "404.html" not in locations
    for loc in locations:
        path = built_site / loc[len(BASE) :]
        assert (path / "index.html").is_file(), loc
    assert (built_site / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_atom_feed_is_valid_and_newest_first(built_site: Path):
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert "<script" not in (entry.find(f"{ATOM}content").text or "")


def test_every_course_page_has_course_json_ld_matching_the_yaml(built_site: Path):
    pages = sorted((built_site / "opleidingen").glob("*/index.html"))
    assert len(pages) >= 60
    for page in pages:
        course_id = page.parent.name
        data = yaml.safe_load((SAMPLE / "courses" / f"{course_id}.yaml").read_text())
        (course,) = json_ld_blocks(page.read_text())
        assert course["@type"] == "Course"
        assert course["name"] == data["title"]
        assert course["url"] == f"{BASE}opleidingen/{course_id}/"
        assert course["provider"]["@type"] == "EducationalOrganization" and course["provider"]["name"]
        assert len(course["description"]) >= 150
        assert course["educationalCredentialAwarded"]
        price = data["price"]
        stated = price["amount"] + price.get("extra_costs", 0)
        # offers carry what a private person pays: VAT added where the provider stated the price without it
        expected = round(stated * 1.21, 2) if price["vat"] == "excluded" else stated
        assert course["offers"]["price"] == pytest.approx(expected, abs=0.011)
        assert course["offers"]["priceCurrency"] == "EUR"
        assert course["offers"]["priceSpecification"]["valueAddedTaxIncluded"] is True
        instances = course["hasCourseInstance"]
        assert instances and all(i["courseMode"] in ("onsite", "online", "blended") for i in instances)
        assert all("courseWorkload" in i for i in instances)
        if data["starts"] != "doorlopend":
            assert [i["startDate"] for i in instances] == [d.isoformat() for d in data["starts"]]
        if data["form"] == "online":
            assert instances[0]["location"][0]["@type"] == "VirtualLocation"
        else:
            assert [p["name"] for p in instances[0]["location"]] == data["locations"]


def test_list_pages_carry_item_lists(built_site: Path):
    (item_list,) = json_ld_blocks((built_site / "opleidingen/index.html").read_text())
    assert item_list["@type"] == "ItemList"
    cards = len(re.findall(r'<li class="course-card"', (built_site / "opleidingen/index.html").read_text()))
    assert item_list["numberOfItems"] == cards == len(item_list["itemListElement"])


def test_item_list_text_is_what_tojson_makes_of_the_item_list():
    """List pages write the item list from entries encoded once per course: the same text as `tojson` of the dict."""
    import dataclasses

    from jinja2.utils import htmlsafe_json_dumps

    from builder import structured_data, urls
    from builder.content import load_content
    from builder.model import build_catalogue
    from builder.problems import Problems
    from tests.conftest import SAMPLE_TODAY

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    first = catalogue.courses[0]
    awkward = dataclasses.replace(first, id="x-<&>", title="Koken & <bakken> voor 'beginners' \"één\" \u2028 ✓")
    courses = (*catalogue.courses[1:], awkward)
    for base_url in (BASE, "https://example.org/gids/?x=<1>&y='2'"):
        links = urls.Links(base_url, "/")
        text = structured_data.ItemListJsonLd(links)
        for some, first_position in ((courses, 1), (courses[:3], 101), ((), 1)):
            expected = htmlsafe_json_dumps(structured_data.item_list_json_ld(some, links, first_position), sort_keys=True)
            assert text(some, first_position) == expected
            assert text(some, first_position) == expected  # from the entries encoded the first time
        replaced = dataclasses.replace(awkward, title="Nieuwe titel")  # the model made a new course object: encoded anew
        assert "Nieuwe titel" in text((replaced,)) and "beginners" not in text((replaced,))


def test_description_html_is_converted_once_per_text_and_site_address():
    """Open data converts each distinct description once; another site address is another conversion."""
    from builder import urls
    from builder.formatting import render_markdown
    from builder.publishing import description_html

    text = "Zie [over ons](/over/) en **meer**."
    here, there = urls.Links(BASE, "/"), urls.Links("https://elders.example/gids/", "/gids/")
    assert description_html(text, here) == str(render_markdown(text, here.absolute)).strip()
    assert 'href="https://scholing.example.org/over/"' in description_html(text, here)
    assert 'href="https://elders.example/gids/over/"' in description_html(text, there)
    assert description_html(text, here) is description_html(text, here)


def test_open_data_matches_schema_and_content(built_site: Path):
    document = json.loads((built_site / "data/opleidingen.json").read_text())
    schema = json.loads((ROOT / "docs/opleidingen.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    by_id = {c["id"]: c for c in document["courses"]}
    assert document["count"] == len(by_id) == len(list((built_site / "opleidingen").glob("*/index.html")))
    vca = by_id["vca-basis"]
    assert vca["url"] == BASE + "opleidingen/vca-basis/"
    assert vca["price"] == {"amount": 225, "vat": "excluded", "extra_costs": 45, "total": 270, "total_incl_vat": 326.7, "currency": "EUR"}
    assert {"place": "Assen", "region": "drenthe"} in vca["locations"]


def test_pages_have_csp_canonical_and_open_graph_and_hashed_assets(built_site: Path):
    for page in [built_site / "index.html", *sorted(built_site.glob("*/*/index.html"))[:40]]:
        html = page.read_text()
        assert "script-src 'self'" in html and "default-src 'self'" in html
        assert re.search(r"<script>(?!</script>)", html) is None, f"inline script in {page}"
        assert 'property="og:title"' in html and '<meta name="description"' in html
        assert '<link rel="canonical" href="https://scholing.example.org/' in html
        for asset in re.findall(r'(?:href|src)="(/assets/[^"]+)"', html):
            assert re.search(r"\.[0-9a-f]{10}\.\w+$", asset), asset


def test_more_pages_than_one_sitemap_holds_give_a_sitemap_index():
    from builder import urls
    from builder.assets import collect_assets
    from builder.config import find_node_modules
    from builder.content import load_content
    from builder.model import build_catalogue
    from builder.problems import Problems
    from builder.publishing import sitemaps
    from builder.render import make_environment, page_specs
    from tests.conftest import SAMPLE_TODAY, TEMPLATES

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)
    env = make_environment(TEMPLATES, links, collect_assets(TEMPLATES, find_node_modules(ROOT)))
    specs = list(page_specs(catalogue))
    listed = [spec.path for spec in specs if spec.in_sitemap]
    assert set(sitemaps(catalogue, specs, env)) == {"sitemap.xml"}
    files = sitemaps(catalogue, specs, env, limit=50)
    parts = sorted(path for path in files if path != "sitemap.xml")
    assert len(parts) == -(-len(listed) // 50)
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [s.find(f"{SITEMAP}loc").text for s in index] == [BASE + f"sitemaps/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    found = [u.find(f"{SITEMAP}loc").text for part in parts for u in ET.fromstring(files[part])]
    assert found == [BASE + path for path in listed]


HOSTILE = (
    '<script>alert("xss-1")</script><img src=x onerror="xss2()"> <iframe src="https://evil.example/"></iframe>'
    '<style>body{display:none}</style> <a href="https://voorbeeld.nl/" onmouseover="xss3()">klik</a> <b>vet</b>'
)
HOSTILE_TRACES = ("xss-1", "xss2", "xss3", "evil.example", "display:none", "<iframe")


def test_raw_html_from_editors_reaches_no_output(content_copy: Path, tmp_path: Path):
    from tests.conftest import run_build

    course = content_copy / "courses/vca-basis.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("description: |\n", f"description: |\n  {HOSTILE}\n", 1), encoding="utf-8")
    provider = content_copy / "providers/bouwschool-noord.yaml"
    provider.write_text(provider.read_text(encoding="utf-8").replace("description: ", f"description: '{HOSTILE} ", 1).rstrip() + "'\n")
    site = tmp_path / "site"
    result = run_build(content_copy, site)
    assert result.ok, [p.format() for p in result.problems.errors]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert not [trace for trace in HOSTILE_TRACES if trace in text], path.relative_to(site)
    record = next(c for c in json.loads((site / "data/opleidingen.json").read_text())["courses"] if c["id"] == "vca-basis")
    assert "<" not in record["description"] and record["description"].startswith("klik vet ")
    page = (site / "opleidingen/vca-basis/index.html").read_text(encoding="utf-8")
    assert '<a href="https://voorbeeld.nl/" rel="noopener">klik</a> <b>vet</b>' in record["description_html"]
    assert record["description_html"] in page  # the same sanitised text the page shows


def test_open_data_made_record_by_record_is_json_dumps_of_the_whole_document(built_site: Path):
    """Records are serialised (and, in serve, cached) one by one: the file must be what one json.dumps writes."""
    data = (built_site / "data/opleidingen.json").read_bytes()
    document = json.loads(data)
    assert len(document["courses"]) > 10
    assert data == (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def test_open_data_streamed_to_a_file_is_the_same_bytes_and_left_out_of_the_result():
    """A build has the open data written piece by piece (stream=...); serve takes it whole: the same file."""
    from builder import urls
    from builder.assets import collect_assets
    from builder.config import find_node_modules
    from builder.content import load_content
    from builder.model import build_catalogue
    from builder.problems import Problems
    from builder.publishing import OPEN_DATA_PATH, publishing_files
    from builder.render import make_environment, page_specs
    from tests.conftest import SAMPLE_TODAY, TEMPLATES

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)
    env = make_environment(TEMPLATES, links, collect_assets(TEMPLATES, find_node_modules(ROOT)))
    specs = list(page_specs(catalogue))
    whole = publishing_files(catalogue, specs, links, env)
    streamed: dict[str, bytes] = {}
    rest = publishing_files(catalogue, specs, links, env, stream=lambda path, parts: streamed.update({path: b"".join(parts)}))
    assert streamed == {OPEN_DATA_PATH: whole[OPEN_DATA_PATH]}
    assert rest == {path: data for path, data in whole.items() if path != OPEN_DATA_PATH}

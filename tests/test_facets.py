"""Filter facets and sort orders: one meaning per option, orders the cards and the search data agree on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import facets
from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search.index import sort_orders
from tests.conftest import SAMPLE, SAMPLE_TODAY


@pytest.fixture(scope="module")
def catalogue():
    return build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)


def test_online_is_a_form_not_a_region(catalogue):
    groups = {facet.key: facet for facet in facets.facets_for(catalogue)}
    assert [o.value for o in groups["regio"].options] == [r.id for r in catalogue.regions]
    assert "online" in [o.value for o in groups["vorm"].options]
    for course in catalogue.courses:
        values = facets.course_facets(course)
        assert "online" not in values["regio"]
        assert values["vorm"] == [course.form]


def test_every_browse_link_of_an_option_is_a_page(catalogue, built_site: Path):
    linked = [o.browse for facet in facets.facets_for(catalogue) for o in facet.options if o.browse]
    assert len(linked) > 20
    for path in linked:
        assert (built_site / path / "index.html").is_file(), path


def test_courses_carry_their_place_ids_for_distances(catalogue):
    emmen = catalogue.place_named("Emmen")
    in_emmen = [c for c in catalogue.courses if "emmen" in facets.course_facets(c)["plaats"]]
    assert in_emmen and all("Emmen" in c.places for c in in_emmen)
    assert emmen is not None
    online = [c for c in catalogue.courses if c.form == "online"]
    assert online and all(facets.course_facets(c)["plaats"] == [] for c in online)


def test_sort_orders_by_price_incl_vat_and_first_start(catalogue):
    courses = catalogue.courses
    orders = sort_orders(courses)
    prices = [courses[n].price.total_incl_vat if courses[n].price else float("inf") for n in orders["price"]]
    assert prices == sorted(prices)
    assert sorted(orders["price"]) == list(range(len(courses)))
    starts = [courses[n] for n in orders["start"]]
    continuous = [c.continuous for c in starts]
    assert continuous == sorted(continuous, reverse=True)  # 'doorlopend' first: you can start now
    dated = [c.next_start for c in starts if not c.continuous and c.next_start]
    assert dated == sorted(dated)


def test_places_file_for_the_browser_follows_the_place_pages(catalogue, built_site: Path):
    data = json.loads((built_site / "data/plaatsen.json").read_text(encoding="utf-8"))
    assert "GeoNames" in data["source"]
    ids = [p["id"] for p in data["places"]]
    assert ids == [p.id for _, group in catalogue.places_by_province for p in group]
    emmen = next(p for p in data["places"] if p["id"] == "emmen")
    assert emmen == {"id": "emmen", "name": "Emmen", "municipality": "Emmen", "province": "Drenthe", "lat": 52.77917, "lon": 6.90694}


def test_cards_carry_the_price_the_sort_uses(built_site: Path):
    html = (built_site / "opleidingen/index.html").read_text(encoding="utf-8")
    assert 'data-id="monteur-zonnepanelen"' in html
    card = html[html.index('data-id="monteur-zonnepanelen"') :][:2000]
    assert 'data-price="2359.5"' in card
    assert 'data-plaats="' in card

"""The catalogue model: the figures pages, filters and search all show."""

from __future__ import annotations

import re

import pytest

import builder.model
from builder.content import load_content
from builder.facets import price_band
from builder.model import Catalogue, Price, build_catalogue, distance_km
from builder.problems import Problems
from tests.conftest import SAMPLE, SAMPLE_TODAY


@pytest.fixture(scope="module")
def built_catalogue() -> Catalogue:
    return build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)


@pytest.mark.parametrize(
    ("amount", "vat", "extra", "incl", "excl"),
    [
        (1950, "excluded", 0, 2359.5, 1950),  # the provider quotes companies; a private person pays 21% more
        (225, "excluded", 45, 326.7, 270),  # VAT on the exam fee too
        (189, "included", 0, 189, 156.2),
        (695, "exempt", 85, 780, 780),  # education exempt from VAT: one figure for everyone
        (0, "exempt", 0, 0, 0),
    ],
)
def test_price_incl_and_excl_vat(amount, vat, extra, incl, excl):
    price = Price(amount, vat, extra, None)
    assert price.total_incl_vat == incl
    assert price.total_excl_vat == excl
    assert price.has_vat is (vat != "exempt")


def test_parts_add_up_to_the_total_shown():
    price = Price(1195, "excluded", 195, "examengeld")
    assert (price.amount_incl_vat, price.extra_costs_incl_vat, price.total_incl_vat) == (1445.95, 235.95, 1681.9)
    odd = Price(0.05, "excluded", 0.05, None)  # each part rounds up; the total is their sum, not a separate rounding
    assert odd.total_incl_vat == odd.amount_incl_vat + odd.extra_costs_incl_vat == 0.12


def test_price_band_uses_the_amount_incl_vat(built_catalogue):
    by_id = {c.id: c for c in built_catalogue.courses}
    # stated as € 1.950 excl. VAT, so € 2.359,50 for a private person: more than € 2.000, not "€ 500 tot € 2.000"
    assert by_id["monteur-zonnepanelen"].price.total_incl_vat == 2359.5
    assert price_band(by_id["monteur-zonnepanelen"]) == "meer"
    for course in built_catalogue.courses:
        if course.price and not course.price.is_free:
            total = course.price.total_incl_vat
            band = price_band(course)
            assert (band == "tot-500") == (total <= 500) and (band == "meer") == (total > 2000), course.id


def test_only_schemes_open_to_applications_may_pay(content_copy):
    path = content_copy / "courses" / "monteur-zonnepanelen.yaml"
    path.write_text(path.read_text().replace("funding: [scholingsbudget-noord]", "funding: [stap, scholingsbudget-noord]"))
    problems = Problems()
    catalogue = build_catalogue(load_content(content_copy, problems, SAMPLE_TODAY), SAMPLE_TODAY)
    assert not problems.errors
    course = next(c for c in catalogue.courses if c.id == "monteur-zonnepanelen")
    assert [f.id for f in course.funding] == ["stap", "scholingsbudget-noord"]
    assert [f.id for f in course.open_funding] == ["scholingsbudget-noord"]  # STAP has ended


def test_distance_between_places(built_catalogue):
    emmen, meppel, klazienaveen = (built_catalogue.place_named(n) for n in ("Emmen", "Meppel", "Klazienaveen"))
    assert 48 < distance_km(emmen, meppel) < 52  # about 50 km as the crow flies
    assert distance_km(emmen, emmen) == 0
    assert distance_km(emmen, klazienaveen) == pytest.approx(distance_km(klazienaveen, emmen))
    assert 8 < distance_km(emmen, klazienaveen) < 9  # 0.055° north (6.1 km), 0.083° east at 52.7° N (5.6 km)


def test_courses_near_emmen_start_in_emmen_and_grow_in_distance(built_catalogue):
    emmen = built_catalogue.place_named("Emmen")
    near = built_catalogue.courses_near(emmen)
    in_emmen = [c for c in built_catalogue.courses if "Emmen" in c.places]
    assert in_emmen and [n.course for n in near[: len(in_emmen)]] == sorted(in_emmen, key=lambda c: (c.title.casefold(), c.id))
    assert all(n.km == 0 and n.place == emmen for n in near[: len(in_emmen)])
    distances = [n.km for n in near]
    assert distances == sorted(distances) and max(distances) <= 50
    assert len({n.course.id for n in near}) == len(near)  # a course given in several places appears once, at its nearest
    # Leeuwarden is about 100 km away: its courses are not "near Emmen" unless they are also given closer by
    for n in near:
        assert n.place.name in n.course.places
    assert not any(c.form == "online" for c in (n.course for n in near))


def test_place_pages_group_by_nearest_place_with_distance(built_site):
    html = (built_site / "plaatsen/emmen/index.html").read_text()
    headings = re.findall(r'<h3 class="nearby-place">(.*?)</h3>', html)
    assert headings[0] == "In Emmen"
    kms = [int(km) for km in re.findall(r'<span class="nearby-place__km">(\d+) km van Emmen</span>', " ".join(headings))]
    assert kms == sorted(kms) and kms and kms[-1] <= 50
    index = (built_site / "plaatsen/index.html").read_text()
    assert 'href="/plaatsen/emmen/"' in index and 'href="/plaatsen/klazienaveen/"' in index
    assert "https://scholing.example.org/plaatsen/emmen/" in (built_site / "sitemap.xml").read_text()


@pytest.mark.parametrize("limit", [0, 1, 5, 12, 40])
def test_a_place_lists_whole_places_nearest_first_up_to_the_limit_and_links_the_rest(built_catalogue, limit, monkeypatch):
    emmen = built_catalogue.place_named("Emmen")
    near = built_catalogue.courses_near(emmen)
    reach = built_catalogue.place_reach(emmen, limit)
    listed = {n.place for n in reach.courses}
    assert emmen in listed  # its own courses always, however many
    # whole places, the nearest ones, in the order of the full list
    assert list(reach.courses) == [n for n in near if n.place in listed]
    assert len(listed) == 1 or len(reach.courses) <= limit
    monkeypatch.setattr(builder.model, "PLACE_PAGE_COURSES", limit)
    assert built_catalogue.count_place_reach(emmen) == len(reach.courses)  # what the search index shows
    assert reach.radius_km == max(n.km for n in reach.courses)
    # every other place within reach is linked, nearest first, with the courses given there
    assert {n.place for n in near} == listed | {f.place for f in reach.farther}
    kms = [f.km for f in reach.farther]
    assert kms == sorted(kms) and all(reach.radius_km <= km <= 50 for km in kms)
    for found in reach.farther:
        assert found.courses == sum(found.place.name in c.places for c in built_catalogue.courses)
    if reach.farther:  # the first place left out did not fit
        first = reach.farther[0].place
        assert len(reach.courses) + sum(n.place == first for n in near) > limit


def test_a_small_catalogue_lists_everything_within_reach(built_catalogue):
    emmen = built_catalogue.place_named("Emmen")
    reach = built_catalogue.place_reach(emmen)
    assert reach.courses == built_catalogue.courses_near(emmen) and reach.farther == ()


def test_similar_courses_share_a_sector_sit_at_the_nearest_level_and_start_soonest(built_catalogue):
    by_id = {c.id: c for c in built_catalogue.courses}
    for course in built_catalogue.courses:
        similar = built_catalogue.similar_to(course)
        assert course.id not in {c.id for c in similar} and len({c.id for c in similar}) == len(similar) <= 3
        for other in similar:
            assert set(other.sectors) & set(course.sectors), (course.id, other.id)
    solar = by_id["monteur-zonnepanelen"]
    similar = built_catalogue.similar_to(solar)
    same_level = [c for c in built_catalogue.courses if c.id != solar.id and c.level == solar.level and set(c.sectors) & set(solar.sectors)]
    assert len(same_level) >= 1 and similar[0].id in {c.id for c in same_level}
    # the same-level candidates shown are the ones that start soonest
    shown = [c for c in similar if c.level == solar.level]
    soonest = sorted(same_level, key=lambda c: (built_catalogue.days_to_start(c), c.title.casefold()))[: len(shown)]
    assert {c.id for c in shown} == {c.id for c in soonest}


def test_a_rebuilt_catalogue_keeps_nearby_courses_exactly_as_computed_afresh(tmp_path):
    """serve: each place's nearby courses are carried over and patched with the changed courses (`keep_nearby`)."""
    import random
    import shutil

    content_dir = tmp_path / "content"
    shutil.copytree(SAMPLE, content_dir)
    rng = random.Random(3)
    previous = build_catalogue(load_content(content_dir, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    for place in previous.places:
        previous.courses_near(place)
    with_places = [c for c in previous.courses if c.places]
    for round_ in range(4):
        changed = rng.sample(with_places, 3)
        path = content_dir / "courses" / f"{changed[0].id}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^title: .*$", f"title: 'A {round_} eerst'", text, count=1, flags=re.M), encoding="utf-8")
        (content_dir / "courses" / f"{changed[1].id}.yaml").unlink(missing_ok=True)
        source = content_dir / "courses" / f"{changed[2].id}.yaml"
        if source.exists():
            shutil.copy(source, content_dir / "courses" / f"kopie-{round_}.yaml")
        content = load_content(content_dir, Problems(), SAMPLE_TODAY)
        kept = build_catalogue(content, SAMPLE_TODAY, previous=previous)
        assert kept._near, "carried over"
        fresh = build_catalogue(content, SAMPLE_TODAY)
        own = {id(c) for c in kept.courses}
        for place in fresh.places:
            near = kept.courses_near(place)
            # a fresh catalogue has its own skill objects: compare by id, and the kept courses must be the new model's
            assert [(n.course.id, n.place, n.km) for n in near] == [(n.course.id, n.place, n.km) for n in fresh.courses_near(place)]
            assert all(id(n.course) in own for n in near), place.id
        previous = kept
        with_places = [c for c in previous.courses if c.places]


def test_duration_labels_read_as_dutch():
    from builder.model import Duration

    assert [Duration(n, unit).label for n, unit in [(1, "weken"), (8, "weken"), (3, "maanden"), (1, "dagen"), (5, "dagen")]] == [
        "1 week",
        "8 weken",
        "3 maanden",
        "1 dag",
        "5 dagen",
    ]
    after_a_number = [Duration(n, unit).label for n, unit in [(4, "jaren"), (1, "jaren"), (40, "uren"), (1, "uren")]]
    assert after_a_number == ["4 jaar", "1 jaar", "40 uur", "1 uur"]

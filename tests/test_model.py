"""The catalogue model: the figures pages, filters and search all show."""

from __future__ import annotations

import pytest

from builder.content import load_content
from builder.facets import price_band
from builder.model import Catalogue, Price, build_catalogue
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

"""Near me without JavaScript: a visitor from Emmen finds the courses in Emmen first, then nearby ones with distances."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture(params=(375, 1280), ids=lambda width: f"{width}px")
def no_js_sized_page(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900}, java_script_enabled=False, locale="nl-NL")
    yield context.new_page()
    context.close()


def test_from_home_to_courses_near_emmen(no_js_sized_page, site_url):
    page = no_js_sized_page
    page.goto(site_url)
    page.get_by_role("link", name="opleidingen bij jou in de buurt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleidingen in de buurt")
    expect(page.get_by_role("heading", level=2, name="Drenthe")).to_be_visible()
    page.get_by_role("link", name="Emmen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/plaatsen/emmen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleidingen in en rond Emmen")
    expect(page.get_by_text("Emmen ligt in de gemeente Emmen, provincie Drenthe.")).to_be_visible()
    groups = page.locator("h3.nearby-place")
    expect(groups.first).to_have_text("In Emmen")
    # the first course shown is given in Emmen itself
    first_card = page.locator(".course-card").first
    expect(first_card.locator(".course-card__facts")).to_contain_text("Emmen")
    kms = [int(re.search(r"(\d+) km van Emmen", text).group(1)) for text in groups.all_inner_texts()[1:]]
    assert kms and kms == sorted(kms) and kms[-1] <= 50
    assert "Stadskanaal" in groups.nth(1).inner_text()  # the nearest other place with courses, 24 km
    # Leeuwarden is about 100 km away
    expect(page.locator("h3.nearby-place", has_text="Leeuwarden")).to_have_count(0)
    page.get_by_role("link", name=re.compile("opleidingen volg je helemaal online")).click()
    expect(page).to_have_url(re.compile(r"/regio/online/$"))


def test_course_page_links_its_places(no_js_sized_page, site_url):
    page = no_js_sized_page
    page.goto(site_url + "opleidingen/vca-basis/")
    where = page.locator(".course__facts dd").filter(has_text="Klassikaal")
    where.get_by_role("link", name="Emmen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleidingen in en rond Emmen")
    expect(page.locator(".course-card").filter(has=page.get_by_role("link", name="VCA Basis: veilig werken"))).to_be_visible()

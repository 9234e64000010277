"""A visitor's way through the site: choose a situation, follow a course, reach the provider."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import crawl


def test_from_home_to_situation_to_course(page, site_url):
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholingsgids Noord")
    situations = page.locator(".situation-card")
    expect(situations).to_have_count(5)
    page.get_by_role("link", name=re.compile("Ik wil overstappen naar ander werk")).click()
    expect(page).to_have_url(re.compile(r"/situaties/overstappen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik wil overstappen naar ander werk of een andere sector")
    expect(page.get_by_role("heading", name="Zo pak je het aan")).to_be_visible()
    expect(page.get_by_role("heading", name="Regelingen die kunnen helpen betalen")).to_be_visible()
    page.get_by_role("link", name="Basiscursus lassen MIG/MAG").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Basiscursus lassen MIG/MAG")
    facts = page.locator(".course__facts")
    expect(facts).to_contain_text("€ 780 in totaal. Er komt geen btw bij.", use_inner_text=True)  # explanations stay closed
    expect(facts).to_contain_text("Geen niveau-eis")
    expect(facts).to_contain_text("Assen, Groningen")
    cta = page.get_by_role("link", name="Naar de opleiding bij Techniekhuis Noord (voorbeeld)")
    expect(cta).to_have_attribute("href", "https://techniekhuis.example.org/opleidingen/basiscursus-lassen-mig-mag")


def test_skip_link_is_first_and_moves_focus(page, site_url):
    page.goto(site_url + "opleidingen/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#inhoud$"))


def test_filters_narrow_the_list_and_live_in_the_url(page, site_url):
    page.goto(site_url + "opleidingen/")
    count = page.locator("[data-result-count]")
    total = int(count.inner_text().split()[0])
    assert total >= 60
    page.get_by_role("checkbox", name=re.compile("^Zorg en welzijn")).check()
    expect(page).to_have_url(re.compile(r"sector=zorg"))
    zorg = int(count.inner_text().split()[0])
    assert 0 < zorg < total
    page.get_by_role("checkbox", name=re.compile("^Drenthe")).check()
    both = int(count.inner_text().split()[0])
    assert 0 < both < zorg
    visible = page.locator(".course-card:visible")
    expect(visible).to_have_count(both)
    expect(page).to_have_url(re.compile(r"\?sector=zorg&regio=drenthe$"))
    page.reload()  # the link holds the choice
    expect(count).to_have_text(f"{both} {'opleiding' if both == 1 else 'opleidingen'}")
    expect(page.get_by_role("checkbox", name=re.compile("^Drenthe"))).to_be_checked()


def test_zero_options_are_marked_not_hidden(page, site_url):
    page.goto(site_url + "opleidingen/?sector=zorg")
    option = page.locator(".filters__option", has=page.get_by_role("checkbox", name=re.compile("^wo-master")))
    expect(option).to_be_visible()
    expect(option).to_contain_text("(0)")
    expect(option.get_by_role("checkbox")).to_be_disabled()


def test_without_javascript_every_page_works_and_browsing_replaces_filters(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "opleidingen/")
    expect(page.locator("[data-filter-sidebar]")).to_be_hidden()
    expect(page.locator("[data-list-tools]")).to_be_hidden()
    expect(page.locator("[data-browse-instead]")).to_be_visible()
    page.get_by_role("link", name="sector", exact=True).click()
    page.get_by_role("link", name=re.compile("^Zorg en welzijn")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorg en welzijn")
    page.locator(".course-card__title a").first.click()
    expect(page.locator(".course__facts")).to_be_visible()
    page.goto(site_url + "zoeken/?q=lassen")
    expect(page.get_by_text("Zoeken werkt alleen met JavaScript.")).to_be_visible()


def test_phone_layout_has_no_horizontal_scroll(phone_page, site_url):
    for path in ("", "opleidingen/", "opleidingen/verpleegkundige-mbo4-bbl/", "situaties/medewerkers/"):
        phone_page.goto(site_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)


def test_unknown_address_shows_the_404_page(page, site_url):
    response = page.goto(site_url + "opleidingen/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("link[rel=stylesheet]")).to_have_count(1)
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"  # the stylesheet loaded


def test_without_javascript_every_course_is_reachable_from_home(no_js_page, site_url, built_site):
    seen = crawl(no_js_page, site_url, "main a[href], header a[href]", keep=lambda url: url.endswith("/") and "/zoeken/" not in url)
    reached = {u[len(site_url) :] for u in seen if u.startswith(site_url + "opleidingen/") and u.count("/") > 4}
    courses = {f"opleidingen/{p.parent.name}/" for p in (built_site / "opleidingen").glob("*/index.html")}
    assert reached == courses
    for section in ("vaardigheden", "beroepen", "overstappen"):  # skills, occupations and every transition page
        pages = {str(p.parent.relative_to(built_site)) + "/" for p in (built_site / section).rglob("index.html")}
        assert len(pages) > 15
        assert pages <= {u[len(site_url) :] for u in seen}, section

"""WCAG 2.1 A/AA with axe-core on every page type, at phone and desktop width; keyboard-only use."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from builder.config import find_node_modules
from tests.browser.support import serve_directory
from tests.conftest import ENDED_COURSE, ROOT

AXE = find_node_modules(ROOT) / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "home": "",
    "situatie": "situaties/werkzoekend/",
    "opleidingen met filters open": "opleidingen/?sector=zorg",
    "opleiding": "opleidingen/vca-basis/",
    "sector": "sectoren/techniek/",
    "niveau": "niveaus/hbo-bachelor/",
    "regio": "regio/online/",
    "plaatsen": "plaatsen/",
    "plaats": "plaatsen/emmen/",
    "aanbieder": "aanbieders/roc-wadden/",
    "regelingen": "regelingen/",
    "regeling": "regelingen/stap/",
    "zoeken met resultaten": "zoeken/?q=zorg",
    "zoeken zonder resultaten": "zoeken/?q=onderwaterlassen",
    "404": "bestaat-niet/",
    "toegankelijkheid": "toegankelijkheid/",
    "over": "over/",
    "situatie overstappen": "situaties/overstappen/",
    "vaardigheden": "vaardigheden/",
    "vaardigheden gefilterd": "vaardigheden/?q=heftruck",
    "vaardigheden niets gevonden": "vaardigheden/?q=xqzwv",
    "zoeken met beroep en vaardigheid": "zoeken/?q=heftruck",
    "vaardigheid": "vaardigheden/heftruck-besturen/",
    "beroepen": "beroepen/",
    "beroep": "beroepen/magazijnmedewerker/",
    "overstappen": "overstappen/",
    "overstappen van beroep": "overstappen/magazijnmedewerker/",
    "overstap": "overstappen/magazijnmedewerker/naar/monteur-zonnepanelen/",
    "begrippen": "begrippen/",
    "opleiding met uitleg open": "opleidingen/verzorgende-ig-deeltijd/?uitleg",
    "bewaard leeg": "bewaard/",
    "bewaard gedeeld en vergeleken": "bewaard/?ids=verzorgende-ig-deeltijd,monteur-zonnepanelen,vca-basis,barista",
}


@pytest.fixture(scope="module")
def axe_context(browser):
    # bypass_csp: axe is injected as an inline script, which the site's own CSP rightly forbids
    contexts = {width: browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True) for width in (375, 1280)}
    yield contexts
    for context in contexts.values():
        context.close()


def axe_violations(page, url: str, open_filters: bool = False) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if open_filters:
        opener = page.locator("[data-filter-open]")
        if opener.is_visible():  # on a phone: the full-screen filter dialog, checked while open
            opener.click()
            page.locator("[data-filter-dialog]").wait_for(state="visible")
    if "/bewaard/?ids=" in url:
        expect(page.locator("thead th")).to_have_count(3)  # the compare table is drawn
    if url.endswith("?uitleg"):
        page.evaluate("document.querySelectorAll('details.term').forEach(term => { term.open = true; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    page.close()
    assert len(result["passes"]) > 10  # axe really ran
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {', '.join(t for n in v['nodes'] for t in n['target'])}" for v in result["violations"]
    ]
    for line in violations:
        print(line)
    return violations


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_axe_violations(axe_context, site_url, name, width):
    assert axe_violations(axe_context[width].new_page(), site_url + PAGE_TYPES[name]) == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "opleidingen/?sector=zorg&regio=drenthe&bij=emmen",
        "situaties/werkzoekend/?sector=zorg&sorteer=prijs",
        "zoeken/?q=zorg&regio=drenthe",
    ],
)
def test_no_axe_violations_with_filters_chips_and_the_open_dialog(axe_context, site_url, path, width):
    assert axe_violations(axe_context[width].new_page(), site_url + path, open_filters=True) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_kept_courses_marked_on_cards_have_no_axe_violations(axe_context, site_url, width):
    page = axe_context[width].new_page()
    page.goto(site_url + "opleidingen/")
    page.evaluate("localStorage.setItem('scholingsgids:bewaard', JSON.stringify([{id: 'barista'}, {id: 'vca-basis'}]))")
    assert axe_violations(page, site_url + "opleidingen/") == []
    page = axe_context[width].new_page()
    try:
        assert axe_violations(page, site_url + "bewaard/") == []
    finally:
        page = axe_context[width].new_page()
        page.goto(site_url + "bewaard/")
        page.evaluate("localStorage.clear()")  # the contexts are shared by this module's tests
        page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_ended_course_page_has_no_axe_violations(axe_context, site_with_ended_course, width):
    with serve_directory(site_with_ended_course) as url:
        assert axe_violations(axe_context[width].new_page(), url + f"opleidingen/{ENDED_COURSE}/") == []


def test_keyboard_only_choose_situation_filter_and_open_course(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    situation = page.get_by_role("link", name=re.compile("^Ik zoek werk"))
    for _ in range(20):
        page.keyboard.press("Tab")
        if situation.evaluate("el => el === document.activeElement"):
            break
    expect(situation).to_be_focused()
    outline = situation.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/situaties/werkzoekend/$"))
    checkbox = page.get_by_role("checkbox", name=re.compile("^Transport en logistiek"))
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    expect(page).to_have_url(re.compile(r"sector=logistiek"))
    first = page.locator(".course-card:visible .course-card__title a").first
    title = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_keyboard_only_search(page, site_url):
    page.goto(site_url + "regelingen/")
    box = page.get_by_role("searchbox", name="Zoek een opleiding")
    for _ in range(15):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    expect(box).to_be_focused()
    page.keyboard.type("heftruck")
    page.keyboard.press("Enter")
    expect(page.locator("[data-search-results] .course-card__title").first).to_have_text("Heftruckcertificaat")


def test_reflow_at_320_px_without_horizontal_scrolling(browser, site_url):
    """WCAG 1.4.10: 1280 px at 400% zoom is 320 CSS px; 200% zoom (640 px) lies between this and desktop."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('[data-filter-dialog]').forEach(dialog => { if (!dialog.open) dialog.show(); })")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    context.close()
    assert too_wide == {}

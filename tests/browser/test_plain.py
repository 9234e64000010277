"""Plain language and honest cards: what a visitor reads before clicking, at phone and laptop width."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def card(page, title: str):
    return page.locator(".course-card").filter(has=page.get_by_role("link", name=title, exact=True))


def test_card_shows_summary_and_who_the_course_is_only_for(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    care = card(page, "Verzorgende IG in deeltijd")
    care.scroll_into_view_if_needed()
    summary = "Haal je diploma verzorgende IG in anderhalf jaar, naast je werk in de zorg."
    expect(care.locator(".course-card__summary")).to_have_text(summary)
    condition = care.locator(".course-card__only-for")
    expect(condition).to_be_visible()
    expect(condition).to_have_text("Alleen voor mensen die al in de zorg werken, bijvoorbeeld als helpende")
    # a course open to everyone says nothing of the kind
    expect(card(page, "Monteur zonnepanelen").locator(".course-card__only-for")).to_have_count(0)
    care.get_by_role("link", name="Verzorgende IG in deeltijd").click()
    expect(page.locator(".course__only-for")).to_have_text("Alleen voor mensen die al in de zorg werken, bijvoorbeeld als helpende")


def test_first_use_of_a_term_opens_by_keyboard_and_shows_the_explanation(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/verzorgende-ig-deeltijd/")
    facts = page.locator(".course__facts")
    explanation = facts.get_by_text("Een lijst met acht niveaus.")
    expect(explanation).to_be_hidden()
    nlqf = facts.locator("summary", has_text="NLQF 3")
    nlqf.focus()
    expect(nlqf).to_be_focused()
    page.keyboard.press("Enter")
    expect(explanation).to_be_visible()
    assert nlqf.evaluate("el => el.parentElement.open") is True
    # the provider's NLQF mark further down is plain text: explained once per page
    expect(page.locator(".quality-marks summary", has_text="NLQF")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(explanation).to_be_hidden()
    page.keyboard.press("Enter")
    facts.get_by_role("link", name="Meer over NLQF").click()
    expect(page).to_have_url(site_url + "begrippen/#nlqf")
    expect(page.locator("#nlqf")).to_be_in_viewport()
    expect(page.locator("#nlqf dt")).to_have_text("NLQF")


def test_glossary_page_lists_every_term_alphabetically_with_anchors(sized_page, site_url):
    page = sized_page
    page.goto(site_url)
    page.get_by_role("link", name="Begrippen: moeilijke woorden uitgelegd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begrippen")
    names = page.locator(".glossary dt").all_inner_texts()
    assert len(names) >= 30
    assert names == sorted(names, key=str.casefold)
    for name in ("Crebo", "NLQF", "EQF", "Keurmerk", "Microcredential", "Associate degree", "O&O-fonds", "Open data", "bbl"):
        assert name in names, name
    page.get_by_role("navigation", name="Begrippen per letter").get_by_role("link", name="O", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="O", exact=True)).to_be_in_viewport()
    expect(page.locator("#o-en-o-fonds dd")).to_contain_text("Een fonds van werkgevers en vakbonden in één sector.")


def test_term_explanation_works_without_javascript(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "aanbieders/roc-wadden/")
    marks = page.locator(".facts")
    summary = marks.locator("summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(marks.locator(".term__text").first).to_be_visible()


def keep_from_list(page, site_url, titles):
    page.goto(site_url + "opleidingen/")
    for title in titles:
        button = card(page, title).locator("[data-keep]")
        expect(button).to_have_accessible_name(f"Bewaar {title}")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_contain_text("Bewaard")


def test_keep_two_courses_reload_and_compare_with_prices_incl_vat(sized_page, site_url):
    page = sized_page
    keep_from_list(page, site_url, ["Monteur zonnepanelen", "VCA Basis: veilig werken"])
    expect(page.get_by_role("link", name="Bewaard (2)")).to_be_visible()
    page.reload()
    kept = card(page, "VCA Basis: veilig werken").get_by_role("button", name="Bewaard VCA Basis: veilig werken")
    expect(kept).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name="Bewaard (2)").click()
    expect(page).to_have_url(site_url + "bewaard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bewaarde opleidingen")
    kept = page.locator(".kept")
    expect(kept).to_have_count(2)
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    headers = table.locator("thead th")
    expect(headers).to_have_text(["Monteur zonnepanelen", "VCA Basis: veilig werken"])
    price = table.locator("tbody", has=page.get_by_role("rowheader", name="Prijs"))
    expect(price.locator("td")).to_have_text(["€ 2.359,50 incl. btw", "€ 326,70 incl. btw"])
    funding = table.locator("tbody", has=page.get_by_role("rowheader", name="Kan (deels) vergoed worden via"))
    expect(funding.locator("td").first).to_have_text("Scholingsbudget Noord (voorbeeld)")
    for row in ("Niveau", "Hoe lang", "Start", "Waar"):
        expect(table.get_by_role("rowheader", name=row)).to_be_visible()
    # the table fits a phone: no sideways scrolling of the page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    # untick one: the table shows the other only; remove one from the list
    page.get_by_role("checkbox", name="Vergelijk VCA Basis: veilig werken").uncheck()
    expect(headers).to_have_text(["Monteur zonnepanelen"])
    page.get_by_role("button", name="Verwijder VCA Basis: veilig werken").click()
    expect(kept).to_have_count(1)
    expect(page.get_by_role("link", name="Bewaard (1)")).to_be_visible()


def test_compare_at_most_three(page, site_url):
    titles = ["Monteur zonnepanelen", "VCA Basis: veilig werken", "Barista: koffie zetten als een vakman", "Verzorgende IG in deeltijd"]
    keep_from_list(page, site_url, titles)
    page.goto(site_url + "bewaard/")
    expect(page.locator(".kept")).to_have_count(4)
    expect(page.locator("thead th")).to_have_count(3)
    fourth = page.get_by_role("checkbox", name="Vergelijk Verzorgende IG in deeltijd")
    expect(fourth).not_to_be_checked()
    fourth.click()
    expect(fourth).not_to_be_checked()
    expect(page.locator("[data-keep-page-status]")).to_have_text("Je kunt 3 opleidingen tegelijk vergelijken. Haal eerst een vinkje weg.")
    row = page.locator("tbody", has=page.get_by_role("rowheader", name="Alleen voor"))
    expect(row.locator("td")).to_have_count(3)


def test_shared_list_opens_in_a_fresh_browser_and_can_be_kept(browser, sized_page, site_url):
    page = sized_page
    keep_from_list(page, site_url, ["Verzorgende IG in deeltijd", "Monteur zonnepanelen"])
    page.goto(site_url + "bewaard/")
    link = page.get_by_label("Link naar deze lijst")
    expect(link).to_have_value(site_url + "bewaard/?ids=verzorgende-ig-deeltijd,monteur-zonnepanelen")
    shared = link.input_value()
    fresh = browser.new_context(viewport=page.viewport_size, locale="nl-NL")
    other = fresh.new_page()
    other.goto(shared)
    expect(other.get_by_role("heading", level=1)).to_have_text("Gedeelde lijst")
    expect(other.locator(".kept__title")).to_have_text(["Verzorgende IG in deeltijd", "Monteur zonnepanelen"])
    expect(other.locator("thead th")).to_have_text(["Verzorgende IG in deeltijd", "Monteur zonnepanelen"])
    condition = "Alleen voor mensen die al in de zorg werken, bijvoorbeeld als helpende"
    expect(other.locator(".kept .course-card__only-for")).to_have_text([condition])
    expect(other.get_by_role("link", name=re.compile("^Bewaard"))).to_be_hidden()  # nothing kept in this browser yet
    other.get_by_role("button", name="Bewaar deze lijst").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Je bewaarde opleidingen")
    expect(other).to_have_url(site_url + "bewaard/")
    expect(other.get_by_role("link", name="Bewaard (2)")).to_be_visible()
    fresh.close()


def test_every_sample_course_is_found_by_its_id(page, site_url, built_site):
    ids = sorted(p.parent.name for p in (built_site / "opleidingen").glob("*/index.html"))
    page.goto(site_url + "bewaard/")
    found = page.evaluate("ids => window.ScholingKeep.resolve(ids).then(rs => rs.map(r => r && r.u))", ids)
    assert found == [f"opleidingen/{i}/" for i in ids]


def test_keep_on_the_course_page(page, site_url):
    page.goto(site_url + "opleidingen/barista/")
    button = page.get_by_role("button", name="Bewaar deze opleiding")
    button.click()
    expect(page.locator(".share [data-keep]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".share [data-keep]")).to_have_text("Bewaard")
    expect(page.get_by_role("link", name="Bewaard (1)")).to_be_visible()


def test_without_javascript_nothing_promises_keeping(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "opleidingen/")
    expect(page.get_by_role("button", name=re.compile("^Bewaar"))).to_have_count(0)
    page.goto(site_url + "opleidingen/barista/")
    expect(page.get_by_role("button", name=re.compile("^Bewaar"))).to_have_count(0)
    page.goto(site_url + "bewaard/")
    expect(page.locator("[data-keep-nojs]")).to_contain_text("Bewaren en vergelijken werkt alleen als JavaScript aan staat.")
    expect(page.get_by_role("table")).to_have_count(0)

"""Honest prices: cards and course pages show what a private person pays, incl. VAT, and who may pay it."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def card(page, title: str):
    return page.locator(".course-card").filter(has=page.get_by_role("link", name=title, exact=True))


def test_card_shows_the_price_incl_vat_and_who_may_pay(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    solar = card(page, "Monteur zonnepanelen")
    solar.scroll_into_view_if_needed()
    price = solar.locator(".course-card__facts dd.price")
    # the provider states € 1.950 excl. VAT; a private person pays € 2.359,50
    expect(price).to_contain_text("€ 2.359,50 incl. btw")
    expect(price).to_contain_text("€ 1.950 excl. btw")
    expect(price).to_be_visible()
    note = solar.locator(".funding-note")
    expect(note).to_be_visible()
    expect(note).to_have_text("Kan (deels) vergoed worden via Scholingsbudget Noord (voorbeeld).")
    note.get_by_role("link", name="Scholingsbudget Noord (voorbeeld)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholingsbudget Noord (voorbeeld)")


def test_exempt_and_free_courses_say_so(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    welding = card(page, "Basiscursus lassen MIG/MAG").locator("dd.price")
    expect(welding).to_have_text(re.compile(r"^\s*€\s780, geen btw\s*$"))  # € 695 + € 85 extra costs, no VAT
    free = card(page, "Digitale basisvaardigheden: veilig online")
    expect(free.locator("dd.price")).to_have_text("Gratis")
    expect(free.locator(".funding-note")).to_have_count(0)  # nothing to pay, nothing to fund


def test_course_page_explains_the_price(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/vca-basis/")
    facts = page.locator(".course__facts")
    expect(facts).to_contain_text("€ 326,70 in totaal incl. btw.", use_inner_text=True)  # glossary explanations stay closed
    expect(facts).to_contain_text("Dat is € 272,25 voor de opleiding en € 54,45 verplichte extra kosten (examengeld).")
    expect(facts).to_contain_text("Voor bedrijven: € 270 excl. btw.")
    page.goto(site_url + "opleidingen/basiscursus-lassen-mig-mag/")
    facts = page.locator(".course__facts")
    expect(facts).to_contain_text("€ 780 in totaal. Er komt geen btw bij.", use_inner_text=True)
    expect(facts).not_to_contain_text("excl. btw")
    expect(facts.locator(".funding-note")).to_contain_text("Kan (deels) vergoed worden via Opleidingsfonds Techniek")


def test_price_filter_uses_the_amount_incl_vat(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/?prijs=tot-500")
    visible = page.locator(".course-card:visible")
    expect(visible.first).to_be_visible()
    amounts = []
    for text in visible.locator("dd.price").all_inner_texts():
        match = re.match(r"€\s([\d.]+(?:,\d\d)?)", text)
        assert match, text
        amounts.append(float(match.group(1).replace(".", "").replace(",", ".")))
    assert amounts and max(amounts) <= 500
    page.goto(site_url + "opleidingen/?prijs=tot-2000")
    expect(card(page, "Monteur zonnepanelen")).to_be_hidden()

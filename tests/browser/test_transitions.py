"""A visitor on a phone who wants other work: from 'Ik wil overstappen' to the courses and funding for one move."""

from __future__ import annotations

import re

from playwright.sync_api import expect

GROWTH_SECTORS = ("Zorg en welzijn", "Techniek en installatie", "ICT en digitaal", "Onderwijs en kinderopvang", "Energie en duurzaamheid")


def test_phone_from_situation_to_transition_courses_and_funding(phone_page, site_url):
    page = phone_page
    page.goto(site_url)
    page.get_by_role("link", name=re.compile("^Ik wil overstappen")).click()
    expect(page).to_have_url(re.compile(r"/situaties/overstappen/$"))
    question = page.get_by_role("heading", name="Wat is je beroep nu?")
    expect(question).to_be_visible()
    page.get_by_role("region", name="Wat is je beroep nu?").get_by_role("link", name="Magazijnmedewerker", exact=True).click()

    expect(page).to_have_url(re.compile(r"/overstappen/magazijnmedewerker/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstappen als magazijnmedewerker")
    routes = page.locator(".route-card")
    assert routes.count() >= 3
    for index in range(routes.count()):
        card = routes.nth(index)
        expect(card.locator(".route-card__sector")).to_contain_text(re.compile("|".join(GROWTH_SECTORS)))
        expect(card.locator(".coverage__text")).to_have_text(re.compile(r"^Je hebt al \d+ van de \d+ kernvaardigheden van "))
        box = card.bounding_box()
        assert box and box["width"] <= 375

    page.get_by_role("link", name="Monteur zonnepanelen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/overstappen/magazijnmedewerker/naar/monteur-zonnepanelen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Van magazijnmedewerker naar monteur zonnepanelen")
    expect(page.locator(".coverage__text").first).to_have_text("Je hebt al 4 van de 11 kernvaardigheden van monteur zonnepanelen.")
    learn = page.get_by_role("region", name="Dit leer je nog")
    expect(learn.get_by_role("link", name="Zonnepanelen monteren")).to_be_visible()
    courses = page.get_by_role("region", name="Opleidingen die helpen").locator(".gap-course")
    first = courses.first
    expect(first.get_by_role("heading")).to_have_text("Monteur zonnepanelen")
    expect(first).to_contain_text("Leert je 5 van de 7 kernvaardigheden die je nog mist")
    expect(first).to_contain_text("incl. btw")
    expect(first).to_contain_text("6 weken")
    funding = page.get_by_role("region", name="Wie kan de opleiding betalen?")
    expect(funding.get_by_role("link", name="Opleidingsfonds Techniek (voorbeeld)")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Naar Leerwerkloket"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    first.get_by_role("link", name="Monteur zonnepanelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monteur zonnepanelen")
    expect(page.get_by_role("link", name="Zonnepanelen monteren")).to_be_visible()  # what the course teaches


def test_more_courses_open_without_javascript(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "overstappen/magazijnmedewerker/naar/elektromonteur/")
    more = page.locator("details.more").filter(has=page.locator(".gap-course"))
    hidden = more.locator(".gap-course").first
    expect(hidden).to_be_hidden()
    more.locator("summary").click()
    expect(hidden).to_be_visible()

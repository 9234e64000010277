"""Plain language and honest cards: what a visitor reads before clicking, at phone and laptop width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

WIDTHS = (375, 1280)


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


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

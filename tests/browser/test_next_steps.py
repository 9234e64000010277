"""Every course page has next steps: an adviser with the advice route per situation, similar courses, share and print."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

COURSE = "opleidingen/monteur-zonnepanelen/"


@pytest.fixture(params=(375, 1280), ids=lambda width: f"{width}px")
def width(request) -> int:
    return request.param


@pytest.fixture
def sized_page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()


def test_next_steps_offer_adviser_similar_courses_and_sharing(sized_page, site_url):
    page = sized_page
    page.goto(site_url + COURSE)
    steps = page.locator(".next-steps")
    expect(steps.get_by_role("heading", name="Volgende stappen")).to_be_visible()
    adviser = steps.locator(".panel--advice")
    expect(adviser.get_by_role("heading", name="Vraag een adviseur")).to_be_visible()
    expect(adviser.get_by_role("link", name="050 123 45 67")).to_have_attribute("href", "tel:0501234567")
    routes = adviser.locator("details")
    expect(routes.get_by_text("Het Leerwerkloket helpt je gratis met kiezen")).to_be_hidden()
    routes.locator("summary").click()
    # the course suits "Ik zoek werk" and "Ik wil overstappen": both advice routes are there
    expect(routes.get_by_text("Ik zoek werk", exact=True)).to_be_visible()
    expect(routes.get_by_text("Het Leerwerkloket helpt je gratis met kiezen")).to_be_visible()

    similar = steps.locator(".course-card")
    expect(similar).to_have_count(3)
    titles = similar.locator(".course-card__title").all_inner_texts()
    assert "Monteur zonnepanelen" not in titles
    similar.first.locator(".course-card__title a").click()
    expect(page.locator(".course__header .eyebrow")).to_contain_text(re.compile("Energie|Techniek"))

    page.goto(site_url + COURSE)
    mail = page.get_by_role("link", name="Mail deze opleiding")
    href = unquote(mail.get_attribute("href"))
    assert href == "mailto:?subject=Monteur zonnepanelen&body=Monteur zonnepanelen: https://scholing.example.org/opleidingen/monteur-zonnepanelen/"


def test_copy_link_and_print(sized_page, site_url):
    page = sized_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + COURSE)
    page.get_by_role("button", name="Kopieer de link").click()
    expect(page.locator("[data-share-status]")).to_have_text("De link is gekopieerd. Plak hem in een bericht of mail.")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/opleidingen/monteur-zonnepanelen/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print deze pagina").click()
    assert page.evaluate("window.printed") == 1


def test_print_shows_the_course_without_navigation(sized_page, site_url):
    page = sized_page
    page.goto(site_url + COURSE)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".course__facts")).to_contain_text("€ 2.359,50 incl. btw")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print deze pagina")).to_be_hidden()


def test_without_javascript_only_the_mail_link_shows(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + COURSE)
    expect(page.get_by_role("link", name="Mail deze opleiding")).to_be_visible()
    expect(page.get_by_role("button", name="Kopieer de link")).to_be_hidden()
    expect(page.get_by_role("button", name="Print deze pagina")).to_be_hidden()
    expect(page.locator(".next-steps .course-card")).to_have_count(3)
    context.close()

"""Occupations and skills in the search: typed results "Beroep: ..." and "Vaardigheid: ...", the filter on
/vaardigheden/, and the ScholingSkills API the skills passport uses (templates/assets/skills-search.js)."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def search(page, site_url: str, text: str) -> None:
    page.goto(site_url + "zoeken/")
    page.get_by_role("searchbox", name="Zoek op beroep, vak of opleiding").fill(text)
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", text)


def typed_results(page):
    return page.locator("[data-typed-list] .typed-result")


def test_typing_an_occupation_shows_it_and_leads_to_its_page(sized_page, site_url):
    page = sized_page
    search(page, site_url, "verzorgende")
    first = typed_results(page).first
    expect(first).to_contain_text("Beroep: Verzorgende IG")
    expect(first).to_contain_text("Zorg en welzijn")
    expect(page.get_by_role("heading", name="Opleidingen")).to_be_visible()  # the courses still follow
    expect(page.locator(".course-card").first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/beroepen/verzorgende-ig/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzorgende IG")


def test_another_name_finds_the_occupation_first(page, site_url):
    search(page, site_url, "elektricien")
    first = typed_results(page).first
    expect(first).to_contain_text("Beroep: Elektromonteur")
    expect(first.get_by_role("link")).to_have_attribute("href", re.compile(r"/beroepen/elektromonteur/$"))


def test_a_skill_and_an_occupation_for_one_word_with_a_typo_too(page, site_url):
    search(page, site_url, "heftruck")
    expect(typed_results(page).filter(has_text="Vaardigheid: Heftruck besturen")).to_have_count(1)
    expect(typed_results(page).filter(has_text="Beroep: Heftruckchauffeur")).to_have_count(1)
    expect(page.locator(".course-card__title").first).to_have_text("Heftruckcertificaat")  # courses as before
    search(page, site_url, "heftruk")
    skill = typed_results(page).filter(has_text="Vaardigheid: Heftruck besturen")
    expect(skill).to_have_count(1)
    skill.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/vaardigheden/heftruck-besturen/$"))


def test_typed_results_stay_few_so_courses_stay_in_sight(page, site_url):
    search(page, site_url, "zorg")
    expect(typed_results(page).first).to_contain_text("Sector: Zorg en welzijn")  # the exact name stays first
    assert typed_results(page).count() <= 5
    expect(typed_results(page).filter(has_text=re.compile("(Beroep|Vaardigheid):"))).not_to_have_count(0)


def test_skills_filter_on_the_skills_page(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "vaardigheden/")
    items = page.locator("[data-skill-id]")
    total = items.count()
    assert total > 100
    box = page.get_by_role("searchbox", name="Zoek een vaardigheid")
    expect(page.get_by_text("Zoeken in deze lijst werkt alleen met JavaScript")).to_be_hidden()
    box.fill("heftruk")
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\d+ vaardigheden? gevonden voor ‘heftruk’"))
    visible = page.locator("[data-skill-id]:visible")
    expect(visible.filter(has_text="Heftruck besturen")).to_have_count(1)
    assert visible.count() < 5
    expect(page.get_by_role("heading", name="Zorg en welzijn")).to_be_hidden()  # groups without a match step aside
    expect(page).to_have_url(re.compile(r"\?q=heftruk$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    box.fill("xqzwv")
    expect(status).to_have_text(re.compile("^Geen vaardigheid gevonden voor ‘xqzwv’"))
    expect(visible).to_have_count(0)
    box.fill("")
    expect(visible).to_have_count(total)
    expect(status).to_have_text("")
    expect(page.get_by_role("navigation", name="Groepen vaardigheden")).to_be_visible()


def test_skills_filter_from_the_address_and_by_another_name(page, site_url):
    page.goto(site_url + "vaardigheden/?q=excel")
    expect(page.get_by_role("searchbox", name="Zoek een vaardigheid")).to_have_value("excel")
    visible = page.locator("[data-skill-id]:visible")
    expect(visible.first).to_contain_text("Werken met spreadsheets")  # "Excel" is another name of the skill


def test_skills_page_without_javascript_lists_everything_and_says_why_there_is_no_box(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "vaardigheden/")
    assert page.locator("[data-skill-id]").count() > 100
    expect(page.locator("[data-skill-id]").first).to_be_visible()
    expect(page.get_by_text("Zoeken in deze lijst werkt alleen met JavaScript")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoek een vaardigheid")).to_be_hidden()


def test_the_passport_api_finds_skills_and_occupations_by_typing(page, site_url):
    page.goto(site_url + "vaardigheden/")
    hits = page.evaluate("ScholingSkills.find('heftruk', {kinds: ['skill'], limit: 8})")
    assert hits and {hit["kind"] for hit in hits} == {"skill"} and len(hits) <= 8
    assert "heftruck-besturen" in [hit["id"] for hit in hits]
    heftruck = next(hit for hit in hits if hit["id"] == "heftruck-besturen")
    assert heftruck["label"] == "Vaardigheid" and heftruck["title"] == "Heftruck besturen"
    assert heftruck["path"] == "vaardigheden/heftruck-besturen/" and heftruck["url"].endswith("/vaardigheden/heftruck-besturen/")
    occupations = page.evaluate("ScholingSkills.find('Elektricien', {kinds: ['occupation']})")
    assert occupations[0]["id"] == "elektromonteur" and occupations[0]["exact"] is True and occupations[0]["label"] == "Beroep"
    assert page.evaluate("ScholingSkills.find('de het', {})") == []
    every = page.evaluate("ScholingSkills.find('werken', {kinds: ['skill'], limit: 0, all: true})")
    some = page.evaluate("ScholingSkills.find('werken', {kinds: ['skill']})")
    assert len(every) > len(some) and len(some) <= 10
    assert page.evaluate("ScholingSkills.available()") is True

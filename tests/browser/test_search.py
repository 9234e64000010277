"""Search as a visitor types it, in the real page with lunr.js."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


def result_titles(page) -> list[str]:
    return page.locator("[data-search-results] .course-card:visible .course-card__title").all_inner_texts()


def search_for(page, site_url, query: str) -> list[str]:
    page.goto(site_url + "zoeken/")
    box = page.get_by_role("searchbox", name="Zoek op beroep, vak of opleiding")
    box.fill(query)
    box.press("Enter")
    # Before lunr has loaded, Enter submits the form natively; either way the answer is marked with its query.
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", query)
    expect(page.locator("[data-search-results] [data-result-count]")).to_have_text(re.compile(r"^\d+ opleiding"))
    return result_titles(page)


def test_plural_and_singular_find_the_same(page, site_url):
    singular = search_for(page, site_url, "verpleegkundige")
    plural = search_for(page, site_url, "verpleegkundigen")
    assert singular == plural
    assert "Verpleegkundige mbo niveau 4 (leren en werken)" in singular


def test_diacritics_rare_letters_and_codes(page, site_url):
    assert search_for(page, site_url, "financiele")[0] == "Financiële administratie voor het mkb"
    assert "Stoelyoga en bewegen met ouderen" in search_for(page, site_url, "yoga")
    assert "Privacy en de AVG in de praktijk" in search_for(page, site_url, "privacy")
    assert search_for(page, site_url, "ISO 27001")[0] == "ISO 27001 Foundation: informatiebeveiliging"
    assert "VCA Basis: veilig werken" in search_for(page, site_url, "VCA")


def test_prefix_while_typing_updates_results_and_url(page, site_url):
    page.goto(site_url + "zoeken/")
    box = page.get_by_role("searchbox", name="Zoek op beroep, vak of opleiding")
    box.press_sequentially("verpl", delay=60)
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", "verpl")
    assert "Verpleegkundige mbo niveau 4 (leren en werken)" in result_titles(page)
    expect(page).to_have_url(re.compile(r"\?q=verpl$"))


def test_multiple_words_narrow(page, site_url):
    one = search_for(page, site_url, "zorg")
    two = search_for(page, site_url, "zorg drenthe")
    assert two and set(two) <= set(one) and len(two) < len(one)


def search_help(page):
    return page.locator("[data-search-help]")


@pytest.mark.parametrize("width", [375, 1280])
def test_no_results_gives_spelling_a_shorter_search_and_the_advice_desk(browser, site_url, width):
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL").new_page()
    assert search_for(page, site_url, "onderwaterlassen") == []
    help_box = search_help(page)
    expect(help_box).to_be_visible()
    expect(help_box.get_by_role("heading")).to_have_text("Geen opleidingen gevonden voor \u2018onderwaterlassen\u2019")
    expect(help_box.locator("[data-help-spelling]")).to_be_visible()
    expect(help_box.locator("[data-help-spelling]")).to_contain_text("Controleer de spelling")
    # a Dutch compound: its tail is a word of the catalogue, offered with its count
    related = help_box.locator("[data-help-related-list] li")
    expect(related).to_have_count(1)
    expect(related).to_contain_text(re.compile(r"lassen \(\d+ opleiding(en)?\)"))
    expect(help_box.get_by_role("link", name="050 123 45 67")).to_have_attribute("href", "tel:0501234567")
    expect(help_box.get_by_role("link", name=re.compile("Leerwerkloket Noord"))).to_be_visible()
    expect(page.locator("[data-search-results] [data-no-results]")).to_have_count(0)  # the list's generic text is gone
    related.get_by_role("link").click()
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", "lassen")
    expect(page).to_have_url(re.compile(r"\?q=lassen$"))
    expect(page.locator("[data-search-results] .course-card__title").first).to_have_text("Basiscursus lassen MIG/MAG")
    page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_when_only_a_filter_hides_the_courses_it_offers_to_remove_it(browser, site_url, width):
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL").new_page()
    everywhere = search_for(page, site_url, "heftruck")
    page.goto(site_url + "zoeken/?q=heftruck&regio=drenthe")
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", "heftruck")
    help_box = search_help(page)
    expect(help_box.get_by_role("heading")).to_have_text("Geen opleidingen met deze filters")
    expect(help_box).to_contain_text(f"Zonder het filter \u2018Drenthe\u2019 vind je {len(everywhere)} opleidingen.")
    expect(help_box.locator("[data-help-spelling]")).to_be_hidden()  # the words found courses: no spelling advice
    help_box.get_by_role("button", name="Filter \u2018Drenthe\u2019 weghalen").click()
    expect(page.locator("[data-search-results] .course-card:visible")).to_have_count(len(everywhere))
    expect(help_box.locator("[data-help-filter]")).to_be_hidden()
    # two courses are still few: the help stays, now about the words, with the browse pages and the advice desk
    expect(help_box.get_by_role("heading")).to_have_text(f"Maar {len(everywhere)} opleidingen gevonden")
    expect(help_box.get_by_role("link", name="050 123 45 67")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?q=heftruck$"))
    page.context.close()


def test_few_results_for_several_words_offer_the_searches_that_find_more(page, site_url):
    assert len(search_for(page, site_url, "lassen groningen")) < 3
    help_box = search_help(page)
    expect(help_box.get_by_role("heading")).to_have_text(re.compile(r"^(Maar 1 opleiding gevonden|Geen opleidingen gevonden)"))
    expect(help_box.locator("[data-help-related-list]")).to_contain_text(re.compile(r"groningen \(\d+ opleidingen\)"))


@pytest.mark.parametrize("width", [375, 1280])
def test_result_cards_show_the_summary_and_who_a_course_is_only_for(browser, site_url, width):
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL").new_page()
    search_for(page, site_url, "verzorgende")
    card = page.locator("[data-search-results] .course-card").filter(has_text="Verzorgende IG in deeltijd")
    expect(card.locator(".course-card__summary")).to_have_text(re.compile(r"^Haal je diploma verzorgende IG"))
    expect(card.locator(".course-card__only-for")).to_be_visible()
    expect(card.locator(".course-card__only-for")).to_contain_text("Alleen voor mensen die al in de zorg werken")
    other = page.locator("[data-search-results] .course-card").filter(has_text="Helpende zorg en welzijn")
    expect(other.locator(".course-card__summary")).not_to_be_empty()
    expect(other.locator(".course-card__only-for")).to_be_hidden()
    page.context.close()


def test_without_javascript_the_search_page_says_so_and_links_the_browse_pages(no_js_page, site_url):
    no_js_page.goto(site_url + "zoeken/?q=zorg")
    notice = no_js_page.locator("[data-search-needs-js]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Zoeken werkt alleen met JavaScript.")
    for name in ("per sector", "per niveau", "per regio", "per plaats", "allemaal"):
        expect(notice.get_by_role("link", name=name)).to_be_visible()
    expect(no_js_page.locator("[data-search-results]")).to_be_hidden()


def test_filter_combined_with_query_and_shared_url(page, site_url):
    everywhere = search_for(page, site_url, "heftruck")
    page.get_by_role("checkbox", name=re.compile("^Friesland")).check()
    expect(page).to_have_url(re.compile(r"q=heftruck.*regio=friesland"))
    shared = page.url
    in_friesland = result_titles(page)
    assert in_friesland and len(in_friesland) <= len(everywhere)
    other = page.context.new_page()
    other.goto(shared)
    expect(other.get_by_role("searchbox", name="Zoek op beroep, vak of opleiding")).to_have_value("heftruck")
    expect(other.get_by_role("checkbox", name=re.compile("^Friesland"))).to_be_checked()
    expect(other.locator("[data-search-results] .course-card:visible")).to_have_count(len(in_friesland))


def test_header_search_leads_to_results(page, site_url):
    page.goto(site_url + "sectoren/")
    page.get_by_role("searchbox", name="Zoek een opleiding").fill("timmerman")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=timmerman$"))
    expect(page.locator("[data-search-results] .course-card__title").first).to_have_text("Timmerman (leren en werken)")


def test_index_is_loaded_only_when_searching(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/assets/search/" in u or "lunr" in u]
    with page.expect_request(lambda request: "/assets/search/meta." in request.url):
        page.get_by_role("searchbox", name="Zoek op beroep, vak of opleiding").focus()


def typed_results(page) -> list[str]:
    return page.locator("[data-typed-results]:visible .typed-result__link").all_inner_texts()


def sample_courses(keep) -> set[str]:
    from builder.content import load_content
    from builder.model import build_catalogue
    from builder.problems import Problems
    from tests.conftest import SAMPLE, SAMPLE_TODAY

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    return {course.title for course in catalogue.courses if keep(course)}


def test_funding_scheme_is_a_typed_result_above_its_courses(page, site_url):
    slim_courses = sample_courses(lambda c: any(f.id == "slim" for f in c.funding))
    titles = search_for(page, site_url, "SLIM")
    first = page.locator("[data-typed-results] .typed-result").first
    expect(first.get_by_role("link")).to_have_text("Regeling: SLIM-regeling")
    expect(first).to_contain_text("Open in rondes · 8 opleidingen")
    assert set(titles[: len(slim_courses)]) == slim_courses  # the scheme's courses, not "slim laden"
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/regelingen/slim/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SLIM-regeling")


def test_a_question_without_courses_leads_to_the_funding_that_fits(page, site_url):
    assert search_for(page, site_url, "subsidie werkgever") == []
    typed = typed_results(page)
    assert "Regeling: SLIM-regeling" in typed and "Situatie: Ik wil mijn medewerkers opleiden" in typed
    help_box = search_help(page)
    expect(help_box).to_be_visible()
    expect(help_box.locator("[data-help-spelling]")).to_be_hidden()  # the words were understood: no spelling advice


def test_synonym_bbl_finds_every_work_and_learn_course(page, site_url):
    work_and_learn = sample_courses(lambda c: c.form == "werkend-leren")
    titles = search_for(page, site_url, "bbl")
    assert len(work_and_learn) == 13 and set(titles[:13]) == work_and_learn
    assert "Logistiek medewerker" in titles  # its texts never say "bbl": the synonym does


def test_exact_name_comes_first_and_weak_side_matches_stay_out_of_the_way(page, site_url):
    search_for(page, site_url, "llk")  # an abbreviation from content/search.yaml
    assert typed_results(page)[0] == "Regeling: Levenlanglerenkrediet"
    assert search_for(page, site_url, "heftruck")[0] == "Heftruckcertificaat"
    # no typed result from the course index; the skill and the occupation come from their own (test_skills_search.py)
    typed = typed_results(page)
    assert typed[0] == "Vaardigheid: Heftruck besturen" and "Beroep: Heftruckchauffeur" in typed
    assert all(text.startswith(("Vaardigheid: ", "Beroep: ")) for text in typed), typed


def test_results_come_twenty_at_a_time_with_their_records_fetched_by_need(page, site_url, built_site):
    record_blocks: list[str] = []
    page.on("request", lambda request: record_blocks.append(request.url) if "/assets/search/r." in request.url else None)
    search_for(page, site_url, "werken")
    count = page.locator("[data-search-results] [data-result-count]").inner_text()
    total = int(count.split()[0])
    assert total > 20
    cards = page.locator("[data-search-results] .course-card")
    expect(cards).to_have_count(20)
    more = page.get_by_role("button", name="Meer resultaten tonen")
    more.click()
    expect(cards).to_have_count(min(total, 40))
    expect(page.locator("[data-search-results] .course-card").nth(20).locator("a")).to_be_focused()
    if total <= 40:
        expect(more).to_be_hidden()
    # Records come in blocks; the results shown need some of them, not the whole catalogue's
    assert record_blocks and len(set(record_blocks)) < len(list((built_site / "assets/search").glob("r.*.json")))


def test_back_from_a_course_returns_to_the_same_results_place_and_link(page, site_url):
    # a visitor who asked for more results twice, opened the 46th and came back found only the first 20, at the top
    search_for(page, site_url, "werk")
    total = int(page.locator("[data-search-results] [data-result-count]").inner_text().split()[0])
    assert total > 40, "the sample must have more than two steps of results for 'werk'"
    cards = page.locator("[data-search-results] .course-card")
    more = page.get_by_role("button", name="Meer resultaten tonen")
    more.click()
    expect(cards).to_have_count(40)
    more.click()
    expect(cards).to_have_count(min(total, 60))
    link = cards.nth(40).locator("a").first
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    page.go_back()
    expect(page.locator("[data-search-results]")).to_have_attribute("data-shown-query", "werk")
    expect(cards).to_have_count(min(total, 60))
    expect(cards.nth(40).locator("a").first).to_be_focused()
    expect(cards.nth(40).locator("a").first).to_be_in_viewport()
    assert abs(page.evaluate("window.scrollY") - scrolled) < 5

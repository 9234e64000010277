"""Filtering a course list as a visitor does it: on a phone and a laptop, by ticks, chips, sorting and distance."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from tests.conftest import SAMPLE, SAMPLE_TODAY

WIDTHS = (375, 1280)
EMMEN = {"latitude": 52.77917, "longitude": 6.90694}


@pytest.fixture(scope="module")
def catalogue():
    return build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(browser, request):
    phone = request.param < 600
    context = browser.new_context(
        viewport={"width": request.param, "height": 740 if phone else 900}, locale="nl-NL", is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.width = request.param
    yield page
    context.close()
    assert errors == [], errors


def is_phone(page) -> bool:
    return page.width < 600


def open_filters(page):
    """On a phone the filters sit behind a button, in a full-screen dialog; on a laptop they are beside the list."""
    if is_phone(page):
        page.get_by_role("button", name=re.compile("^Filters")).click()
        expect(page.get_by_role("dialog", name="Filters")).to_be_visible()


def close_filters(page):
    if is_phone(page):
        page.get_by_role("button", name=re.compile(r"^Toon \d+ opleiding")).click()
        expect(page.get_by_role("dialog", name="Filters")).to_be_hidden()


def count_of(page) -> int:
    return int(page.locator("[data-result-count]").inner_text().split()[0])


def amount(text: str) -> float:
    if text.startswith("Gratis"):
        return 0.0
    if text.startswith("Op aanvraag") or text.startswith("Prijs op aanvraag"):
        return float("inf")
    match = re.match(r"€\s([\d.]+(?:,\d\d)?)", text)
    assert match, text
    return float(match.group(1).replace(".", "").replace(",", "."))


def test_phone_results_come_first_and_filters_open_in_a_dialog(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "situaties/werkzoekend/")
    opener = page.get_by_role("button", name=re.compile("^Filters"))
    opener.scroll_into_view_if_needed()
    expect(page.locator("[data-filter-form]")).to_be_hidden()  # no wall of checkboxes above the results
    opener.click()
    dialog = page.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["width"] >= 370 and box["height"] >= 730  # full screen
    page.get_by_role("checkbox", name=re.compile("^Zorg en welzijn")).check()
    page.get_by_role("checkbox", name=re.compile("^Drenthe")).check()
    done = page.get_by_role("button", name=re.compile(r"^Toon \d+ opleiding"))
    expect(done).to_be_in_viewport()  # sticky at the bottom of the panel, also after scrolling the checkboxes
    shown = int(re.search(r"\d+", done.inner_text()).group())
    assert shown > 0
    done.click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()  # focus goes back where it came from
    expect(opener).to_have_accessible_name("Filters (2 gekozen)")
    expect(opener).to_have_text(re.compile(r"^Filters\s*2"))
    expect(page.locator("[data-result-count]")).to_have_text(f"{shown} {'opleiding' if shown == 1 else 'opleidingen'}")
    first = page.locator("[data-course-cards] > .course-card:visible").first
    expect(first).to_be_in_viewport()  # the first result is on screen: no filter list to scroll past
    gap = first.bounding_box()["y"] - opener.bounding_box()["y"]
    assert gap < 320, gap
    context.close()


def test_phone_list_page_shows_a_result_without_scrolling(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "opleidingen/?sector=zorg&regio=drenthe")
    expect(page.locator("[data-course-cards] > .course-card:visible").first).to_be_in_viewport()
    context.close()


# The longest choice's text, in the select's own font, plus room for its padding, border and arrow.
LONGEST_CHOICE_FITS = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const longest = Math.max(...[...select.options].map(option => context.measureText(option.text).width));
  return { longest: Math.ceil(longest), room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24 };
}"""


@pytest.mark.parametrize("path", ["opleidingen/", "zoeken/?q=verpleegkundige"])
def test_every_sort_choice_can_be_read_whole(sized_page, site_url, path):
    # "Best passend bij je zoekwoorden" was cut off at "Best passend bij je" on a phone, where the box shares a row
    # with the Filters button (so the first results stay in sight: test_phone_list_page_shows_a_result_without_scrolling)
    sized_page.goto(site_url + path)
    select = sized_page.locator("[data-sort]:visible").first
    expect(select).to_be_visible()
    sizes = select.evaluate(LONGEST_CHOICE_FITS)
    assert sizes["longest"] <= sizes["room"], sizes


def test_dialog_escape_closes_and_focus_stays_inside(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "opleidingen/")
    opener = page.get_by_role("button", name=re.compile("^Filters"))
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('dialog') || document.activeElement === document.body")
        assert inside, page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    context.close()


def test_back_after_three_ticks_leaves_the_page(sized_page, site_url):
    page = sized_page
    page.goto(site_url)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Opleidingen").click()
    expect(page).to_have_url(re.compile(r"/opleidingen/$"))
    open_filters(page)
    for name in ("^Zorg en welzijn", "^Klassikaal", "^Drenthe"):
        page.get_by_role("checkbox", name=re.compile(name)).check()
    close_filters(page)
    expect(page).to_have_url(re.compile(r"sector=zorg&regio=drenthe&vorm=klassikaal$"))
    page.go_back()
    expect(page).to_have_url(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholingsgids Noord")


def test_chips_show_and_remove_filters(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/?sector=zorg")
    zorg = count_of(page)
    page.goto(site_url + "opleidingen/?sector=zorg&regio=drenthe")
    chips = page.locator("[data-filter-chips]")
    expect(chips).to_be_visible()
    expect(chips.get_by_role("button")).to_have_text(["Zorg en welzijn (Sector): weghalen×", "Drenthe (Regio): weghalen×", "Alles wissen"])
    both = count_of(page)
    assert both < zorg
    chips.get_by_role("button", name=re.compile("^Drenthe")).click()
    expect(page).not_to_have_url(re.compile("regio="))
    expect(page.locator("[data-result-count]")).to_have_text(f"{zorg} opleidingen")
    expect(chips.get_by_role("button", name=re.compile("^Zorg en welzijn"))).to_be_focused()
    open_filters(page)
    expect(page.get_by_role("checkbox", name=re.compile("^Drenthe"))).not_to_be_checked()
    close_filters(page)
    chips.get_by_role("button", name="Alles wissen").click()
    expect(chips).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/opleidingen/$"))


def test_sort_by_price_gives_ascending_prices_incl_vat(sized_page, site_url, catalogue):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    page.get_by_label("Sorteren op").select_option(label="Laagste prijs")
    expect(page).to_have_url(re.compile(r"sorteer=prijs"))
    prices = [amount(text) for text in page.locator(".course-card:visible dd.price").all_inner_texts()]
    assert len(prices) == len(catalogue.courses)
    assert prices == sorted(prices)
    expected = sorted(c.price.total_incl_vat for c in catalogue.courses if c.price is not None)
    assert [p for p in prices if p != float("inf")] == pytest.approx(expected)
    page.get_by_label("Sorteren op").select_option(label="Startdatum")
    first = page.locator(".course-card:visible").first.locator(".course-card__facts")
    expect(first).to_contain_text("Doorlopend")  # you can start now


def test_emmen_plus_25_km_lists_emmen_first_with_distances(sized_page, site_url, catalogue):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    open_filters(page)
    place = page.get_by_role("combobox", name="Plaats")
    place.fill("Emmen")
    place.press("Enter")
    expect(page.get_by_label("Hoe ver")).to_have_value("25")
    close_filters(page)
    expect(page).to_have_url(re.compile(r"bij=emmen"))
    emmen = catalogue.place_named("Emmen")
    near = catalogue.courses_near(emmen, 25)
    online = [c for c in catalogue.courses if c.form == "online"]
    expect(page.locator("[data-result-count]")).to_have_text(
        f"{len(near) + len(online)} opleidingen: {len(near)} tot 25 km van Emmen, {len(online)} online"
    )
    distances = page.locator(".course-card:visible .course-card__distance").all_inner_texts()
    in_emmen = [n for n in near if n.place == emmen]
    assert in_emmen, "the sample has courses in Emmen"
    assert distances[: len(in_emmen)] == ["In Emmen"] * len(in_emmen)
    kms = [int(re.match(r"(\d+) km van Emmen", text).group(1)) for text in distances[len(in_emmen) : len(near)]]
    assert kms == sorted(kms) and all(km <= 25 for km in kms)
    assert distances[len(near) :] == ["Online: volg je waar je ook woont"] * len(online)
    titles = page.locator(".course-card:visible .course-card__title").all_inner_texts()
    assert set(titles[: len(in_emmen)]) == {n.course.title for n in in_emmen}
    expect(page.get_by_label("Sorteren op")).to_have_value("afstand")
    chip = page.locator("[data-filter-chips]").get_by_role("button", name=re.compile("^Tot 25 km van Emmen"))
    expect(chip).to_be_visible()
    # the link keeps the place: shared or reloaded, the same list
    page.reload()
    expect(page.locator(".course-card:visible .course-card__distance").first).to_have_text("In Emmen")


def test_an_unknown_place_is_explained(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/")
    open_filters(page)
    place = page.get_by_role("combobox", name="Plaats")
    place.fill("Emen")
    place.press("Enter")
    expect(page.locator("[data-near-message]")).to_contain_text("We kennen de plaats ‘Emen’ niet.")


def test_own_location_denied_is_said_in_plain_dutch(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "opleidingen/")
    page.get_by_role("button", name=re.compile("^Filters")).click()
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator("[data-near-message]")).to_contain_text("Je hebt geen toestemming gegeven om je locatie te gebruiken.")
    expect(page.locator("[data-result-count]")).to_have_text(re.compile(r"^\d+ opleidingen$"))
    context.close()


def test_own_location_allowed_shows_distances_and_stays_out_of_the_link(browser, site_url):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", geolocation=EMMEN, permissions=["geolocation"]
    )
    page = context.new_page()
    page.goto(site_url + "opleidingen/")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator("[data-near-message]")).to_contain_text("We gebruiken je locatie (bij Emmen)")
    first = page.locator(".course-card:visible .course-card__distance").first
    expect(first).to_have_text(re.compile(r"^(Minder dan 1|0) km van je locatie|^\d+ km van je locatie"))
    assert "bij=" not in page.url and "52." not in page.url
    context.close()


def test_few_results_offer_to_remove_the_filter_that_holds_back_most_and_advice(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/?sector=zorg&regio=drenthe&niveau=hbo-bachelor")
    few = page.locator("[data-few-results]")
    expect(few).to_be_visible()
    expect(few).to_contain_text("050 123 45 67")
    remove = few.get_by_role("button", name=re.compile("^Haal ‘"))
    label, count = re.match(r"Haal ‘(.+)’ weg \((\d+) opleiding", remove.inner_text()).groups()
    remove.click()
    expect(page.locator("[data-result-count]")).to_have_text(re.compile(rf"^{count} opleiding"))
    expect(page.locator("[data-filter-chips]").get_by_role("button", name=re.compile("^" + re.escape(label)))).to_have_count(0)


def test_back_from_a_course_returns_to_the_same_place_in_the_list(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "opleidingen/?sorteer=prijs")
    link = page.locator(".course-card:visible .course-card__title a").nth(20)
    link.scroll_into_view_if_needed()
    title = link.inner_text()
    before = page.evaluate("window.scrollY")
    assert before > 500
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.go_back()
    expect(page).to_have_url(re.compile(r"sorteer=prijs"))
    expect(page.get_by_role("link", name=title, exact=True)).to_be_focused()
    after = page.evaluate("window.scrollY")
    assert abs(after - before) < 50, (before, after)


def test_online_is_a_form_not_a_region(page, site_url):
    page.goto(site_url + "opleidingen/")
    regio = page.locator("fieldset", has=page.locator("legend", has_text="Regio"))
    expect(regio.get_by_role("checkbox", name=re.compile("^Online"))).to_have_count(0)
    vorm = page.locator("fieldset", has=page.locator("legend", has_text="Vorm"))
    expect(vorm.get_by_role("checkbox", name=re.compile("^Online"))).to_have_count(1)
    page.goto(site_url + "opleidingen/?regio=online")  # links from before still work
    expect(vorm.get_by_role("checkbox", name=re.compile("^Online"))).to_be_checked()


def test_provinces_in_the_same_order_as_the_places(page, site_url):
    page.goto(site_url + "plaatsen/")
    provinces = page.locator("main h2").all_inner_texts()
    page.goto(site_url + "opleidingen/")
    regio = page.locator("fieldset", has=page.locator("legend", has_text="Regio"))
    regions = [re.sub(r"\s*\(\d+\)$", "", text).strip() for text in regio.locator("label").all_inner_texts()]
    assert regions == [p for p in provinces if p in regions]
    assert len(regions) >= 3


def test_without_javascript_a_filter_link_says_it_was_not_used(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "opleidingen/?sector=zorg&regio=drenthe")
    notice = page.locator("[data-browse-instead]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Die filters zijn nu niet gebruikt: je ziet alle opleidingen.")
    expect(page.get_by_text("Gebruik de filters")).to_be_hidden()
    expect(page.locator("[data-list-tools]")).to_be_hidden()
    expect(page.locator("[data-filter-sidebar]")).to_be_hidden()
    notice.get_by_role("link", name="plaats").click()
    expect(page).to_have_url(re.compile(r"/plaatsen/$"))


def test_with_javascript_filter_texts_show(page, site_url):
    page.goto(site_url + "opleidingen/")
    expect(page.get_by_text("Gebruik de filters om te kiezen wat bij je past.")).to_be_visible()
    expect(page.locator("[data-browse-instead]")).to_be_hidden()


def test_search_results_sort_by_relevance_or_price(sized_page, site_url):
    page = sized_page
    page.goto(site_url + "zoeken/?q=zorg")
    results = page.locator("[data-search-results]")
    expect(results).to_have_attribute("data-shown-query", "zorg")
    sort = page.get_by_label("Sorteren op")
    expect(sort).to_have_value("relevantie")
    ranked = results.locator(".course-card__title").all_inner_texts()
    assert len(ranked) > 3
    sort.select_option(label="Laagste prijs")
    expect(page).to_have_url(re.compile(r"q=zorg.*sorteer=prijs"))
    expect(results.locator(".course-card__title")).not_to_have_text(ranked)
    prices = [amount(text) for text in results.locator("[data-field=price]").all_inner_texts()]
    assert len(prices) == len(ranked) and prices == sorted(prices)
    page.reload()
    expect(page.get_by_label("Sorteren op")).to_have_value("prijs")
    expect(results.locator("[data-field=price]").first).to_have_text(results.locator("[data-field=price]").first.inner_text())

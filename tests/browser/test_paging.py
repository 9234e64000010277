"""Long lists over pages: links without JavaScript; with it, filters act on the whole list, not one page."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.support import serve_directory
from tests.conftest import SAMPLE, run_build
from tests.test_render import add_course_copies


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[dict]]]:
    root = tmp_path_factory.mktemp("paged")
    shutil.copytree(SAMPLE, root / "content")
    add_course_copies(root / "content", 200)
    result = run_build(root / "content", root / "site")
    assert result.ok, [p.format() for p in result.problems.errors]
    courses = json.loads((root / "site/data/opleidingen.json").read_text(encoding="utf-8"))["courses"]
    with serve_directory(root / "site") as url:
        yield url, courses


def count_of(page) -> int:
    return int(page.locator("[data-result-count]").inner_text().split()[0])


def test_filters_search_every_page_of_the_list(page, big_site):
    url, courses = big_site
    page.goto(url + "opleidingen/")
    cards = page.locator("[data-course-cards] > .course-card")
    expect(cards).to_have_count(100)
    expect(page.locator("[data-result-count]")).to_contain_text(f"{len(courses)} opleidingen, 1 tot en met 100")
    pager = page.locator("[data-pager]")
    expect(pager).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("^Zorg en welzijn")).check()
    expect(page).to_have_url(re.compile(r"sector=zorg"))
    zorg = [c for c in courses if "zorg" in c["sectors"]]
    assert len(zorg) > 0
    expect(page.locator("[data-result-count]")).to_have_text(f"{len(zorg)} opleidingen")
    expect(cards).to_have_count(min(len(zorg), 100))
    expect(pager).to_be_hidden()
    shown = {href.rstrip("/").rsplit("/", 1)[-1] for href in cards.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert shown <= {c["id"] for c in zorg}
    page.get_by_role("checkbox", name=re.compile("^Zorg en welzijn")).uncheck()
    expect(page.locator("[data-result-count]")).to_contain_text(f"{len(courses)} opleidingen, 1 tot en met 100")
    expect(cards).to_have_count(100)
    expect(pager).to_be_visible()
    expect(page.get_by_role("button", name="Toon meer opleidingen")).to_be_hidden()


def test_more_than_a_page_of_matches_comes_with_show_more(page, big_site):
    url, courses = big_site
    page.goto(url + "opleidingen/?vorm=klassikaal")
    classroom = [c for c in courses if c["form"] == "klassikaal"]
    assert len(classroom) > 100
    expect(page.locator("[data-result-count]")).to_have_text(f"{len(classroom)} opleidingen")
    cards = page.locator("[data-course-cards] > .course-card")
    expect(cards).to_have_count(100)
    page.get_by_role("button", name="Toon meer opleidingen").click()
    expect(cards).to_have_count(min(len(classroom), 200))


def test_a_situation_filters_its_own_courses_only(page, big_site):
    url, courses = big_site
    mine = [c for c in courses if "eigen-werk" in c["situations"]]
    assert len(mine) > 100, "the situation's list spans pages"
    page.goto(url + "situaties/eigen-werk/pagina/2/")
    expect(page.locator("[data-pager]")).to_be_visible()
    page.locator("input[name=vorm][value=online]").check()  # courses followed wholly online
    online = [c for c in mine if c["form"] == "online"]
    expect(page.locator("[data-result-count]")).to_have_text(f"{len(online)} {'opleiding' if len(online) == 1 else 'opleidingen'}")


def card_amount(text: str) -> float:
    if text.startswith("Gratis"):
        return 0.0
    if "aanvraag" in text:
        return float("inf")
    return float(re.match(r"€\s([\d.]+(?:,\d\d)?)", text).group(1).replace(".", "").replace(",", "."))


def test_sorting_orders_the_whole_list_not_one_page(page, big_site):
    url, courses = big_site
    page.goto(url + "opleidingen/pagina/2/")
    page.get_by_label("Sorteren op").select_option("prijs")
    expect(page).to_have_url(re.compile(r"sorteer=prijs"))
    expect(page.locator("[data-pager]")).to_be_hidden()  # page links would not match this order
    expect(page.locator("[data-result-count]")).to_have_text(f"{len(courses)} opleidingen")
    cards = page.locator("[data-course-cards] > .course-card")
    expect(cards).to_have_count(100)
    every = sorted(c["price"]["total_incl_vat"] if c["price"] else float("inf") for c in courses)
    # Page 2's own 100 cards satisfy the count before the sorted ones replace them: wait for the order to arrive
    for _ in range(50):
        prices = [card_amount(t) for t in cards.locator("dd.price").all_inner_texts()]
        if prices == pytest.approx(every[:100]):
            break
        page.wait_for_timeout(100)
    assert prices == pytest.approx(every[:100])
    page.get_by_role("button", name="Toon meer opleidingen").click()
    expect(cards).to_have_count(200)
    prices = [card_amount(t) for t in cards.locator("dd.price").all_inner_texts()]
    assert prices == pytest.approx(every[:200])


def test_cards_drawn_after_load_can_be_kept_too(page, big_site):
    url, courses = big_site
    page.goto(url + "opleidingen/?vorm=klassikaal")
    cards = page.locator("[data-course-cards] > .course-card")
    expect(cards).to_have_count(100)
    page.get_by_role("button", name="Toon meer opleidingen").click()
    expect(cards.nth(100)).to_be_visible()
    drawn = cards.nth(100)
    title = drawn.locator(".course-card__title a").inner_text()
    href = drawn.locator(".course-card__title a").get_attribute("href")
    expect(drawn.get_by_role("button", name=f"Bewaar {title}")).to_have_attribute("aria-pressed", "false")
    drawn.get_by_role("button", name=f"Bewaar {title}").click()
    expect(drawn.get_by_role("button", name=f"Bewaard {title}")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-keep-nav]")).to_contain_text("(1)")
    kept = page.evaluate("() => Object.keys(localStorage).map(k => localStorage.getItem(k)).join(' ')")
    assert href.rstrip("/").rsplit("/", 1)[-1] in kept

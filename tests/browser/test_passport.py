"""Mijn vaardigheden: a visitor builds a skills passport that stays in the browser, keeps it, moves it and
shares it; the page shows which work fits and which courses close the gap. Every test also checks that the
page asked nothing of any server but its own site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import expect

from builder import urls
from builder.content import load_content
from builder.formatting import in_sentence
from builder.model import build_catalogue
from builder.problems import Problems
from builder.skills import matching, passport
from tests.browser.test_accessibility import AXE, WCAG_TAGS
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY

FIXTURE = ROOT / "tests/fixtures/passport/sam.json"
PATH = "mijn-vaardigheden/"


class Visit:
    """A page on the passport, with every request it makes written down."""

    def __init__(self, context, site_url: str) -> None:
        self.site_url = site_url
        self.context = context
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        self.page = context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, suffix: str = "") -> Visit:
        self.page.goto(self.site_url + PATH + suffix)
        self.page.wait_for_selector("[data-passport][data-ready]", state="attached")
        return self

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.site_url) and not url.startswith(("blob:", "data:"))]

    def load_fixture(self) -> None:
        self.page.locator("[data-import]").set_input_files(str(FIXTURE))
        expect(self.page.locator("[data-io-status]")).to_contain_text("Bestand geopend: 20 vaardigheden.")

    def export(self, tmp_path: Path, name: str) -> Path:
        with self.page.expect_download() as download:
            self.page.get_by_role("button", name="Download als bestand").click()
        target = tmp_path / name
        download.value.save_as(target)
        assert download.value.suggested_filename.startswith("mijn-vaardigheden-")
        return target

    def skills_shown(self) -> list[str]:
        return self.page.locator("[data-skill-list] [data-skill]").evaluate_all("items => items.map(i => i.getAttribute('data-skill'))")

    def cards_text(self) -> list[str]:
        return self.page.locator("[data-skill-list] [data-skill]").evaluate_all(
            "items => items.map(i => i.querySelector('.passport-skill__facts').innerText)"
        )


@pytest.fixture
def visit(browser, site_url):
    contexts = []

    def open_visit(width: int = 1280, **options) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL", accept_downloads=True, **options)
        contexts.append(context)
        return Visit(context, site_url)

    yield open_visit
    for context in contexts:
        context.close()


def finish(*visits: Visit) -> None:
    for one in visits:
        assert one.errors == [], one.errors
        assert one.foreign_requests() == [], one.foreign_requests()


def stored(page) -> dict | None:
    key = page.locator("[data-passport]").get_attribute("data-storage-key")
    text = page.evaluate("key => window.localStorage.getItem(key)", key)
    return json.loads(text) if text else None


def schema_validator(site: Path) -> jsonschema.Draft202012Validator:
    document = json.loads((site / "schemas/passport.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def test_add_by_occupation_and_search_set_level_and_evidence_and_keep_after_reload(visit, site_url):
    one = visit(375, is_mobile=True, has_touch=True).open()
    page = one.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vaardigheden")
    expect(page.locator("[data-passport-nojs]")).to_be_hidden()
    expect(page.get_by_text("Je hebt nog geen vaardigheden.")).to_be_visible()

    page.get_by_label("Ik heb gewerkt als …").select_option(label="Magazijnmedewerker")
    page.get_by_role("button", name="Toon de vaardigheden").click()
    dialog = page.get_by_role("dialog", name="Vaardigheden van magazijnmedewerker")
    expect(dialog).to_be_visible()
    boxes = dialog.get_by_role("checkbox")
    expect(boxes).to_have_count(11)
    dialog.get_by_label("Zware dingen tillen").uncheck()  # the visitor removes what they cannot do
    dialog.get_by_role("button", name="Voeg toe aan mijn lijst").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-search-status]")).to_have_text("10 vaardigheden toegevoegd van magazijnmedewerker.")
    assert len(one.skills_shown()) == 10 and "zwaar-tillen" not in one.skills_shown()
    expect(page.locator("[data-count]")).to_have_text("(10)")

    search = page.get_by_label("Zoek een vaardigheid")
    search.fill("heftruk")  # one typo
    results = page.locator("[data-search-results]")
    expect(results.get_by_text("Heftruck besturen", exact=True)).to_be_visible()
    results.get_by_role("button", name="Voeg toe: Heftruck besturen").click()
    expect(page.locator("[data-search-status]")).to_contain_text("Toegevoegd: Heftruck besturen.")
    expect(results.get_by_role("button", name="Voeg toe: Heftruck besturen")).to_have_count(0)
    search.fill("ECD")  # an alternative label
    expect(results.get_by_text("Het elektronisch zorgdossier bijhouden")).to_be_visible()
    search.fill("goederen ontvang")  # two words, the last one a prefix
    expect(results.locator("li").first).to_contain_text("Goederen ontvangen en controleren")
    expect(results.locator("li").first).to_contain_text("Staat in je lijst")

    page.get_by_role("button", name="Aanpassen: Heftruck besturen").click()
    edit = page.get_by_role("dialog", name="Heftruck besturen")
    edit.get_by_label(re.compile("^3 Goed")).check()
    edit.get_by_label("Op het werk").check()
    edit.get_by_label("In een opleiding of cursus").check()
    edit.get_by_label("Titel van nieuw bewijs").fill("Certificaat heftruck")
    edit.get_by_label("Datum").fill("2024-03-01")
    edit.get_by_label("Link").fill("www.example.org/certificaat")
    edit.get_by_role("button", name="Opslaan").click()
    expect(edit.get_by_role("alert")).to_have_text("De link moet beginnen met https:// (of http://).")
    edit.get_by_label("Link").fill("https://example.org/certificaat")
    edit.get_by_role("button", name="Opslaan").click()
    expect(edit).to_be_hidden()
    card = page.locator("[data-skill='heftruck-besturen']")
    expect(card).to_contain_text("3 Goed")
    expect(card).to_contain_text("Op het werk, In een opleiding of cursus")
    expect(card).to_contain_text("Certificaat heftruck, 1 maart 2024")
    expect(card.get_by_role("link", name="bekijk: Certificaat heftruck")).to_have_attribute("href", "https://example.org/certificaat")

    before = one.cards_text()
    page.reload()
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    assert one.cards_text() == before
    saved = stored(page)
    assert saved["occupations"] == [{"id": "magazijnmedewerker", "name": "Magazijnmedewerker"}]
    heftruck = next(s for s in saved["skills"] if s["id"] == "heftruck-besturen")
    assert heftruck["level"] == 3 and heftruck["learned"] == ["werk", "opleiding"]
    assert heftruck["evidence"] == [{"title": "Certificaat heftruck", "date": "2024-03-01", "link": "https://example.org/certificaat"}]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finish(one)


def test_export_clear_import_restores_identically_and_the_file_fits_the_schema(visit, built_site, tmp_path):
    one = visit().open()
    page = one.page
    one.load_fixture()
    first = one.export(tmp_path, "eerste.json")
    document = json.loads(first.read_text(encoding="utf-8"))
    assert list(schema_validator(built_site).iter_errors(document)) == []
    assert document == json.loads(FIXTURE.read_text(encoding="utf-8"))  # import kept every field, the unknown skill too
    shown = one.cards_text()

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Wis alles").click()
    expect(page.locator("[data-io-status]")).to_have_text("Alles is gewist van dit apparaat.")
    assert one.skills_shown() == [] and stored(page) is None

    page.locator("[data-import]").set_input_files(str(first))
    expect(page.locator("[data-io-status]")).to_contain_text("1 daarvan staat niet (meer) in de lijst van deze gids; we bewaren ze wel.")
    assert one.cards_text() == shown
    unknown = page.locator("[data-skill='kassa-bedienen-oud']")
    expect(unknown).to_contain_text("Staat niet (meer) in de vaardighedenlijst van deze gids.")
    assert one.export(tmp_path, "tweede.json").read_bytes() == first.read_bytes()
    finish(one)


def test_import_says_in_dutch_what_is_wrong_and_keeps_the_list(visit, tmp_path):
    one = visit().open()
    page = one.page
    one.load_fixture()
    broken = json.loads(FIXTURE.read_text(encoding="utf-8"))
    broken["skills"][2]["level"] = 9
    broken["skills"][3]["evidence"] = [{"link": "https://example.org"}]
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    page.locator("[data-import]").set_input_files(str(path))
    problem = page.locator("[data-problem]")
    expect(problem).to_contain_text("Het bestand 'kapot.json' kon niet gelezen worden:")
    expect(problem).to_contain_text(
        "Vaardigheid 3 (Orders verzamelen (orderpicken)): 'level' moet 1, 2, 3, 4 of null (nog niet gekozen) zijn."
    )
    expect(problem).to_contain_text("Vaardigheid 4 (Inpakken en verzendklaar maken): bewijs 1: 'title' ontbreekt")
    (tmp_path / "tekst.json").write_text("dit is geen json", encoding="utf-8")
    page.locator("[data-import]").set_input_files(str(tmp_path / "tekst.json"))
    expect(problem).to_contain_text("Het bestand 'tekst.json' is geen leesbaar JSON-bestand.")
    assert len(one.skills_shown()) == 20  # nothing lost
    finish(one)


def test_share_link_opens_read_only_in_a_fresh_browser_and_a_copy_can_be_kept(visit):
    sender = visit().open()
    sender.load_fixture()
    sender.page.get_by_role("button", name="Maak een deellink").click()
    expect(sender.page.get_by_label("Je deellink")).to_have_value(re.compile("#delen="))
    link = sender.page.get_by_label("Je deellink").input_value()
    assert link.startswith(sender.site_url + PATH + "#delen=z")
    assert len(link) < 4000

    receiver = visit(375, is_mobile=True, has_touch=True)
    page = receiver.page
    page.goto(link)
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    expect(page.get_by_role("heading", name="Je bekijkt een gedeelde lijst")).to_be_visible()
    assert receiver.skills_shown() == sender.skills_shown()
    assert receiver.cards_text() == sender.cards_text()
    expect(page.get_by_role("button", name=re.compile("^Aanpassen"))).to_have_count(0)
    expect(page.get_by_role("heading", name="Vaardigheden toevoegen")).to_be_hidden()
    expect(page.get_by_role("button", name="Wis alles")).to_be_hidden()
    assert stored(page) is None  # looking stores nothing

    page.get_by_role("button", name="Bewaar een kopie op dit apparaat").click()
    expect(page.locator("[data-io-status]")).to_have_text("De lijst is bewaard op dit apparaat. Je kunt hem nu aanpassen.")
    assert "#" not in page.url
    expect(page.get_by_role("button", name="Aanpassen: Heftruck besturen")).to_be_visible()
    kept = stored(page)
    original = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert kept["skills"] == original["skills"] and kept["name"] == "Sam de Vries"

    damaged = visit().open("#delen=zAAAA")
    expect(damaged.page.locator("[data-problem]")).to_contain_text("Deze deellink is niet compleet of beschadigd.")
    finish(sender, receiver, damaged)


def test_twenty_skills_print_on_at_most_two_a4_pages(visit, tmp_path):
    one = visit().open()
    one.load_fixture()
    pdf = one.page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    (tmp_path / "paspoort.pdf").write_bytes(pdf)
    print(f"PDF: {pages} pagina's")
    assert 1 <= pages <= 2
    one.page.emulate_media(media="print")
    expect(one.page.get_by_text("Vaardigheden van Sam de Vries")).to_be_visible()
    expect(one.page.get_by_role("heading", name="Welk werk past bij je?")).to_be_hidden()
    expect(one.page.locator(".site-header")).to_be_hidden()
    finish(one)


@pytest.fixture(scope="module")
def vocabulary():
    problems = Problems()
    return build_catalogue(load_content(SAMPLE, problems, SAMPLE_TODAY), SAMPLE_TODAY).vocabulary


def test_matches_and_gap_courses_for_the_fixture_passport_follow_the_python_rule(visit, vocabulary):
    one = visit().open()
    page = one.page
    one.load_fixture()
    have = [vocabulary.skills[s["id"]] for s in json.loads(FIXTURE.read_text(encoding="utf-8"))["skills"] if s["id"] in vocabulary.skills]
    ranked = matching.fitting_occupations(have, [(o, o.essential, o.optional) for o in vocabulary.sorted_occupations])
    shown = page.locator("[data-matches] [data-match]")
    assert shown.evaluate_all("cards => cards.map(c => c.dataset.match)") == [o.id for o, _ in ranked[:6]]
    page.get_by_role("button", name=f"Toon alle {len(ranked)} beroepen").click()
    assert shown.evaluate_all("cards => cards.map(c => c.dataset.match)") == [o.id for o, _ in ranked]
    first = page.locator("[data-match='magazijnmedewerker']")
    expect(first).to_contain_text("Je hebt al 11 van de 11 kernvaardigheden van magazijnmedewerker.")
    # names in running text keep their abbreviations, as on the pages the build makes ("servicedeskmedewerker ICT")
    abbreviated = [o for o, _ in ranked if any(len(word) > 1 and word.isupper() for word in o.name.split())]
    assert abbreviated, "the fixture must match an occupation whose name has an abbreviation"
    for occupation, _ in ranked:
        expect(page.locator(f"[data-match='{occupation.id}']")).to_contain_text(f"kernvaardigheden van {in_sentence(occupation.name)}.")

    target = vocabulary.occupations["monteur-zonnepanelen"]
    gap = matching.gap_between(have, target.essential, target.optional)
    fits = matching.rank_courses(gap, vocabulary.courses_teaching_any(gap.missing), lambda c: c.skills, lambda c: c.title)
    assert fits, "the fixture must leave a gap that courses close"
    page.locator("[data-match='monteur-zonnepanelen']").get_by_role("button").click()
    panel = page.get_by_role("region", name="Naar monteur zonnepanelen")
    expect(panel.get_by_role("heading", name="Naar monteur zonnepanelen")).to_be_focused()
    expect(panel).to_contain_text(
        f"Je hebt al {len(gap.have_essential)} van de {gap.essential_count} kernvaardigheden van monteur zonnepanelen."
    )
    courses = panel.locator(".gap-course").evaluate_all("cards => cards.map(c => c.dataset.course)")
    assert courses == [f.course.id for f in fits[:30]]
    first_fit = fits[0]
    card = panel.locator(f"[data-course='{first_fit.course.id}']")
    expect(card).to_contain_text(
        f"Leert je {len(first_fit.closes_essential)} van de {len(gap.missing_essential)} kernvaardigheden die je nog mist"
    )
    expect(card).to_contain_text("incl. btw")
    funding = passport.page_data(vocabulary, urls.Links("https://scholing.example.org/", "/"))["funding"]
    assert funding
    assert panel.locator(".funding-card h5").all_inner_texts() == [f["name"] for f in funding]
    expect(panel.get_by_role("link", name="Van magazijnmedewerker naar monteur zonnepanelen")).to_have_attribute(
        "href", "/overstappen/magazijnmedewerker/naar/monteur-zonnepanelen/"
    )
    finish(one)


def test_without_javascript_the_page_says_so_and_links_the_skills_pages(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATH)
    expect(page.get_by_text("Voor je eigen vaardighedenlijst is JavaScript nodig.")).to_be_visible()
    expect(page.get_by_role("heading", name="Vaardigheden toevoegen")).to_be_hidden()
    for name in ("Alle vaardigheden", "Beroepen", "Overstappen naar ander werk"):
        expect(page.locator("[data-passport-nojs]").get_by_role("link", name=name)).to_be_visible()
    context.close()


def axe(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert len(result["passes"]) > 10
    return [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.parametrize("width", [375, 1280])
def test_no_axe_violations_in_any_state(visit, width, tmp_path):
    one = visit(width, bypass_csp=True).open()
    page = one.page
    found = {"leeg": axe(page)}
    page.screenshot(path=str(tmp_path / f"leeg-{width}.png"), full_page=True)
    one.load_fixture()
    page.get_by_label("Zoek een vaardigheid").fill("plannen")
    expect(page.locator("[data-search-results] li").first).to_be_visible()
    page.locator("[data-matches] [data-gap-for]").first.click()
    found["gevuld"] = axe(page)
    page.get_by_role("button", name="Aanpassen: Heftruck besturen").click()
    found["dialoog aanpassen"] = axe(page)
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Aanpassen: Heftruck besturen")).to_be_focused()  # focus returns
    page.get_by_label("Ik heb gewerkt als …").select_option("kok")
    page.get_by_role("button", name="Toon de vaardigheden").click()
    found["dialoog beroep"] = axe(page)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Maak een deellink").click()
    expect(page.get_by_label("Je deellink")).to_have_value(re.compile("#delen="))
    link = page.get_by_label("Je deellink").input_value()
    shared = visit(width, bypass_csp=True)
    shared.page.goto(link)
    shared.page.wait_for_selector("[data-passport][data-ready]", state="attached")
    found["alleen lezen"] = axe(shared.page)
    assert found == {state: [] for state in found}


def test_after_one_visit_the_page_works_without_network(visit):
    one = visit().open()
    page = one.page
    ready = "Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise(r => setTimeout(() => r(false), 15000))])"
    assert page.evaluate(ready)  # installed and active, with what a later visit needs
    page.reload()  # now the worker serves the page
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.get_by_label("Zoek een vaardigheid").fill("heftruck")
    expect(page.locator("[data-search-results]").get_by_text("Heftruck besturen", exact=True)).to_be_visible()

    one.context.set_offline(True)
    page.reload()
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    one.load_fixture()
    page.get_by_role("button", name=re.compile("^Toon alle")).click()
    page.locator("[data-match='monteur-zonnepanelen'] [data-gap-for]").click()
    expect(page.locator("[data-gap] .gap-course").first).to_be_visible()  # the courses file came from the cache
    page.get_by_label("Zoek een vaardigheid").fill("heftruck")
    expect(page.locator("[data-search-results]").get_by_text("Heftruck besturen", exact=True)).to_be_visible()
    one.context.set_offline(False)
    finish(one)


def test_a_skill_page_adds_its_skill_to_the_list(visit):
    one = visit()
    page = one.page
    page.goto(one.site_url + "vaardigheden/heftruck-besturen/")
    page.get_by_role("link", name="Zet het in Mijn vaardigheden").click()
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    expect(page.locator("[data-search-status]")).to_have_text("Toegevoegd: Heftruck besturen. Kies bij 'Aanpassen' hoe goed je het kunt.")
    assert one.skills_shown() == ["heftruck-besturen"]
    assert page.url == one.site_url + PATH  # a reload does not add it again
    page.reload()
    page.wait_for_selector("[data-passport][data-ready]", state="attached")
    assert one.skills_shown() == ["heftruck-besturen"]
    finish(one)

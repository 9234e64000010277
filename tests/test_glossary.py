"""The glossary: content/begrippen.yaml validated like all content, terms explained once per page."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from builder import glossary
from builder.glossary import TermsOnPage
from builder.model import Term, make_glossary
from tests.conftest import ROOT, SAMPLE
from tests.test_content import line_of, only_error, only_warning, problems_for, replace

GLOSSARY = "begrippen.yaml"


def test_every_term_the_templates_use_is_listed_and_in_the_sample():
    literal = set()
    for template in (ROOT / "templates").rglob("*.html"):
        literal |= set(re.findall(r"\bterm\('([a-z0-9-]+)'", template.read_text(encoding="utf-8")))
    assert literal, "the templates explain terms"
    assert literal <= set(glossary.SITE_TERMS), literal - set(glossary.SITE_TERMS)
    sample = yaml.safe_load((SAMPLE / GLOSSARY).read_text(encoding="utf-8"))
    assert set(glossary.SITE_TERMS) <= set(sample), set(glossary.SITE_TERMS) - set(sample)
    # the ids the course page derives from content values (form, certificate, quality marks, codes)
    assert {"werkend-leren", "klassikaal", "microcredential", "nrto", "cedeo", "ocw", "crebo", "edu-dex"} <= set(sample)


def test_a_word_explains_one_term(content_copy: Path):
    path = content_copy / GLOSSARY
    replace(path, "  aliases: [ministerie van OCW]", "  aliases: [ministerie van OCW, nlqf]")
    error = only_error(problems_for(content_copy))
    assert error.path == path
    assert error.line == line_of(path, "aliases: [ministerie van OCW, nlqf]")
    assert error.message == "'nlqf' hoort al bij begrip 'nlqf'; een woord kan maar één begrip uitleggen."


def test_misspelled_field_and_too_short_explanation_are_errors_with_lines(content_copy: Path):
    path = content_copy / GLOSSARY
    replace(path, "  short: Iemand op je werk die je begeleidt als je daar het vak leert.", "  shrot: Iemand op je werk.")
    problems = problems_for(content_copy)
    messages = [p.format(content_copy) for p in problems.errors]
    line = line_of(path, "shrot:")
    assert f"{GLOSSARY}:{line}:3: onbekend veld 'praktijkopleider.shrot'. Bedoelde je 'short'?" in "\n".join(messages), messages
    assert not any("ontbreekt" in m for m in messages), messages  # one mistake, one message: the suggestion names 'short'


def test_a_term_the_site_uses_missing_is_a_warning(content_copy: Path):
    path = content_copy / GLOSSARY
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^crebo:\n(?:  .*\n)+", "", text), encoding="utf-8")
    warning = only_warning(problems_for(content_copy))
    assert "de site gebruikt deze begrippen, maar begrippen.yaml legt ze niet uit: crebo." in warning.message


def test_the_glossary_file_may_be_missing(content_copy: Path):
    (content_copy / GLOSSARY).unlink()
    problems = problems_for(content_copy)
    assert problems.errors == [] and problems.warnings == []


def test_terms_are_alphabetical_and_explained_once_per_page():
    terms = make_glossary({"wo": {"name": "wo", "short": "x" * 20}, "eqf": {"name": "EQF", "short": "y" * 20, "aliases": ["a"]}})
    assert [t.id for t in terms] == ["eqf", "wo"]
    assert terms[0] == Term("eqf", "EQF", "y" * 20, "", None, ("a",))
    page = TermsOnPage({t.id: t for t in terms})
    assert page.first_use("eqf") == terms[0]
    assert page.first_use("eqf") is None  # already explained on this page
    assert page.first_use("onbekend") is None
    assert TermsOnPage({t.id: t for t in terms}).first_use("eqf") == terms[0]  # a new page explains again


def test_course_page_explains_a_term_once_and_glossary_page_has_anchors(built_site: Path):
    html = (built_site / "opleidingen/verzorgende-ig-deeltijd/index.html").read_text(encoding="utf-8")
    assert html.count("<summary>NLQF 3</summary>") == 1
    assert html.count('<details class="term">') == len(re.findall(r"<details class=\"term\"><summary>([^<]+)</summary>", html))
    # the provider's NLQF quality mark comes after the level: the explanation is not repeated
    explained = re.findall(r"<details class=\"term\"><summary>([^<]+)</summary>", html)
    assert explained == ["btw", "NLQF 3", "EQF 3", "Crebo", "Keurmerken", "OCW"], explained
    page = (built_site / "begrippen/index.html").read_text(encoding="utf-8")
    for term_id in ("nlqf", "crebo", "o-en-o-fonds", "werkend-leren", "atom-feed", "open-data"):
        assert f'id="{term_id}"' in page
    assert '<a href="/begrippen/#nlqf">Meer over NLQF</a>' in html


def test_prose_links_the_first_use_of_a_term_outside_links_and_headings():
    terms = make_glossary(
        {
            "o-en-o-fonds": {"name": "O&O-fonds", "short": "x" * 20, "aliases": ["opleidingsfonds"]},
            "rio": {"name": "RIO", "short": "y" * 20},
            "bbl": {"name": "bbl", "short": "z" * 20},
        }
    )
    page = TermsOnPage({t.id: t for t in terms})
    prose = (
        "<h2>Het O&amp;O-fonds</h2><p>Vraag het <a href=\"https://x.example\">opleidingsfonds</a>. Het O&amp;O-fonds betaalt; "
        "een O&amp;O-fonds is er per sector. Rio is een stad. RIO-code en Bbl en bbl.</p>"
    )
    linked = page.link_first_uses(prose, "/begrippen/")
    assert linked == (
        "<h2>Het O&amp;O-fonds</h2><p>Vraag het <a href=\"https://x.example\">opleidingsfonds</a>. Het "
        '<a class="term-link" href="/begrippen/#o-en-o-fonds">O&amp;O-fonds</a> betaalt; een O&amp;O-fonds is er per sector. '
        'Rio is een stad. RIO-code en <a class="term-link" href="/begrippen/#bbl">Bbl</a> en bbl.</p>'
    )
    # a term the page already explained (a label above the text) is not linked again
    assert "term-link" not in page.link_first_uses("<p>bbl</p>", "/begrippen/")

"""Links in editors' Markdown and footer: mistakes reported at the file, line and column where they are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.content_links import link_problem, links_in_markdown
from tests.conftest import run_build
from tests.test_content import line_of, problems_for, replace

COURSE = "courses/vca-basis.yaml"


@pytest.mark.parametrize(
    ("target", "severity", "says"),
    [
        ("www.noorderpoort.nl/opleidingen", "error", "Bedoelde je 'https://www.noorderpoort.nl/opleidingen'?"),
        ("leerwerkloket.nl", "error", "mist 'https://'"),
        ("htps://www.example.nl/", "error", "Bedoelde je 'https'?"),
        ("javascript:alert(1)", "error", "werkt niet op de site"),
        ("https://www example nl/", "warning", "geen geldige domeinnaam"),
        ("https://noorderpoort/", "warning", "geen geldige domeinnaam"),
        ("http://localhost:8000/x", "warning", "je eigen computer"),
        ("mailto:info(at)example.nl", "warning", "geen geldig e-mailadres"),
        ("tel:bel ons", "warning", "geen telefoonnummer"),
    ],
)
def test_link_that_cannot_work(target: str, severity: str, says: str):
    found = link_problem(target)
    assert found is not None and found[0] == severity and says in found[1], found


@pytest.mark.parametrize(
    "target",
    [
        "https://www.example.nl/a?b=c#d",
        "http://xn--bcher-kva.example/",
        "mailto:info@example.nl",
        "tel:+31 50 123 45 67",
        "/over/",
        "../vca-basis/",
        "#kosten",
        "index.html",
        "brochure.pdf",
    ],
)
def test_link_that_works_is_left_alone(target: str):
    assert link_problem(target) is None


def test_reference_links_and_autolinks_are_seen():
    text = "Zie [de site][1] en <https://www.example.nl/b>.\n\n[1]: www.example.nl/a\n"
    assert links_in_markdown(text) == ["www.example.nl/a", "https://www.example.nl/b"]


def test_markdown_link_reported_where_it_is_written(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "description: |\n", "description: |\n  Meer op [de site](www.vca.nl/examens) of [mail](mailto:vca@).\n")
    problems = problems_for(content_copy)
    [error] = problems.errors
    line = line_of(path, "www.vca.nl")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("www.vca.nl") + 1
    assert (error.path, error.line, error.column) == (path, line, column) and column > 1
    assert "Bedoelde je 'https://www.vca.nl/examens'?" in error.message
    assert [(w.line, "mailto:vca@" in w.message) for w in problems.warnings] == [(line_of(path, "www.vca.nl"), True)]


def test_page_body_and_footer_links_are_checked(content_copy: Path):
    page = content_copy / "pages/over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMeer: [hier](htps://www.example.nl/).\n", encoding="utf-8")
    site = content_copy / "site.yaml"
    replace(site, "url: /over/", "url: www.example.nl")
    errors = problems_for(content_copy).errors
    assert [(e.path, e.line) for e in errors] == [(page, line_of(page, "htps://")), (site, line_of(site, "www.example.nl"))]


def test_build_stops_before_publishing_a_link_without_https(content_copy: Path, tmp_path: Path):
    replace(content_copy / COURSE, "description: |\n", "description: |\n  Zie [de site](www.vca.nl).\n")
    result = run_build(content_copy, tmp_path / "site")
    assert not result.ok and not (tmp_path / "site").exists()
    assert any("mist 'https://'" in p.message for p in result.problems.errors)

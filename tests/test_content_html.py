"""Raw HTML the sanitiser strips is reported at the line where the editor typed it, once per tag."""

from __future__ import annotations

from pathlib import Path

from tests.test_content import COURSE, line_of, problems_for, replace


def test_stripped_tags_and_attributes_are_warnings_at_their_line(content_copy: Path):
    path = content_copy / COURSE
    replace(
        path,
        "  De cursus is voor beginners",
        '  Let op: <span style="color:red">nieuw</span> en <a href="#x" onclick="go()">klik</a>.\n'
        "  Code mag: `<b onclick=x>` en <strong>vet</strong> ook.\n\n  De cursus is voor beginners",
    )
    problems = problems_for(content_copy)
    assert problems.errors == []
    line = line_of(path, "Let op: <span")
    found = [(w.line, w.column, w.message) for w in problems.warnings]
    assert found == [
        (
            line,
            len("  Let op: ") + 1,
            "veld 'description': de HTML-code '<span style=\"color:red\">' komt niet op de site; alleen Markdown en een paar "
            "eenvoudige tags mogen. Schrijf het in Markdown of haal het weg. [html]",
        ),
        (
            line,
            len('  Let op: <span style="color:red">nieuw</span> en ') + 1,
            "veld 'description': in '<a href=\"#x\" onclick=\"go()\">' wordt 'onclick' weggehaald; de site toont dat niet. "
            "Schrijf het in Markdown of haal het weg. [html]",
        ),
    ]
    assert all(w.code == "html" for w in problems.warnings)


def test_html_in_a_page_body_counts_from_the_file(content_copy: Path):
    path = content_copy / "pages/over.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<iframe src=x></iframe>\n", encoding="utf-8")
    [warning] = problems_for(content_copy).warnings
    assert (warning.path, warning.line, warning.column) == (path, line_of(path, "<iframe"), 1)
    assert "'<iframe src=x>' komt niet op de site" in warning.message


def test_acknowledged_html_is_quiet(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "  De cursus is voor beginners", "  <u>Let op</u>\n\n  De cursus is voor beginners")
    assert len(problems_for(content_copy).warnings) == 1
    replace(path, "added: 2026-11-01", "added: 2026-11-01\nacknowledged: [html]")
    assert problems_for(content_copy).warnings == []

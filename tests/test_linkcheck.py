from __future__ import annotations

from builder.linkcheck import PageLinks, check_links, check_pages, link_lines, page_links
from builder.urls import Links

LINKS = Links("https://example.org/sub/", "/sub/")


def page(body: str) -> bytes:
    return f"<!doctype html><html><body>{body}</body></html>".encode()


def test_resolves_pages_anchors_and_assets():
    files = {
        "index.html": page('<a href="/sub/a/">a</a><a href="/sub/a/#deel">deel</a><script src="/sub/x.js"></script>'),
        "a/index.html": page('<h2 id="deel">Deel</h2><a href="https://elders.example/">extern</a>'),
        "x.js": b"",
    }
    assert check_links(files, LINKS) == []


def test_reports_missing_pages_anchors_and_paths_outside_the_site():
    files = {"index.html": page('<a href="/sub/b/">b</a>\n<a href="/sub/#nergens">x</a>\n<img src="/logo.png" alt="">')}
    broken = {(b.target, b.reason, b.line) for b in check_links(files, LINKS)}
    assert ("/sub/b/", "bestaat niet", 1) in broken
    assert ("/sub/#nergens", "anker '#nergens' bestaat niet", 2) in broken
    assert any(target == "/logo.png" for target, _, _ in broken)


def test_ignores_urls_served_elsewhere():
    files = {"index.html": page('<script src="http://127.0.0.1:8000/livereload.js"></script>')}
    assert check_links(files, Links("http://127.0.0.1:8000/", "/"), frozenset({"http://127.0.0.1:8000/livereload.js"})) == []


TRICKY = (
    '<!-- <a href="/in-commentaar/"> -->\n<h2 id="a">A</h2><a name="b">\n'
    '<script type="application/ld+json">{"x": "<a href=\\"/in-script/\\">"}</script>\n'
    '<p title="1 > 0" id="c">x</p><a class=x href="/sub/?q=1&amp;r=2">y</a><LINK REL="preconnect" HREF="https://x.example">\n'
    "<textarea><a href='/in-textarea/'></textarea><title><a href=/in-title/></title>"
)


def test_page_links_reads_ids_and_links_like_a_browser():
    found = page_links(TRICKY)
    assert found.ids == {"a", "b", "c"}
    assert list(found.targets()) == ["/sub/?q=1&r=2"]
    assert page_links(TRICKY.encode()) == found


def test_link_lines_reads_links_like_page_links_and_counts_lines():
    assert link_lines(TRICKY) == [(4, "/sub/?q=1&r=2")]


def test_a_page_is_checked_with_the_parts_it_shares():
    card = page_links('<li id="kaart"><a href="/sub/a/">a</a><a href="/sub/weg/">weg</a></li>')
    summary = page_links('<a href="/sub/#kaart">naar de kaart</a>', parts=[card, card])
    assert summary.ids == {"kaart"} and set(summary.targets()) == {"/sub/#kaart", "/sub/a/", "/sub/weg/"}
    whole = b'<a href="/sub/#kaart">naar de kaart</a>\n<li id="kaart"><a href="/sub/a/">a</a>\n<a href="/sub/weg/">weg</a></li>'
    files = {"index.html": whole, "a/index.html": page("")}
    broken = check_pages({"index.html": summary, "a/index.html": page_links(b"")}, set(files), LINKS, read=files.__getitem__)
    assert [(b.page, b.line, b.target, b.reason) for b in broken] == [("index.html", 3, "/sub/weg/", "bestaat niet")]


def test_pieces_read_together_are_read_as_each_alone():
    """Cards are read many in one parse: each card's summary must be what reading it alone gives, in order."""
    from builder.linkcheck import PIECES_PER_PARSE, pieces_links

    def summaries(found):
        return [(sorted(links.ids), list(links.targets())) for links in found]

    cards = [
        f'<li class="course-card" data-id="c{n}"><h3><a href="/sub/opleidingen/c{n}/">C{n} &amp; co</a></h3>'
        f'<p id="p{n}">tekst <a name="n{n}">x</a></p>{"<template><a href=/sub/niet/>t</a></template>" if n % 3 else ""}'
        f'<dl><div><dt>Prijs</dt><dd><a href="/sub/regelingen/r{n % 4}/">r</a></dd></div></dl></li>\n'.encode()
        for n in range(PIECES_PER_PARSE + 7)
    ]
    assert summaries(pieces_links(cards)) == summaries(page_links(card) for card in cards)
    assert pieces_links([]) == []
    awkward = [  # not one element each side by side: read one by one, with the same result
        [b'<p>a</p><p><a href="/sub/x/">x</a></p>', b'<li><a href="/sub/y/">y</a></li>'],
        [b'<link rel="stylesheet" href="/sub/s.css">', b'<li><a href="/sub/y/">y</a></li>'],
        [b'<li><a href="/sub/y/">y</a></li>', b'tekst <a href="/sub/z/" id="z">z</a>'],
        [b"<li><textarea>", b'<li><a href="/sub/y/">y</a></li>'],
    ]
    for pieces in awkward:
        assert summaries(pieces_links(pieces)) == summaries(page_links(piece) for piece in pieces)


def test_every_place_a_broken_link_is_made_is_named_by_its_line():
    files = {"index.html": page('<a href="/sub/b/">b</a>\n\n<a href="/sub/b/">b</a>')}
    assert [(b.line, b.target) for b in check_links(files, LINKS)] == [(1, "/sub/b/"), (3, "/sub/b/")]


def test_a_build_with_a_broken_link_missing_anchor_or_missing_asset_is_not_published(tmp_path):
    import shutil

    from builder.build import build
    from builder.config import make_options
    from tests.conftest import SAMPLE, SAMPLE_TODAY, TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "page.html"
    broken = (
        '<a href="{{ url(\'nergens/\') }}">x</a>\n'
        '<a href="{{ url(\'over/\') }}#geen-anker">y</a>\n'
        '<img src="{{ url(\'assets/weg.png\') }}" alt="">\n'
    )
    page.write_text(page.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}\n" + broken, 1), encoding="utf-8")
    out = tmp_path / "site"
    for workers in (1, 2):
        result = build(make_options(SAMPLE, templates, out, today=SAMPLE_TODAY, workers=workers), quiet=True)
        messages = [p.message for p in result.problems.errors]
        assert not result.ok and not out.exists()
        assert any("'/nergens/' bestaat niet" in m for m in messages), messages
        assert any("anker '#geen-anker' bestaat niet" in m for m in messages), messages
        assert any("'/assets/weg.png' bestaat niet" in m for m in messages), messages
        assert all(p.path == out / "over/index.html" or p.path.parent.parent == out for p in result.problems.errors)
    assert not any(tmp_path.glob(".site.new-*")), "the staging folder is cleaned up"


def rendered_page(templates, path: str) -> list[str]:
    """The lines of one page of the sample as a build with these templates makes it (in memory)."""
    from builder import search, urls
    from builder.assets import collect_assets
    from builder.config import find_node_modules
    from builder.content import load_content
    from builder.model import build_catalogue
    from builder.problems import Problems
    from builder.render import make_environment, page_specs, render_page
    from builder.skills.pages import footer_links
    from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY, None)
    links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)
    env = make_environment(templates, links, collect_assets(templates, find_node_modules(ROOT)))
    spec = next(spec for spec in page_specs(catalogue) if urls.output_file(spec.path) == path)
    search_files = search.build_search_files(catalogue, find_node_modules(ROOT))
    extra = {"live_reload_script": None, "search_files": search_files.urls, "vocabulary_links": footer_links(catalogue.vocabulary)}
    return render_page(catalogue, env, spec, extra).decode().splitlines()


def test_a_broken_link_in_a_course_card_is_named_on_every_page_and_line_it_is_on(tmp_path):
    """Cards are read once for all the pages that show them: the error still names each page and line."""
    import shutil

    from builder.build import build
    from builder.config import make_options
    from tests.conftest import SAMPLE, SAMPLE_TODAY, TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    card = templates / "partials/course_card.html"
    card.write_text(card.read_text().replace("</li>", "<a href=\"{{ url('kaart-weg/') }}\">weg</a>\n</li>", 1))
    out = tmp_path / "site"
    for workers in (1, 2):
        result = build(make_options(SAMPLE, templates, out, today=SAMPLE_TODAY, workers=workers), quiet=True)
        assert not result.ok and not out.exists()
        errors = [p for p in result.problems.errors if p.path == out / "opleidingen/index.html"]
        assert all("link '/kaart-weg/' bestaat niet" in p.message for p in result.problems.errors)
        lines = rendered_page(templates, "opleidingen/index.html")
        assert [p.line for p in errors] == [n for n, text in enumerate(lines, 1) if "/kaart-weg/" in text]
        assert len(errors) >= 60  # one per card on the list
        assert {p.path.relative_to(out).as_posix() for p in result.problems.errors} >= {"index.html", "situaties/overstappen/index.html"}


def test_an_id_in_a_part_of_a_page_counts_as_the_pages_own():
    card = PageLinks(["kaart"], ["/a/"])
    page = PageLinks(["inhoud"], ["#kaart"], [PageLinks([], [], [card])])
    assert page.has_id("inhoud") and page.has_id("kaart")
    assert not page.has_id("elders")
    assert page.has_id("kaart") == ("kaart" in page.ids)

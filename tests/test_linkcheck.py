from __future__ import annotations

from builder.linkcheck import check_links
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


def test_page_links_reads_ids_and_links_like_a_browser():
    from builder.linkcheck import page_links

    found = page_links(
        '<!-- <a href="/in-commentaar/"> -->\n<h2 id="a">A</h2><a name="b">\n'
        '<script type="application/ld+json">{"x": "<a href=\\"/in-script/\\">"}</script>\n'
        '<p title="1 > 0" id="c">x</p><a class=x href="/sub/?q=1&amp;r=2">y</a><LINK REL="preconnect" HREF="https://x.example">'
    )
    assert found.ids == {"a", "b", "c"}
    assert found.links == [(4, "/sub/?q=1&r=2")]


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

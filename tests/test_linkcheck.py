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

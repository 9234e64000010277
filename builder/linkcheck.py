"""Check every internal link, anchor and asset of the built site before it is published.

External links are left alone: a build never fetches the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from builder.urls import Links

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    target: str
    reason: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            if tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch"):
                return
            self.links.append((self.getpos()[0], values[attribute] or ""))


def parse_pages(files: dict[str, bytes]) -> dict[str, _Collector]:
    parsed = {}
    for path, data in files.items():
        if path.endswith(".html"):
            collector = _Collector()
            collector.feed(data.decode("utf-8"))
            parsed[path] = collector
    return parsed


def resolve(files: dict[str, bytes], site_path: str) -> str | None:
    """The output file a site path is served from: folders by their index.html, as static hosts do."""
    site_path = site_path.lstrip("/")
    candidates = [site_path + "index.html"] if site_path == "" or site_path.endswith("/") else [site_path, site_path + "/index.html"]
    return next((c for c in candidates if c in files), None)


def check_links(files: dict[str, bytes], links: Links, ignore: frozenset[str] = frozenset()) -> list[BrokenLink]:
    """`ignore`: URLs served by something other than the build, such as the preview's live-reload script."""
    parsed = parse_pages(files)
    base = urlsplit(links.base_url)
    broken: list[BrokenLink] = []
    for page, collector in sorted(parsed.items()):
        page_dir = PurePosixPath(links.base_path + page).parent
        for line, href in collector.links:
            if href in ignore:
                continue
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "tel", "javascript", "data"):
                continue
            if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
                continue  # external: not fetched
            path = unquote(parts.path)
            if not path:
                target = page
            else:
                if not path.startswith("/"):
                    path = str(page_dir / path) + ("/" if path.endswith("/") else "")
                if not path.startswith(links.base_path):
                    broken.append(BrokenLink(page, line, href, f"ligt buiten de site ({links.base_path})"))
                    continue
                target = resolve(files, path[len(links.base_path) :])
                if target is None:
                    broken.append(BrokenLink(page, line, href, "bestaat niet"))
                    continue
            if parts.fragment and target in parsed and parts.fragment not in parsed[target].ids:
                broken.append(BrokenLink(page, line, href, f"anker '#{parts.fragment}' bestaat niet"))
    return broken

"""Check every internal link, anchor and asset of the built site before it is published.

Each page is read once, right after it is rendered (`page_links`), into what the check needs: the
ids it has and the links it makes. The check itself (`check_pages`) then works on those summaries,
so the site's HTML never has to be held in memory or parsed again. External links are left alone:
a build never fetches the internet.
"""

from __future__ import annotations

import html
import re
import sys
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from builder.urls import Links

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src"}

_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*"""
_INTERESTING = "|".join(LINK_ATTRIBUTES) + "|script|style|textarea|title"
# Skipped inside one match, so Python never sees them: text, end tags, and start tags that neither link nor
# have "id=" in them (read as a browser does: up to the first '>' outside quotes). Possessive, so a page
# without a further match is not re-scanned from every position.
_PLAIN_TAG = rf"""<(?!(?i:{_INTERESTING})\b)[a-zA-Z](?:[^>"'iI]++|[iI](?![dD]\s*=)|"[^"]*+"|'[^']*+')*+>"""
_SKIP = rf"""(?:[^<]++|</[a-zA-Z][a-zA-Z0-9-]*+\s*+>|{_PLAIN_TAG}|<(?![a-zA-Z]|!--))*+"""
# After that: a comment, a raw-text element (whose text is never markup; the opening tag still counts), or a start tag.
_MARKUP = re.compile(
    rf"{_SKIP}(?:<!--.*?-->|<((?i:script|style|textarea|title))\b({_ATTRIBUTES})\s*/?>.*?</(?i:\1)\s*>|<([a-zA-Z][a-zA-Z0-9-]*)({_ATTRIBUTES})\s*/?>)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    target: str
    reason: str


class PageLinks:
    """What the link check needs to know of one HTML page, kept small: a big site holds one per page.

    Link targets are interned (the menu, the footer and the assets repeat on every page) and line
    numbers sit in one array."""

    __slots__ = ("ids", "hrefs", "lines")

    def __init__(self, ids: Iterable[str] = (), links: Iterable[tuple[int, str]] = ()) -> None:
        self.ids: frozenset[str] = frozenset(ids)
        pairs = list(links)
        self.hrefs: tuple[str, ...] = tuple(sys.intern(href) for _, href in pairs)
        self.lines = array("I", (line for line, _ in pairs))

    @property
    def links(self) -> list[tuple[int, str]]:
        """(line, URL as written), in page order."""
        return list(zip(self.lines, self.hrefs, strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageLinks) and (self.ids, self.hrefs, self.lines) == (other.ids, other.hrefs, other.lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (PageLinks, (self.ids, self.links))  # unpickled through __init__, so the receiving process interns too


def _attributes(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        if name not in values:
            value = match.group(2) if match.group(2) is not None else match.group(3) if match.group(3) is not None else match.group(4) or ""
            values[name] = html.unescape(value) if "&" in value else value
    return values


def page_links(text: str) -> PageLinks:
    """The ids and links of one page, read with a tokenizer for the HTML our templates and sanitiser make."""
    ids: set[str] = set()
    links: list[tuple[int, str]] = []
    line, counted_to = 1, 0
    for match in _MARKUP.finditer(text):
        tag = match.group(1) or match.group(3)
        if tag is None:
            continue  # a comment
        attribute_text = match.group(2) if match.group(1) else match.group(4)
        tag = tag.lower()
        if tag not in LINK_ATTRIBUTES and "id=" not in attribute_text.lower():
            continue  # most tags: neither an anchor nor a link
        values = _attributes(attribute_text)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                ids.add(values[key])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            if tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch"):
                continue
            start = match.start(3) - 1 if match.group(3) else match.start(1) - 1
            line += text.count("\n", counted_to, start)
            counted_to = start
            links.append((line, values[attribute]))
    return PageLinks(ids, links)


def resolve(files: Iterable[str] | Mapping[str, object], site_path: str) -> str | None:
    """The output file a site path is served from: folders by their index.html, as static hosts do."""
    site_path = site_path.lstrip("/")
    candidates = [site_path + "index.html"] if site_path == "" or site_path.endswith("/") else [site_path, site_path + "/index.html"]
    return next((c for c in candidates if c in files), None)


def check_pages(
    pages: Mapping[str, PageLinks],
    files: set[str] | frozenset[str],
    links: Links,
    ignore: frozenset[str] = frozenset(),
    *,
    only: Iterable[str] | None = None,
    targets: dict[str, set[str]] | None = None,
) -> list[BrokenLink]:
    """`pages`: every HTML page's summary; `files`: every output file, pages included.

    `ignore`: URLs served by something other than the build, such as the preview's live-reload script.
    `only`: check the links of these pages alone (an incremental rebuild knows which can have changed);
    `targets`: filled with output file -> the pages that link to it, so it knows next time.
    """
    base = urlsplit(links.base_url)
    broken: list[BrokenLink] = []
    verdicts: dict[str, tuple[str | None, str, str]] = {}  # the same absolute link on many pages is judged once
    for page in sorted(pages if only is None else (p for p in set(only) if p in pages)):
        page_dir: PurePosixPath | None = None
        summary = pages[page]
        for line, href in zip(summary.lines, summary.hrefs, strict=True):
            if href in ignore:
                continue
            verdict = verdicts.get(href)
            if verdict is None:
                parts = urlsplit(href)
                relative = not parts.scheme and not parts.netloc and not parts.path.startswith("/")
                if relative and page_dir is None:
                    page_dir = PurePosixPath(links.base_path + page).parent
                verdict = judge(parts, page, page_dir, files, links, base)
                if not relative:
                    verdicts[href] = verdict
            target, fragment, reason = verdict
            if reason:
                broken.append(BrokenLink(page, line, href, reason))
                continue
            if target is None:
                continue  # external, or not a link to follow
            if targets is not None:
                targets.setdefault(target, set()).add(page)
            if fragment and target in pages and fragment not in pages[target].ids:
                broken.append(BrokenLink(page, line, href, f"anker '#{fragment}' bestaat niet"))
    return broken


def judge(
    parts: SplitResult, page: str, page_dir: PurePosixPath | None, files: set[str] | frozenset[str], links: Links, base: SplitResult
) -> tuple[str | None, str, str]:
    """(output file it leads to or None when not ours to check, its fragment, why it is broken or '')."""
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return None, "", ""
    if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None, "", ""  # external: not fetched
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment, ""
    if not path.startswith("/"):
        assert page_dir is not None
        path = str(page_dir / path) + ("/" if path.endswith("/") else "")
    if not path.startswith(links.base_path):
        return None, "", f"ligt buiten de site ({links.base_path})"
    target = resolve(files, path[len(links.base_path) :])
    if target is None:
        return None, "", "bestaat niet"
    return target, parts.fragment, ""


def check_links(files: Mapping[str, bytes], links: Links, ignore: frozenset[str] = frozenset()) -> list[BrokenLink]:
    """The check for a site held in memory: every HTML file read, then `check_pages`."""
    pages = {path: page_links(data.decode("utf-8")) for path, data in files.items() if path.endswith(".html")}
    return check_pages(pages, set(files), links, ignore)

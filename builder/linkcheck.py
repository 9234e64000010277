"""Check every internal link, anchor and asset of the built site before it is published.

Each page is read once, right after it is rendered (`page_links`), into what the check needs: the
ids it has and the links it makes. The check itself (`check_pages`) then works on those summaries,
so the site's HTML never has to be held in memory or parsed again. External links are left alone:
a build never fetches the internet.

Reading is the costly part (a 10,000-course site is half a gigabyte of HTML), so it is done by an HTML5
parser in C (lexbor, through selectolax), and a piece that many pages share, such as a course card, is
read once and joined to each page's summary as a part. Summaries keep no line numbers: the few pages
with a broken link are read again by `link_lines`, a tokenizer that counts lines, to say where.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from builder.urls import Links

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src"}
SKIPPED_RELS = ("preconnect", "dns-prefetch")  # a <link> that names a host, not a resource to check
_SELECTOR = ", ".join(["[id]", "a[name]", *(f"{tag}[{attribute}]" for tag, attribute in LINK_ATTRIBUTES.items())])

_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*"""
_INTERESTING = "|".join(LINK_ATTRIBUTES) + "|script|style|textarea|title"
# Skipped inside one match, so Python never sees them: text, end tags, and start tags that do not link
# (read as a browser does: up to the first '>' outside quotes). Possessive, so a page without a further
# match is not re-scanned from every position.
_PLAIN_TAG = rf"""<(?!(?i:{_INTERESTING})\b)[a-zA-Z](?:[^>"']++|"[^"]*+"|'[^']*+')*+>"""
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

    `hrefs`: the page's own link targets, each once, interned (the menu, the footer and the assets repeat
    on every page); `parts`: summaries of shared pieces in the page (course cards), each made once and
    held by every page that shows it."""

    __slots__ = ("own_ids", "hrefs", "parts", "_ids")

    def __init__(self, ids: Iterable[str] = (), hrefs: Iterable[str] = (), parts: Iterable[PageLinks] = ()) -> None:
        self.own_ids: frozenset[str] = frozenset(ids)
        self.hrefs: tuple[str, ...] = tuple(sys.intern(href) for href in dict.fromkeys(hrefs))
        self.parts: tuple[PageLinks, ...] = tuple(parts)
        self._ids: frozenset[str] | None = None if self.parts else self.own_ids

    @property
    def ids(self) -> frozenset[str]:
        """Every id on the page, its parts' included."""
        if self._ids is None:
            self._ids = self.own_ids.union(*(part.ids for part in self.parts))
        return self._ids

    def has_id(self, name: str) -> bool:
        """Whether the page has this id, its parts' included, without keeping their union: the check asks
        for every page that links to its own anchors, and the unions were 76 MB at 50,000 courses."""
        return name in self.own_ids or any(part.has_id(name) for part in self.parts)

    def targets(self) -> Iterator[str]:
        """Every link target on the page, its parts' included; a target several parts share comes once per part."""
        yield from self.hrefs
        for part in self.parts:
            yield from part.targets()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageLinks) and self.ids == other.ids and set(self.targets()) == set(other.targets())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PageLinks(ids={sorted(self.ids)}, hrefs={sorted(set(self.targets()))})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PageLinks, (self.own_ids, self.hrefs, self.parts))  # unpickled through __init__, so the receiving process interns too


def page_links(page: str | bytes, parts: Iterable[PageLinks] = ()) -> PageLinks:
    """The ids and links of one page (or a piece of one), read as a browser reads it: comments, script and
    style text, template contents and a form inside a form are not links; `a name` is an anchor too."""
    return _summary(LexborHTMLParser(page).css(_SELECTOR), parts)


def _summary(nodes: Iterable[LexborNode], parts: Iterable[PageLinks] = ()) -> PageLinks:
    """What counts: the nodes `_SELECTOR` found, in page order."""
    ids: list[str] = []
    hrefs: list[str] = []
    for node in nodes:
        values = node.attributes
        if values.get("id"):
            ids.append(values["id"])  # type: ignore[arg-type]
        tag = node.tag
        if tag == "a" and values.get("name"):
            ids.append(values["name"])  # type: ignore[arg-type]
        attribute = LINK_ATTRIBUTES.get(tag)  # type: ignore[arg-type]
        if attribute and values.get(attribute):
            if tag == "link" and values.get("rel") in SKIPPED_RELS:
                continue
            hrefs.append(values[attribute])  # type: ignore[arg-type]
    return PageLinks(ids, hrefs, parts)


PIECES_PER_PARSE = 256


def pieces_links(pieces: Sequence[bytes]) -> list[PageLinks]:
    """`page_links` of each piece, for many pieces that are one element each (course cards): read in one parse
    per PIECES_PER_PARSE, as a card read alone costs ~0.1 ms, mostly in making a parser.

    Pieces that do not read back as exactly one element each, side by side in the body, are read one by one,
    so a piece's summary is always what `page_links` makes of it."""
    found: list[PageLinks] = []
    for start in range(0, len(pieces), PIECES_PER_PARSE):
        chunk = pieces[start : start + PIECES_PER_PARSE]
        found.extend(_read_together(chunk) or [page_links(piece) for piece in chunk])
    return found


def _read_together(pieces: Sequence[bytes]) -> list[PageLinks] | None:
    tree = LexborHTMLParser(b"".join(pieces))
    body = tree.body
    if body is None or (tree.head is not None and tree.head.first_child is not None):
        return None
    tops = {node.mem_id: n for n, node in enumerate(body.iter(include_text=False))}
    if len(tops) != len(pieces):
        return None
    nodes: list[list[LexborNode]] = [[] for _ in pieces]
    for node in tree.css(_SELECTOR):
        top: LexborNode | None = node
        while top is not None and top.mem_id not in tops:
            top = top.parent
        if top is None:
            return None
        nodes[tops[top.mem_id]].append(node)
    return [_summary(found) for found in nodes]


def _attributes(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        if name not in values:
            value = match.group(2) if match.group(2) is not None else match.group(3) if match.group(3) is not None else match.group(4) or ""
            values[name] = html.unescape(value) if "&" in value else value
    return values


def link_lines(text: str) -> list[tuple[int, str]]:
    """(line, URL) of every link in a page, in page order: only to say where a broken link is, so only
    pages with one are read this way. A tokenizer for the HTML our templates and sanitiser make."""
    links: list[tuple[int, str]] = []
    line, counted_to = 1, 0
    for match in _MARKUP.finditer(text):
        tag = match.group(1) or match.group(3)
        if tag is None:
            continue  # a comment
        tag = tag.lower()
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute is None:
            continue
        values = _attributes(match.group(2) if match.group(1) else match.group(4))
        if values.get(attribute):
            if tag == "link" and values.get("rel") in SKIPPED_RELS:
                continue
            start = match.start(3) - 1 if match.group(3) else match.start(1) - 1
            line += text.count("\n", counted_to, start)
            counted_to = start
            links.append((line, values[attribute]))
    return links


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
    read: Callable[[str], bytes],
    only: Iterable[str] | None = None,
    targets: dict[str, set[str]] | None = None,
) -> list[BrokenLink]:
    """`pages`: every HTML page's summary; `files`: every output file, pages included; `read`: a page's bytes
    as they will be published, read only for a page with a broken link, to say on which lines it is.

    `ignore`: URLs served by something other than the build, such as the preview's live-reload script.
    `only`: check the links of these pages alone (an incremental rebuild knows which can have changed);
    `targets`: filled with output file -> the pages that link to it, so it knows next time.
    """
    base = urlsplit(links.base_url)
    broken: list[BrokenLink] = []
    verdicts: dict[str, tuple[str | None, str, str]] = {}  # the same absolute link on many pages is judged once
    for page in sorted(pages if only is None else (p for p in set(only) if p in pages)):
        page_dir: PurePosixPath | None = None
        reasons: dict[str, str] = {}  # broken target -> why
        for href in pages[page].targets():
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
                reasons[href] = reason
                continue
            if target is None:
                continue  # external, or not a link to follow
            if targets is not None:
                targets.setdefault(target, set()).add(page)
            if fragment and target in pages and not pages[target].has_id(fragment):
                reasons[href] = f"anker '#{fragment}' bestaat niet"
        if reasons:
            broken.extend(locate(page, reasons, read))
    return broken


def locate(page: str, reasons: dict[str, str], read: Callable[[str], bytes]) -> list[BrokenLink]:
    """Every place on the page where a broken target is linked, by line."""
    try:
        text = read(page).decode("utf-8", errors="replace")
    except OSError:
        text = ""
    found = [BrokenLink(page, line, href, reasons[href]) for line, href in link_lines(text) if href in reasons]
    for href in reasons.keys() - {b.target for b in found}:  # a link the tokenizer did not see: its first mention
        at = min((i for i in (text.find(f'"{href}"'), text.find(f'"{html.escape(href)}"')) if i >= 0), default=0)
        found.append(BrokenLink(page, text.count("\n", 0, at) + 1, href, reasons[href]))
    return found


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
    pages = {path: page_links(data) for path, data in files.items() if path.endswith(".html")}
    return check_pages(pages, set(files), links, ignore, read=files.__getitem__)

"""Links that editors write in Markdown and in the footer, checked in the file where they are written.

The build's link check (`linkcheck.py`) proves every internal link resolves, but it can only name
the generated page. Some mistakes it cannot see at all: a web address without https:// becomes a
path inside the site, and a misspelled scheme such as 'htps:' is dropped by the HTML sanitiser,
leaving dead text. Here the editor gets file, line and column. External sites are never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from builder import schema
from builder.formatting import markdown_html
from builder.problems import Problems, did_you_mean
from builder.sources import Document, KeyPath

LINK_SCHEMES = ("https", "http", "mailto", "tel")
HOST = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})", re.IGNORECASE)
# A first path segment like 'www.example.nl' or 'noorderpoort.nl': meant as a web address, not a page of the site.
COMMON_TLDS = "nl|com|org|net|eu|be|de|info|nu|frl|io|gov|edu"
BARE_DOMAIN = re.compile(rf"(?:www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{COMMON_TLDS}))", re.IGNORECASE)
LOOPBACK = ("localhost", "127.0.0.1", "0.0.0.0", "::1")
EMAIL = re.compile(r"[^@\s/]+@[^@\s/]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}")


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attribute = {"a": "href", "img": "src"}.get(tag)
        value = dict(attrs).get(attribute or "")
        if value is not None:
            self.targets.append(value)


def links_in_markdown(text: str) -> list[str]:
    """Every link target as the visitor's browser will see it, so reference links and autolinks count too."""
    collector = _LinkCollector()
    collector.feed(markdown_html(text))
    return collector.targets


def link_problem(target: str) -> tuple[str, str] | None:
    """('error' or 'warning', message) for a target that cannot work, or None."""
    target = target.strip()
    if not target or target.startswith(("#", "/", "./", "../", "?")):
        return None  # inside the site: the build's link check resolves it
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if not scheme:
        first_segment = parts.path.split("/", 1)[0]
        if BARE_DOMAIN.fullmatch(first_segment):
            return "error", f"'{target}' mist 'https://' en wordt zo een pad binnen deze site. Bedoelde je 'https://{target}'?"
        return None
    if scheme not in LINK_SCHEMES:
        hint = did_you_mean(scheme, LINK_SCHEMES) or " Een link begint met https://, http://, mailto: of tel:."
        return "error", f"link '{target}' begint met '{parts.scheme}:', en zo'n link werkt niet op de site.{hint}"
    if scheme in ("http", "https"):
        host = parts.hostname or ""
        if host in LOOPBACK:
            return "warning", f"link '{target}' wijst naar je eigen computer; bezoekers kunnen hem niet openen."
        if not HOST.fullmatch(host) or " " in target:
            return "warning", f"link '{target}' heeft geen geldige domeinnaam (zoals 'www.voorbeeld.nl'); controleer het adres."
    if scheme == "mailto" and not EMAIL.fullmatch(parts.path):
        return "warning", f"link '{target}': '{parts.path}' is geen geldig e-mailadres."
    if scheme == "tel" and not PHONE.fullmatch(parts.path):
        return "warning", f"link '{target}': '{parts.path}' is geen telefoonnummer."
    return None


def position_of(target: str, source: str, from_line: int, fallback: tuple[int, int]) -> tuple[int, int]:
    """Line and column of `target` in the file's text at or after `from_line`; the field's place if not found."""
    lines = source.splitlines()
    for number in range(max(from_line, 1), len(lines) + 1):
        column = lines[number - 1].find(target)
        if column >= 0:
            return number, column + 1
    return fallback


def markdown_texts(document: Document, record: schema.Record) -> Iterator[tuple[KeyPath | None, str]]:
    """(field, text) for each Markdown field of the record, and (None, body) for a Markdown file's body."""
    data = document.data if isinstance(document.data, dict) else {}
    for spec in record.fields:
        value = data.get(spec.name)
        if isinstance(spec.kind, schema.Markdown) and isinstance(value, str):
            yield (spec.name,), value
    if document.body:
        yield None, document.body


def check_content_links(documents: Iterator[tuple[Document, schema.Record]], site: Document | None, problems: Problems) -> None:
    for document, record in documents:
        check_document_links(document, record, problems)
    if site is not None:
        check_footer_links(site, problems)


def check_document_links(document: Document, record: schema.Record, problems: Problems) -> None:
    source: str | None = None  # read only when there is something to point at
    for key_path, text in markdown_texts(document, record):
        if "[" not in text and "<" not in text and "://" not in text and "@" not in text:
            continue  # no link syntax: Markdown makes links only from [..], <..>, raw HTML and bare addresses
        start = document.where(key_path) if key_path else (document.body_line, 1)
        for target in links_in_markdown(text):
            found = link_problem(target)
            if found is not None:
                source = source if source is not None else document.path.read_text(encoding="utf-8")
                report(document.path, problems, found, position_of(target, source, start[0], start))


def check_footer_links(document: Document, problems: Problems) -> None:
    data = document.data if isinstance(document.data, dict) else {}
    footer = data.get("footer_links")
    for index, link in enumerate(footer if isinstance(footer, list) else []):
        if isinstance(link, dict) and isinstance(link.get("url"), str):
            report(document.path, problems, link_problem(link["url"]), document.where(("footer_links", index, "url")))


def report(path: Path, problems: Problems, found: tuple[str, str] | None, where: tuple[int, int]) -> None:
    if found is None:
        return
    severity, message = found
    (problems.error if severity == "error" else problems.warning)(path, where[0], where[1], message)

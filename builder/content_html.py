"""Raw HTML in editors' Markdown that the sanitiser will strip, reported where it is written.

The page never shows it (builder/formatting.py keeps a short list of safe tags and attributes); without a
word here an editor would wonder where the text went. Only HTML typed by the editor counts: markup that
Markdown itself makes (footnotes, tables) is fine. Text in code (`...`, fenced blocks) is not HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder import schema
from builder.content_links import markdown_texts
from builder.formatting import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from builder.problems import Problems
from builder.sources import Document

RAW_TAG = re.compile(r"<(?P<name>[a-zA-Z][\w-]*)(?P<attributes>(?:\s[^<>]*)?)/?>")
ATTRIBUTE = re.compile(r"([a-zA-Z_:][\w:.-]*)\s*(?:=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.S | re.M)


def blank_code(text: str) -> str:
    """Code blanked out with spaces, so positions of everything else stay the same."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def stripped_markup(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, column, what the sanitiser removes) for each raw tag the editor typed."""
    searchable = blank_code(text)
    for match in RAW_TAG.finditer(searchable):
        name = match.group("name").lower()
        line = searchable.count("\n", 0, match.start())
        column = match.start() - (searchable.rfind("\n", 0, match.start()) + 1) + 1
        shown = match.group(0) if len(match.group(0)) <= 40 else match.group(0)[:37] + "…"
        if name not in ALLOWED_TAGS:
            yield line, column, f"de HTML-code '{shown}' komt niet op de site; alleen Markdown en een paar eenvoudige tags mogen."
            continue
        allowed = ALLOWED_ATTRIBUTES.get(name, set())
        dropped = [a for a in ATTRIBUTE.findall(match.group("attributes")) if a.lower() not in allowed]
        if dropped:
            yield line, column, f"in '{shown}' wordt {', '.join(repr(a) for a in dropped)} weggehaald; de site toont dat niet."


def check_raw_html(documents: Iterator[tuple[Document, schema.Record]], problems: Problems) -> None:
    for document, record in documents:
        for key_path, text in markdown_texts(document, record):
            if "<" not in text:
                continue
            first_line, indent = (document.body_line, 0) if key_path is None else text_start(document, key_path)
            for offset, column, message in stripped_markup(text):
                problems.warning(
                    document.path,
                    first_line + offset,
                    column + indent,
                    f"veld '{key_path[-1] if key_path else 'tekst'}': {message} Schrijf het in Markdown of haal het weg. [html]",
                    code="html",
                )


def text_start(document: Document, key_path: tuple) -> tuple[int, int]:
    """(first line of a field's text, columns before it): the line after 'description: |' and its indentation
    for a block, else the value's own line and column."""
    line, column = document.where(key_path)
    lines = document.path.read_text(encoding="utf-8").splitlines() if document.path.is_file() else []
    here = lines[line - 1] if line <= len(lines) else ""
    if here[column - 1 : column] in ("|", ">") and line < len(lines):
        following = lines[line]
        return line + 1, len(following) - len(following.lstrip(" "))
    return line, column - 1

"""Reading content files: YAML, or Markdown with YAML front matter.

Every value keeps the line and column it came from, so validation can point an editor at the
exact spot. Nothing here raises on bad input: problems are recorded and the file is skipped.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.problems import Problems

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

FRONT_MATTER_FENCE = "---"

# libyaml (C) reads about ten times faster and keeps the same line/column marks; the pure-Python
# parser is the fallback where PyYAML was built without it.
FastLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_slow_reading_said = False


def yaml_loader(text: str) -> yaml.SafeLoader:
    global _slow_reading_said
    if FastLoader is yaml.SafeLoader and not _slow_reading_said:
        _slow_reading_said = True
        print("Let op: PyYAML is zonder libyaml geïnstalleerd; content lezen gaat daardoor trager.", file=sys.stderr)
    return FastLoader(text)


@dataclass
class Document:
    """One parsed content file, with positions of every key and value."""

    path: Path
    data: Any
    value_at: dict[KeyPath, Location] = field(default_factory=dict)
    key_at: dict[KeyPath, Location] = field(default_factory=dict)
    body: str | None = None
    body_line: int = 1

    def where(self, key_path: KeyPath, *, key: bool = False) -> Location:
        """Best known position for a key path: the exact spot, or the nearest parent."""
        table = self.key_at if key else self.value_at
        probe = key_path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.key_at:
                return self.key_at[probe]
            probe = probe[:-1]
        return self.value_at.get((), (1, 1))


def read_text(path: Path, problems: Problems) -> str | None:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.error(
            path,
            line,
            column,
            f"het bestand is geen UTF-8 (byte 0x{raw[exc.start]:02x}). Sla het op als UTF-8 in je editor.",
        )
        return None


def read_yaml_file(path: Path, problems: Problems, *, allow_empty: bool = False) -> Document | None:
    text = read_text(path, problems)
    if text is None:
        return None
    return parse_yaml(path, text, problems, line_offset=0, allow_empty=allow_empty)


def read_markdown_file(path: Path, problems: Problems) -> Document | None:
    """A Markdown file whose front matter sits between two '---' lines."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        problems.error(path, 1, 1, "het bestand moet beginnen met '---' en daarna de gegevens (front matter).")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            break
    else:
        problems.error(path, 1, 1, "de front matter wordt niet afgesloten met een regel '---'.")
        return None
    front = "".join(lines[1:index])
    document = parse_yaml(path, front, problems, line_offset=1)
    if document is None:
        return None
    document.body = "".join(lines[index + 1 :])
    document.body_line = index + 2
    return document


def parse_yaml(path: Path, text: str, problems: Problems, *, line_offset: int, allow_empty: bool = False) -> Document | None:
    if not text.strip():
        if allow_empty:
            return Document(path, {})
        problems.error(path, 1 + line_offset, 1, "het bestand is leeg.")
        return None
    loader = yaml_loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        problems.error(path, line, column, f"YAML-fout: {yaml_reason(exc, text)}")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, 1 + line_offset, 1, f"YAML-fout: {exc}")
        return None
    finally:
        loader.dispose()
    if node is None:
        if allow_empty:
            return Document(path, {})
        problems.error(path, 1 + line_offset, 1, "het bestand is leeg.")
        return None
    document = Document(path, None)
    builder = _Constructor(document, problems, line_offset)
    document.data = builder.construct(node, ())
    if not builder.ok:
        return None
    return document


TAB_HINT = "er staat een tab; gebruik spaties om in te springen"
COLON_HINT = "er staat een dubbele punt op een plek waar dat niet mag; zet tekst met ':' tussen aanhalingstekens"
YAML_HINTS = {
    # the pure-Python parser's words, then libyaml's
    "found character '\\t' that cannot start any token": TAB_HINT,
    "mapping values are not allowed here": COLON_HINT,
    "mapping values are not allowed in this context": COLON_HINT,
}


def yaml_reason(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    reason = exc.problem or exc.context or "onleesbare YAML"
    mark = exc.problem_mark
    if reason == "found character that cannot start any token" and mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            return TAB_HINT  # libyaml does not name the character
    return YAML_HINTS.get(reason, reason)


class _Constructor:
    """Builds Python values from YAML nodes, remembering where each came from."""

    def __init__(self, document: Document, problems: Problems, line_offset: int) -> None:
        self.document = document
        self.problems = problems
        self.line_offset = line_offset
        self.scalar_loader = FastLoader("")
        self.ok = True

    def position(self, node: yaml.Node) -> Location:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def fail(self, node: yaml.Node, message: str) -> None:
        line, column = self.position(node)
        self.problems.error(self.document.path, line, column, message)
        self.ok = False

    def construct(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.document.value_at[key_path] = self.position(node)
        if isinstance(node, yaml.MappingNode):
            return self.construct_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, (*key_path, i)) for i, item in enumerate(node.value)]
        return self.construct_scalar(node, key_path)

    def construct_mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "een veldnaam moet gewone tekst zijn.")
                continue
            key = str(self.construct_scalar(key_node, key_path))
            if key in result:
                first = self.document.key_at[(*key_path, key)]
                self.fail(key_node, f"veld '{key}' staat er twee keer in (eerst op regel {first[0]}).")
                continue
            self.document.key_at[(*key_path, key)] = self.position(key_node)
            result[key] = self.construct(value_node, (*key_path, key))
        return result

    def construct_scalar(self, node: yaml.Node, key_path: KeyPath) -> Any:
        try:
            return self.scalar_loader.construct_object(node, deep=True)
        except ValueError as exc:
            field_name = key_path[-1] if key_path else "waarde"
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.fail(node, f"veld '{field_name}': de datum '{node.value}' bestaat niet ({exc}).")
            else:
                self.fail(node, f"veld '{field_name}': '{node.value}' is onleesbaar ({exc}).")
        except yaml.YAMLError as exc:
            self.fail(node, f"YAML-fout: {exc}")
        return None


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)

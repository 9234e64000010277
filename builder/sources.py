"""Reading content files: YAML, or Markdown with YAML front matter.

Every value keeps the line and column it came from, so validation can point an editor at the
exact spot. Nothing here raises on bad input: problems are recorded and the file is skipped.
Content may come from a pull request by a stranger, so reading is guarded: nothing outside the
content root is read (symbolic links are resolved first), oversized files are refused unread, and
YAML anchors/aliases are refused because expanding them can blow a small file up exponentially.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.failures import explain_os_error, human_size
from builder.problems import Problems
from builder.yaml_messages import explain as explain_yaml_mistake

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

FRONT_MATTER_FENCE = "---"
TEXT_KEYS = frozenset({"title", "name", "summary", "tagline", "audience"})  # where ' # ...' is text far more often than a comment

# libyaml (C) reads about ten times faster and keeps the same line/column marks; the pure-Python
# parser is the fallback where PyYAML was built without it.
FastLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def quick_resolving(loader: type) -> type:
    """`loader`, with PyYAML's own tag resolution for plain scalars done from a table made once.

    libyaml calls `resolve` in Python for every value (65 per course file); PyYAML's joins two lists on
    each call. The same resolvers in the same order, so every value gets the tag it got before.
    """
    anywhere = list(loader.yaml_implicit_resolvers.get(None, []))
    by_first_character = {first: [*found, *anywhere] for first, found in loader.yaml_implicit_resolvers.items() if first is not None}

    def resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return loader.resolve(self, kind, value, implicit)
        if implicit[0]:
            for tag, pattern in by_first_character.get(value[:1], anywhere):
                if pattern.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG

    return type(loader.__name__, (loader,), {"resolve": resolve, "__doc__": quick_resolving.__doc__})
_slow_reading_said = False


def yaml_loader(text: str) -> yaml.SafeLoader:
    global _slow_reading_said
    if FastLoader is yaml.SafeLoader and not _slow_reading_said:
        _slow_reading_said = True
        print("Let op: PyYAML is zonder libyaml geïnstalleerd; content lezen gaat daardoor trager.", file=sys.stderr)
    return quick_resolving(FastLoader)(text)

# libyaml's composer recurses in C and crashes the process (segmentation fault) somewhere past
# 20,000 levels; Python's stops at its recursion limit. Text nested past this many levels is
# refused before any parser sees it. Far above MAX_NESTING, so ordinary text never comes near.
PARSE_DEPTH_GUARD = 1_000
FLOW_BRACKET = re.compile(r"[\[\]{}]")
BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


@dataclass
class Document:
    """One parsed content file, with positions of every key and value.

    The positions are kept packed, in the order the file was read (`positions`); the tables by key path
    (`value_at`, `key_at`) are made from them and the data on first use, which is only when something is
    reported. At 10,000 courses the tables were two million small objects, half the time of passing
    parsed files back from the reading processes. The data is never changed after reading.
    """

    path: Path
    data: Any
    body: str | None = None
    body_line: int = 1
    positions: array[int] = field(default_factory=lambda: array("q"), repr=False)
    # Values reported as unreadable while reading (a date that does not exist, a field given twice): the
    # rest of the file is still checked, and nothing more is said about these (see `Document.reported`).
    unreadable: tuple[KeyPath, ...] = ()
    # Numbers written like 1.250, as they were typed: in Dutch that is 1250, to YAML it is 1.25 (see `schema.Number`).
    dotted_numbers: dict[KeyPath, str] = field(default_factory=dict, repr=False)
    _tables: tuple[dict[KeyPath, Location], dict[KeyPath, Location]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def value_at(self) -> dict[KeyPath, Location]:
        return self.tables()[0]

    @property
    def key_at(self) -> dict[KeyPath, Location]:
        return self.tables()[1]

    def tables(self) -> tuple[dict[KeyPath, Location], dict[KeyPath, Location]]:
        """(value_at, key_at): the packed positions laid over the data, walked as it was read (`_Constructor`)."""
        if self._tables is None:
            value_at: dict[KeyPath, Location] = {}
            key_at: dict[KeyPath, Location] = {}
            packed = iter(self.positions)

            def walk(value: Any, key_path: KeyPath) -> None:
                value_at[key_path] = unpack(next(packed))
                if isinstance(value, dict):
                    for key, item in value.items():
                        key_at[(*key_path, key)] = unpack(next(packed))
                        walk(item, (*key_path, key))
                elif isinstance(value, list):
                    for index, item in enumerate(value):
                        walk(item, (*key_path, index))

            if self.positions:
                walk(self.data, ())
            self._tables = (value_at, key_at)
        return self._tables

    def reported(self, key_path: KeyPath) -> bool:
        """Whether reading already reported the value at `key_path` (or around it): one mistake, one message."""
        return any(key_path[: len(path)] == path for path in self.unreadable)

    def where(self, key_path: KeyPath, *, key: bool = False) -> Location:
        """Best known position for a key path: the exact spot, or the nearest parent."""
        value_at, key_at = self.tables()
        table = key_at if key else value_at
        probe = key_path
        while probe:
            if probe in table:
                return table[probe]
            if probe in key_at:
                return key_at[probe]
            probe = probe[:-1]
        return value_at.get((), (1, 1))


LINE_SHIFT = 32  # a position packed in one integer: line << 32 | column


def unpack(position: int) -> Location:
    return position >> LINE_SHIFT, position & 0xFFFFFFFF


def lines_holding(text: str, lines: list[str], characters: str) -> frozenset[int]:
    """Indexes of the lines holding any of `characters`: most files hold none, and then no line is looked at."""
    present = [character for character in characters if character in text]
    if not present:
        return frozenset()
    if len(present) == 1:
        (character,) = present
        return frozenset([index for index, line in enumerate(lines) if character in line])
    return frozenset([index for index, line in enumerate(lines) if any(character in line for character in present)])


def outside_root(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when that is outside `root` (through a symbolic link), else None."""
    real = real_path(path)
    real_root = _real_folder(os.fspath(root))
    if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    return Path(real)


_real_folder = functools.lru_cache(maxsize=1024)(os.path.realpath)


def real_path(path: Path) -> str:
    """os.path.realpath, with the folders' real paths remembered: 10,000 course files share one folder,
    and resolving every file's full path again was a sixth of `scholing check`. `list_content_files`
    forgets them, so every build sees the folders as they are now."""
    name = path.name
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(os.fspath(path.parent)), name)


def refuse_outside(path: Path, real: Path, problems: Problems) -> None:
    problems.error(
        path,
        1,
        1,
        f"dit is een snelkoppeling (symbolische link) naar '{real}', buiten de contentmap. "
        "Bestanden buiten de contentmap lees ik niet; zet het bestand zelf in de contentmap.",
    )


def list_content_files(folder: Path, root: Path, suffixes: Iterable[str], problems: Problems) -> list[Path]:
    """Content files under `folder`, sorted; links that lead outside `root` are reported, not followed."""
    suffixes = tuple(suffixes)
    _real_folder.cache_clear()
    found: list[Path] = []
    visited: set[str] = set()

    def walk(directory: Path) -> None:
        real = outside_root(directory, root)
        if real is not None:
            refuse_outside(directory, real, problems)
            return
        real_dir = os.path.realpath(directory)
        if real_dir in visited:  # a link back to a folder already read: a loop
            return
        visited.add(real_dir)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            problems.error(directory, 1, 1, f"de map kan niet gelezen worden: {explain_os_error(exc)}.")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir():
                walk(path)
            elif entry.is_file() and path.suffix in suffixes and not entry.name.startswith("."):
                if entry.is_symlink() and (real := outside_root(path, root)) is not None:
                    refuse_outside(path, real, problems)
                else:
                    found.append(path)

    if folder.is_dir():
        walk(folder)
    return sorted(found)


def read_text(path: Path, problems: Problems, *, root: Path | None = None) -> str | None:
    """The file as text, or None with a problem recorded. `root` defaults to the file's own folder."""
    from builder.schema import MAX_FILE_BYTES  # schema imports this module; the limit lives there

    real = outside_root(path, path.parent if root is None else root)
    if real is not None:
        refuse_outside(path, real, problems)
        return None
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raw = None
            else:
                raw = stream.read(MAX_FILE_BYTES + 1)
                size = len(raw)
    except OSError as exc:
        problems.error(path, 1, 1, f"het bestand kan niet gelezen worden: {explain_os_error(exc)}.")
        return None
    if raw is None or size > MAX_FILE_BYTES:
        problems.error(
            path,
            1,
            1,
            f"het bestand is te groot ({human_size(size)}); de grens is {MAX_FILE_BYTES / 1_000_000:g} MB. "
            "Staat er per ongeluk een hele brochure in? Zet alleen de gegevens van de gids erin.",
        )
        return None
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


def read_yaml_file(path: Path, problems: Problems, *, allow_empty: bool = False, root: Path | None = None) -> Document | None:
    text = read_text(path, problems, root=root)
    if text is None:
        return None
    return parse_yaml(path, text, problems, line_offset=0, allow_empty=allow_empty)


def read_markdown_file(path: Path, problems: Problems, *, root: Path | None = None) -> Document | None:
    """A Markdown file whose front matter sits between two '---' lines."""
    text = read_text(path, problems, root=root)
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
    if nested_too_deep(text):
        problems.error(path, 1 + line_offset, 1, "de gegevens zijn te diep in elkaar genest; zo diep gaat geen contentbestand.")
        return None
    loader = yaml_loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mistake = explain_yaml_mistake(python_parser_error(text) or exc, text)
        problems.error(path, mistake.line + line_offset, mistake.column, f"YAML-fout: {mistake.message}")
        return None
    except yaml.YAMLError:
        problems.error(path, 1 + line_offset, 1, "YAML-fout: dit is geen leesbare YAML. Controleer inspringing en aanhalingstekens.")
        return None
    except RecursionError:
        problems.error(path, 1 + line_offset, 1, "de gegevens zijn te diep in elkaar genest; zo diep gaat geen contentbestand.")
        return None
    finally:
        loader.dispose()
    if node is None:
        if allow_empty:
            return Document(path, {})
        problems.error(path, 1 + line_offset, 1, "het bestand is leeg.")
        return None
    document = Document(path, None)
    builder = _Constructor(document, problems, line_offset, text)
    document.data = builder.construct(node, ())
    builder.report_aliases()
    if not builder.ok:
        return None
    document.unreadable = tuple(builder.unreadable)
    return document


def nested_too_deep(text: str) -> bool:
    """A cheap upper bound on nesting: flow brackets ([ {) and block indentation plus '- ' indicators."""
    if text.count("[") + text.count("{") > PARSE_DEPTH_GUARD:
        depth = 0
        for bracket in FLOW_BRACKET.finditer(text):
            depth += 1 if bracket.group() in "[{" else -1
            if depth > PARSE_DEPTH_GUARD:
                return True
    return len(max(BLOCK_PREFIX.findall(text), key=len, default="")) > PARSE_DEPTH_GUARD


def python_parser_error(text: str) -> yaml.MarkedYAMLError | None:
    """The pure-Python parser's account of a syntax error: it names the offending character and construct,
    where libyaml is terse. Only run once reading has failed, so speed does not matter here."""
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return exc
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return None


def field_label(key_path: KeyPath) -> str:
    """How an editor sees a key path: 'price.amount', 'starts[2]'; never a bare list index."""
    label = ""
    for part in key_path:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else str(part)
    return label or "bestand"


DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def impossible_date_reason(text: str) -> str:
    """Why a date like 2027-02-30 does not exist, in words."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        return "schrijf een datum als JJJJ-MM-DD"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"maand {month} bestaat niet; de maand staat in het midden (JJJJ-MM-DD)"
    days = calendar.monthrange(year, month)[1]
    return f"{DUTCH_MONTHS[month - 1]} {year} heeft {days} dagen"


STR_TAG = "tag:yaml.org,2002:str"
THOUSANDS = r"[1-9]\d{0,2}(?:\.\d{3})+"  # 1.250 or 12.500.000: how Dutch writes thousands
THOUSANDS_DOT = re.compile(rf"^{THOUSANDS}$")
_scalars: dict[tuple[str, str], Any] = {}  # (tag, text) -> immutable value: dates, numbers, booleans, null


class _Constructor:
    """Builds Python values from YAML nodes, remembering where each came from.

    An alias (`*naam`) reuses the node of its anchor (`&naam`), with any composer, libyaml's too: a
    node met twice is an alias. Aliases are refused rather than expanded, so nine levels of nine
    ("billion laughs") cost nine nodes, not nine to the ninth. Nesting is bounded for the same reason.
    """

    def __init__(self, document: Document, problems: Problems, line_offset: int, text: str) -> None:
        from builder.schema import MAX_NESTING  # schema imports this module; the limit lives there

        self.document = document
        self.problems = problems
        self.line_offset = line_offset
        self.lines = text.splitlines()
        self.scalar_loader = FastLoader("")
        self.max_nesting = MAX_NESTING
        self.seen: set[int] = set()
        self.alias_lines: list[int] = []
        self.ok = True  # False: the file is not checked further (aliases, nesting, odd keys)
        self.unreadable: list[KeyPath] = []  # values left out, each reported once; the rest is checked as usual
        self.positions = document.positions
        self.line_base = (1 + line_offset) << LINE_SHIFT  # packed positions count lines and columns from 1
        # Only these lines can hold an anchor or alias, or a comment after a value: the checks skip the rest.
        self.anchor_lines = lines_holding(text, self.lines, "&*")
        self.comment_lines = lines_holding(text, self.lines, "#")
        self.may_alias = "*" in text  # an alias is written '*name': without a '*' no node can be met twice

    def position(self, node: yaml.Node) -> Location:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def fail(self, node: yaml.Node, message: str) -> None:
        line, column = self.position(node)
        self.problems.error(self.document.path, line, column, message)
        self.ok = False

    def leave_out(self, node: yaml.Node, key_path: KeyPath | None, message: str) -> None:
        """Report a value that cannot be read and go on reading: the file's other mistakes are reported too.
        `key_path`: where the data now holds None instead, which the checks then pass over."""
        line, column = self.position(node)
        self.problems.error(self.document.path, line, column, message)
        if key_path is not None:
            self.unreadable.append(key_path)

    def construct(self, node: yaml.Node, key_path: KeyPath, used_at: yaml.Node | None = None) -> Any:
        """`used_at` is the node whose position stands for this value (the key, for a mapping value)."""
        if self.may_alias:
            if id(node) in self.seen:
                self.alias_lines.append(self.position(used_at or node)[0])
                self.ok = False
                return None
            self.seen.add(id(node))
        mark = node.start_mark
        self.positions.append(self.line_base + (mark.line << LINE_SHIFT) + mark.column + 1)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and len(key_path) >= self.max_nesting:
            self.fail(node, f"de gegevens zijn te diep genest (meer dan {self.max_nesting} niveaus); zo diep gaat geen contentbestand.")
            return None
        if mark.line in self.anchor_lines and self.starts_with_anchor(node, key_path):
            return None
        if isinstance(node, yaml.MappingNode):
            return self.construct_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, (*key_path, i), node) for i, item in enumerate(node.value)]
        if node.tag == STR_TAG and (not key_path or node.end_mark.line not in self.comment_lines):
            return node.value  # most values: text, with no comment after it to warn about
        return self.construct_scalar(node, key_path)

    def scalar_value(self, node: yaml.Node) -> Any:
        """Text as it is (most values); other scalars built once per distinct spelling: dates and numbers repeat."""
        if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value
        if not isinstance(node, yaml.ScalarNode):
            return self.scalar_loader.construct_object(node, deep=True)
        key = (node.tag, node.value)
        if key not in _scalars:
            _scalars[key] = self.scalar_loader.construct_object(node, deep=True)
        return _scalars[key]

    def construct_mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}  # where each key was first met: a second one is reported with it
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "een veldnaam moet gewone tekst zijn.")
                continue
            if key_node.tag == STR_TAG and (not key_path or key_node.end_mark.line not in self.comment_lines):
                key = key_node.value
            else:
                key = str(self.construct_scalar(key_node, key_path))
            if key in result:
                label = field_label((*key_path, key))
                # the first one stays and is checked as usual
                twice = f"veld '{label}' staat er twee keer in (eerst op regel {first_line[key]}). Haal een van de twee weg."
                self.leave_out(key_node, None, twice)
                continue
            mark = key_node.start_mark
            first_line[key] = mark.line + 1 + self.line_offset
            self.positions.append(self.line_base + (mark.line << LINE_SHIFT) + mark.column + 1)
            result[key] = self.construct(value_node, (*key_path, key), key_node)
        return result

    def source_line(self, mark: yaml.Mark) -> str:
        return self.lines[mark.line] if 0 <= mark.line < len(self.lines) else ""

    def starts_with_anchor(self, node: yaml.Node, key_path: KeyPath) -> bool:
        """'&' or '*' before a value: YAML anchors and aliases, which editors type meaning text, never need."""
        line = self.source_line(node.start_mark)
        first = line[node.start_mark.column : node.start_mark.column + 1]
        if first not in ("&", "*"):
            return False
        prefix = line[: node.start_mark.column].strip()
        value = line[node.start_mark.column :].strip()
        shown = value.replace('"', "'") if '"' in value else value
        self.fail(
            node,
            f"veld '{field_label(key_path)}': een waarde die begint met '{first}' leest YAML als "
            f"{'een anker' if first == '&' else 'een verwijzing (alias)'}, niet als tekst; de tekst verdwijnt dan. "
            f'Zet de tekst tussen aanhalingstekens: {prefix} "{shown}"'.replace("  ", " "),
        )
        return True

    def warn_about_comment(self, node: yaml.ScalarNode, key_path: KeyPath, value: Any) -> None:
        """' #' in plain text starts a YAML comment: 'Excel - de basis #1' silently loses '#1'."""
        if node.style or not isinstance(value, str) or node.end_mark.line != node.start_mark.line:
            return
        rest = self.source_line(node.end_mark)[node.end_mark.column :]
        comment = re.match(r"^\s+#(.*)$", rest)
        if not comment:
            return
        text_like = comment.group(1)[:1] not in ("", " ") or (key_path and key_path[-1] in TEXT_KEYS)
        if not text_like:
            return
        full = f"{value} #{comment.group(1)}".rstrip()
        line, column = self.position(node)
        self.problems.warning(
            self.document.path,
            line,
            column + node.end_mark.column - node.start_mark.column,
            f"veld '{field_label(key_path)}': alles vanaf ' #' is voor YAML een opmerking en komt niet op de site; "
            f"de tekst wordt '{value}'. Hoort '#{comment.group(1).strip()}' erbij, zet dan de tekst tussen aanhalingstekens: "
            f'{key_path[-1] if key_path and isinstance(key_path[-1], str) else "-"}: "{full}" [hekje]',
            code="hekje",
        )

    def construct_scalar(self, node: yaml.Node, key_path: KeyPath) -> Any:
        try:
            value = self.scalar_value(node)
        except (ValueError, yaml.YAMLError) as exc:
            label = field_label(key_path)
            if isinstance(exc, ValueError) and node.tag == "tag:yaml.org,2002:timestamp":
                message = f"veld '{label}': de datum {node.value} bestaat niet: {impossible_date_reason(node.value)}."
            else:
                message = f"veld '{label}': '{node.value}' is onleesbaar. Zet de tekst tussen aanhalingstekens."
            self.leave_out(node, key_path, message)
            return None
        if key_path and node.end_mark.line in self.comment_lines and isinstance(node, yaml.ScalarNode):
            self.warn_about_comment(node, key_path, value)
        if isinstance(value, float) and THOUSANDS_DOT.match(node.value):
            self.document.dotted_numbers[key_path] = node.value
        return value

    def report_aliases(self) -> None:
        """One problem per file, however many aliases: a hostile file should not flood the report."""
        if not self.alias_lines:
            return
        lines = sorted(set(self.alias_lines))
        shown = ", ".join(str(line) for line in lines[:5]) + (f" en {len(lines) - 5} andere" if len(lines) > 5 else "")
        self.problems.error(
            self.document.path,
            lines[0],
            1,
            "verwijzingen met '&naam' en '*naam' (YAML-ankers) kunnen niet in contentbestanden; "
            f"schrijf de waarde voluit (gebruikt op regel {shown}).",
        )


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)

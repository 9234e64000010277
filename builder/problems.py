"""Problems found in content: collected, never raised, so an editor sees all of them in one run."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    column: int
    message: str
    severity: str = ERROR

    def format(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None:
            with contextlib.suppress(ValueError):
                shown = self.path.relative_to(root)
        label = "" if self.severity == ERROR else "waarschuwing: "
        return f"{shown}:{self.line}:{self.column}: {label}{self.message}"


@dataclass
class Problems:
    """Collects errors and warnings over a whole build."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: Path, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, message, ERROR))

    def warning(self, path: Path, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, message, WARNING))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == WARNING)


def did_you_mean(word: str, options: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """A ' Bedoelde je ...?' hint for a typo, or '' when nothing is close."""
    options = list(options)
    aliases = aliases or {}
    if word.lower() in aliases:
        return f" Bedoelde je '{aliases[word.lower()]}'?"
    matches = difflib.get_close_matches(word, options + list(aliases), n=1, cutoff=0.6)
    if not matches:
        return ""
    best = aliases.get(matches[0], matches[0])
    return f" Bedoelde je '{best}'?"


def allowed_list(options: Iterable[str], limit: int = 12) -> str:
    options = sorted(options)
    shown = ", ".join(options[:limit])
    if len(options) > limit:
        shown += f" (en {len(options) - limit} meer)"
    return shown

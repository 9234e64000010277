"""Problems found in content: collected, never raised, so an editor sees all of them in one run.

Three severities. An error stops the build. A warning is something the editor should fix (a missing
recommended fact, a check long overdue, text the site changes silently); `--strict` stops on it unless the
file acknowledges it. A notice is an expected event of time (a start date passed, a scheme ended): the
site already handles it, so it never stops a build.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTICE: 2}
NOTICES_LISTED = 10  # more than this are counted per topic, unless asked for
SEVERITY_LABELS = {ERROR: "", WARNING: "waarschuwing: ", NOTICE: "melding: "}


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    column: int
    message: str
    severity: str = ERROR
    code: str = ""  # warnings only: the word an editor writes under 'acknowledged' to accept it
    topic: str = ""  # notices only: what kind of event, for the short summary of many notices

    def format(self, root: Path | None = None) -> str:
        return f"{shown_path(self.path, root)}:{self.line}:{self.column}: {SEVERITY_LABELS[self.severity]}{self.message}"


def shown_path(path: Path, root: Path | None) -> Path:
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.relative_to(root)
    return path


@dataclass
class Problems:
    """Collects errors, warnings and notices over a whole build."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: Path, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, message, ERROR))

    def warning(self, path: Path, line: int, column: int, message: str, code: str = "") -> None:
        self.items.append(Problem(path, line, column, message, WARNING, code))

    def notice(self, path: Path, line: int, column: int, message: str, topic: str = "overig") -> None:
        self.items.append(Problem(path, line, column, message, NOTICE, topic=topic))

    def acknowledge(self, path: Path, codes: Iterable[str]) -> set[str]:
        """Drop the warnings of one file that its editor has accepted; returns the codes that matched."""
        wanted = set(codes)
        matched = {p.code for p in self.items if p.path == path and p.severity == WARNING and p.code in wanted}
        self.items = [p for p in self.items if not (p.path == path and p.severity == WARNING and p.code in wanted)]
        return matched

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == WARNING)

    @property
    def notices(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == NOTICE)

    def ordered(self) -> list[Problem]:
        """Errors first, then warnings, then notices; each sorted by file, line and column."""
        return self.errors + self.warnings + self.notices

    def report_lines(self, root: Path | None = None, *, all_notices: bool = False) -> list[str]:
        """Every error and warning on its own line, then one closing line per file that has any.

        Notices are expected (a year of passing start dates gives one per course), so past a handful they
        are counted per topic instead of listed: a real problem must not drown in them.
        """
        notices = self.notices
        listed = self.errors + self.warnings
        summarised = len(notices) > NOTICES_LISTED and not all_notices
        if not summarised:
            listed += notices
        lines = [p.format(root) for p in listed]
        if summarised:
            topics: dict[str, int] = {}
            for notice in notices:
                topics[notice.topic] = topics.get(notice.topic, 0) + 1
            counted = ", ".join(f"{count}× {topic}" for topic, count in sorted(topics.items(), key=lambda item: (-item[1], item[0])))
            lines.append(
                f"{len(notices)} meldingen (verwacht; ze houden de build niet tegen): {counted}. "
                "Toon ze allemaal met --meldingen."
            )
        per_file: dict[Path, dict[str, int]] = {}
        for problem in listed:
            counts = per_file.setdefault(problem.path, {ERROR: 0, WARNING: 0, NOTICE: 0})
            counts[problem.severity] += 1
        if per_file:
            lines.append("")
            lines.append("Per bestand:")
            for path in sorted(per_file):
                lines.append(f"  {shown_path(path, root)}: {count_phrase(per_file[path])}")
        return lines


def count_phrase(counts: dict[str, int]) -> str:
    words = {ERROR: ("fout", "fouten"), WARNING: ("waarschuwing", "waarschuwingen"), NOTICE: ("melding", "meldingen")}
    parts = [f"{counts[s]} {words[s][0] if counts[s] == 1 else words[s][1]}" for s in (ERROR, WARNING, NOTICE) if counts.get(s)]
    return ", ".join(parts) or "in orde"


def normalised(word: str) -> str:
    """What is left of a word when case, accents, spaces and punctuation do not count: 'MBO 2' -> 'mbo2', 'beëindigd' -> 'beeindigd'."""
    without_accents = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", without_accents)


def closest(word: str, options: Iterable[str], aliases: dict[str, str] | None = None) -> str | None:
    """The option an editor most likely meant, or None when nothing is close enough to be a typo.

    Exact matches ignoring case and punctuation come first ('MBO-2', 'mbo 2', 'Online'), then known
    synonyms (Dutch words for English values), then near typos. The cut-off is strict on purpose: a wrong
    suggestion ('taal' -> 'techniek') costs an editor more than none.
    """
    options = [str(option) for option in options]
    aliases = {normalised(key): value for key, value in (aliases or {}).items()}
    key = normalised(word)
    if not key:
        return None
    for option in options:
        if normalised(option) == key:
            return option
    if key in aliases:
        return aliases[key]
    candidates = {normalised(option): option for option in options}
    candidates.update({alias: target for alias, target in aliases.items() if alias not in candidates})
    for match in difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.75):
        # Typos rarely hit the first letter; a different first letter needs a much closer match.
        if match[0] == key[0] or difflib.SequenceMatcher(None, key, match).ratio() >= 0.85:
            return candidates[match]
    # An id with a part too many or too few ('stap-budget' for 'stap'): only when one option fits that way.
    lowered = word.lower()
    parts = [option for option in options if lowered.startswith(option.lower() + "-") or option.lower().startswith(lowered + "-")]
    return parts[0] if len(parts) == 1 else None


def did_you_mean(word: str, options: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """A ' Bedoelde je ...?' hint for a typo, or '' when nothing is close."""
    return suggestion(closest(word, options, aliases), word)


def suggestion(best: str | None, word: str) -> str:
    """' Bedoelde je ...?' for what `closest` found, or ''."""
    return f" Bedoelde je '{best}'?" if best is not None and best != word else ""


def allowed_list(options: Iterable[str], limit: int = 12) -> str:
    options = sorted(options)
    shown = ", ".join(options[:limit])
    if len(options) > limit:
        shown += f" (en {len(options) - limit} meer)"
    return shown

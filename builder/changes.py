"""What a build changes compared with the site already in the output folder, said so an editor can check it.

Read from the two folders themselves (the old open data lists the courses that were on offer, the old
pages say which had ended), so nothing extra is written into the published site.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder import urls
from builder.model import Catalogue

ENDED_MARKER = b"data-course-ended"
OPEN_DATA = "data/opleidingen.json"
SHOWN_IDS = 5


@dataclass
class Changes:
    first_build: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)  # all start dates passed
    withdrawn: list[str] = field(default_factory=list)  # the editor wrote 'status: beeindigd'
    removed: list[str] = field(default_factory=list)
    pages_written: int = 0  # new or different
    pages_removed: int = 0
    pages_total: int = 0

    def lines(self, where: str) -> list[str]:
        """The summary for the terminal; `where` says where to look (a folder or the preview address)."""
        if self.first_build:
            return [f"Eerste build in deze map: {self.pages_total} pagina's. Bekijk het resultaat: {where}"]
        courses = [
            ("nieuw", self.added),
            ("gewijzigd", self.changed),
            ("geen nieuwe startdatum meer (pagina blijft, niet meer in de lijsten)", self.ended),
            ("beëindigd met 'status: beeindigd' (pagina blijft, niet meer in de lijsten)", self.withdrawn),
            ("verdwenen", self.removed),
        ]
        parts = [f"  {label}: {len(ids)} ({shown(ids)})" for label, ids in courses if ids]
        lines = ["Wat is er veranderd sinds de vorige build:"]
        lines += parts or ["  opleidingen: niets veranderd"]
        lines.append(
            f"  pagina's: {self.pages_written} nieuw of gewijzigd, {self.pages_removed} weg, {self.pages_total} in totaal"
        )
        first = (self.added or self.changed or self.withdrawn or self.ended)[:1]
        lines.append(f"Bekijk het resultaat: {where}" + (f"{urls.course(first[0])}" if first and where.endswith("/") else ""))
        return lines


def shown(ids: list[str]) -> str:
    more = f" en {len(ids) - SHOWN_IDS} meer" if len(ids) > SHOWN_IDS else ""
    return ", ".join(ids[:SHOWN_IDS]) + more


def offered_ids(folder: Path) -> set[str] | None:
    try:
        data = json.loads((folder / OPEN_DATA).read_text(encoding="utf-8"), object_hook=ids_only)
        return {str(course["id"]) for course in data["courses"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def ids_only(record: dict) -> dict:
    """Each object of the old open data as it is read, cut down to what `offered_ids` looks at: the whole
    file as Python objects was the peak of a rebuild's memory (at 10,000 courses ~75 MB)."""
    return {key: record[key] for key in ("id", "courses") if key in record}


def ended_ids(folder: Path, offered: set[str]) -> set[str]:
    courses = folder / urls.COURSES
    if not courses.is_dir():
        return set()
    ended = set()
    for page in courses.glob("*/index.html"):
        course_id = page.parent.name
        if course_id not in offered and ENDED_MARKER in page.read_bytes():
            ended.add(course_id)
    return ended


def html_pages(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in folder.rglob("*.html")}


# Asset names carry a hash of their content ('search.624efb064d.js'): a new search index changes every page's
# references without changing what a visitor reads, so those hashes are left out of the comparison.
ASSET_HASH = re.compile(rb"\.[0-9a-f]{10}\.(js|json|css|svg|png|woff2)")


def differs(old: Path, new: Path) -> bool:
    try:
        old_bytes, new_bytes = old.read_bytes(), new.read_bytes()
    except OSError:
        return True
    return old_bytes != new_bytes and ASSET_HASH.sub(rb".\1", old_bytes) != ASSET_HASH.sub(rb".\1", new_bytes)


def compare(old_folder: Path, new_folder: Path, catalogue: Catalogue) -> Changes:
    new_pages = html_pages(new_folder)
    old_offered = offered_ids(old_folder) if old_folder.is_dir() else None
    if old_offered is None:
        return Changes(first_build=True, pages_total=len(new_pages))
    old_ended = ended_ids(old_folder, old_offered)
    offered = {course.id for course in catalogue.courses}
    ended = {course.id for course in catalogue.ended_courses}
    old_pages = html_pages(old_folder)
    changes = Changes(first_build=False, pages_total=len(new_pages))
    changes.added = sorted(offered - old_offered)
    newly_ended = ended - old_ended
    withdrawn = {course.id for course in catalogue.ended_courses if course.withdrawn}
    changes.ended = sorted(newly_ended - withdrawn)
    changes.withdrawn = sorted(newly_ended & withdrawn)
    changes.removed = sorted((old_offered | old_ended) - offered - ended)
    for course_id in sorted(offered & old_offered):
        page = urls.course(course_id) + "index.html"
        if page in new_pages and differs(old_folder / page, new_pages[page]):
            changes.changed.append(course_id)
    changes.pages_written = sum(1 for name, path in new_pages.items() if name not in old_pages or differs(old_pages[name], path))
    changes.pages_removed = len(set(old_pages) - set(new_pages))
    return changes

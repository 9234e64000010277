"""What the search knows: the text of each course, field by field, and what a result shows.

The index (`builder.search.index`) weighs these fields; the browser shows the records.
"""

from __future__ import annotations

from typing import Any

from builder import facets, urls
from builder.formatting import dutch_date, euro, plain_markdown
from builder.model import Course
from builder.search import dutch

# field name -> boost; the title counts most
FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("keywords", 5),
    ("summary", 3),
    ("provider", 2),
    ("sector", 2),
    ("place", 2),
    ("description", 1),
)


def short_ref(position: int) -> str:
    """Base-36 refs keep the index small: 10,000 courses need at most three characters."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        position, remainder = divmod(position, 36)
        text = digits[remainder] + text
        if position == 0:
            return text


def course_text(course: Course) -> dict[str, list[str]]:
    tokenize = dutch.tokenize
    return {
        "title": tokenize(course.title),
        "keywords": tokenize(" ".join(course.keywords)),
        "summary": tokenize(course.summary),
        "provider": tokenize(course.provider.name),
        "sector": tokenize(" ".join([s.name for s in course.sectors] + [a for s in course.sectors for a in s.aliases])),
        "place": tokenize(" ".join([*course.places, *(r.name for r in course.regions)] or ["online"])),
        "description": tokenize(plain_markdown(course.description)),
    }


def result_record(course: Course) -> dict[str, Any]:
    """What a result card shows, plus the facet values the filters need."""
    if course.continuous:
        start = "Doorlopend"
    elif course.next_start:
        start = dutch_date(course.next_start)
    else:
        start = "Op aanvraag"
    if course.price is None:
        price = "Prijs op aanvraag"
    elif course.price.is_free:
        price = "Gratis"
    else:
        price = f"{euro(course.price.total_incl_vat)} incl. btw" if course.price.has_vat else f"{euro(course.price.total)}, geen btw"
    return {
        "u": urls.course(course.id),
        "t": course.title,
        "a": course.provider.name,
        "n": course.level.name,
        "o": ", ".join(course.places) or "Online",
        "s": start,
        "p": price,
        "f": {**facets.course_facets(course), "start": facets.start_values(course)},
    }

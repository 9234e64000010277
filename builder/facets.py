"""Filter facets: which values each course has, shared by list pages, search results and open data."""

from __future__ import annotations

from dataclasses import dataclass

from builder import urls
from builder.formatting import euro
from builder.model import CERTIFICATE_LABELS, FORM_LABELS, ONLINE_REGION_ID, Catalogue, Course

PRICE_BANDS = (
    ("gratis", "Gratis"),
    ("tot-500", f"Tot {euro(500)}"),
    ("tot-2000", f"{euro(500)} tot {euro(2000)}"),
    ("meer", f"Meer dan {euro(2000)}"),
    ("onbekend", "Prijs op aanvraag"),
)
START_BANDS = (
    ("1-maand", "Binnen 1 maand"),
    ("3-maanden", "Binnen 3 maanden"),
    ("doorlopend", "Doorlopend instromen"),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    browse: str | None = None  # site path of the page listing the same courses, for visitors without JavaScript


@dataclass(frozen=True)
class Facet:
    """One filter group. `key` is the URL parameter, so filter links stay readable."""

    key: str
    label: str
    options: tuple[Option, ...]


def price_band(course: Course) -> str:
    """By what a private person pays (incl. VAT), the amount the cards show."""
    if course.price is None:
        return "onbekend"
    total = course.price.total_incl_vat
    if total == 0:
        return "gratis"
    if total <= 500:
        return "tot-500"
    if total <= 2000:
        return "tot-2000"
    return "meer"


def course_facets(course: Course) -> dict[str, list[str]]:
    """Values per facet key. Start bands are left to the browser: they depend on the day of the visit.

    'Online' is a form (vorm), not a region: a region is where the lessons are. 'plaats' (place ids) has
    no checkboxes: it lets the browser measure distances ("in de buurt van").
    """
    return {
        "sector": [s.id for s in course.sectors],
        "niveau": [course.level.id],
        "regio": [r.id for r in course.regions],
        "vorm": [course.form],
        "prijs": [price_band(course)],
        "bewijs": [course.certificate] if course.certificate else [],
        "regeling": [f.id for f in course.funding],
        "situatie": list(course.situation_ids),  # no filter of its own: scopes a situation's list in the browser
        "plaats": [place.id for place in course.locations],
    }


def facets_for(catalogue: Catalogue) -> tuple[Facet, ...]:
    return (
        Facet("sector", "Sector", tuple(Option(s.id, s.name, urls.sector(s.id)) for s in catalogue.sectors)),
        Facet("niveau", "Niveau", tuple(Option(lv.id, lv.name, urls.level(lv.id)) for lv in catalogue.levels)),
        Facet("regio", "Regio", tuple(Option(r.id, r.name, urls.region(r.id)) for r in catalogue.regions)),
        Facet(
            "vorm",
            "Vorm",
            tuple(Option(k, v, urls.region(ONLINE_REGION_ID) if k == "online" else None) for k, v in FORM_LABELS.items()),
        ),
        Facet("prijs", "Prijs (incl. btw)", tuple(Option(k, v) for k, v in PRICE_BANDS)),
        Facet("start", "Start", tuple(Option(k, v) for k, v in START_BANDS)),
        Facet("bewijs", "Wat je krijgt", tuple(Option(k, v) for k, v in CERTIFICATE_LABELS.items())),
        Facet("regeling", "Regeling", tuple(Option(f.id, f.name) for f in catalogue.funding if catalogue.courses_with_funding(f))),
    )


def price_sort_value(course: Course) -> float:
    """Sorting by price: the amount incl. VAT that the card shows; 'op aanvraag' last."""
    return course.price.total_incl_vat if course.price is not None else float("inf")


def start_sort_value(course: Course) -> tuple[int, str]:
    """Sorting by first start: 'doorlopend' can start now, so first; courses without dates last."""
    if course.continuous:
        return (0, "")
    return (1, course.next_start.isoformat()) if course.next_start else (2, "")


def start_values(course: Course) -> list[str]:
    """What the browser needs to place a course in a start band: ISO dates, or 'doorlopend'."""
    if course.continuous:
        return ["doorlopend"]
    return [d.isoformat() for d in course.starts]

"""schema.org JSON-LD, so search engines and other platforms can read courses as data."""

from __future__ import annotations

import json
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from builder import urls
from builder.formatting import plain_markdown
from builder.model import Course
from builder.skills.linked_data import defined_term

COURSE_MODE = {"klassikaal": "onsite", "online": "online", "blended": "blended", "werkend-leren": "onsite"}
DURATION_UNIT = {"uren": "H", "dagen": "D", "weken": "W", "maanden": "M", "jaren": "Y"}


def iso_duration(course: Course) -> str | None:
    if course.duration is None:
        return None
    unit = DURATION_UNIT[course.duration.unit]
    time_part = "T" if unit == "H" else ""
    return f"P{time_part}{course.duration.amount}{unit}"


def course_json_ld(course: Course, links: urls.Links) -> dict[str, Any]:
    page = links.absolute(urls.course(course.id))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page,
        "url": page,
        "name": course.title,
        "description": plain_markdown(course.description),
        "abstract": course.summary,
        "inLanguage": course.language,
        "courseCode": course.codes.get("crebo") or course.codes.get("edudex") or course.id,
        "educationalLevel": course.level.name,
        "about": [sector.name for sector in course.sectors],
        "provider": {
            "@type": "EducationalOrganization",
            "name": course.provider.name,
            "url": course.provider.url,
            "address": {"@type": "PostalAddress", "addressLocality": course.provider.place, "addressCountry": "NL"},
        },
        "sameAs": course.url,
    }
    if course.certificate and course.certificate != "geen":
        data["educationalCredentialAwarded"] = course.certificate_label
    else:
        data["educationalCredentialAwarded"] = "Geen"
    if course.keywords:
        data["keywords"] = ", ".join(course.keywords)
    if course.skills:
        data["teaches"] = [defined_term(skill, links) for skill in course.skills]
    if course.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "category": "Free" if course.price.is_free else "Paid",
            "price": course.price.total_incl_vat,
            "priceCurrency": "EUR",
            "url": course.url,
            "priceSpecification": {
                "@type": "PriceSpecification",
                "price": course.price.total_incl_vat,
                "priceCurrency": "EUR",
                "valueAddedTaxIncluded": True,
            },
        }
    data["hasCourseInstance"] = course_instances(course)
    return data


def course_instances(course: Course) -> list[dict[str, Any]]:
    base: dict[str, Any] = {"@type": "CourseInstance", "courseMode": COURSE_MODE[course.form]}
    workload = iso_duration(course)
    if course.study_load_hours:
        base["courseWorkload"] = f"PT{course.study_load_hours:g}H"
    elif workload:
        base["courseWorkload"] = workload
    places = course.places or ()
    locations = [
        {"@type": "Place", "name": place, "address": {"@type": "PostalAddress", "addressLocality": place, "addressCountry": "NL"}}
        for place in places
    ]
    if course.form == "online":
        locations = [{"@type": "VirtualLocation", "url": course.url}]
    if course.continuous or not course.starts:
        instance = dict(base)
        instance["location"] = locations
        if course.continuous:
            instance["courseSchedule"] = {"@type": "Schedule", "repeatFrequency": "P1D", "description": "Doorlopend instromen"}
        return [instance]
    instances = []
    for start in course.starts:
        instance = dict(base)
        instance["startDate"] = start.isoformat()
        instance["location"] = locations
        instances.append(instance)
    return instances


def item_list_json_ld(courses: tuple[Course, ...], links: urls.Links, first_position: int = 1) -> dict[str, Any]:
    """One page of a course list: positions count on from the pages before it."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": len(courses),
        "itemListElement": [
            {"@type": "ListItem", "position": index, "url": links.absolute(urls.course(course.id)), "name": course.title}
            for index, course in enumerate(courses, start=first_position)
        ],
    }


def _html_safe(text: str) -> str:
    """What Jinja's `tojson` does to JSON text after dumping it (one character at a time, so it may be done in pieces)."""
    return htmlsafe_json_dumps(text, dumps=lambda value: value)


class ItemListJsonLd:
    """`item_list_json_ld(...) | tojson` as text, from each course's entry encoded once per build.

    2,500 list pages at 10,000 courses name 260,000 courses: encoding each entry anew was ~40% of a list
    page's time. The text is the same as `tojson` makes (sorted keys, default separators, ASCII only,
    HTML-safe), tested against it; a course object the model replaced is encoded again."""

    def __init__(self, links: urls.Links) -> None:
        self.links = links
        self._entries: dict[str, tuple[Course, str, str]] = {}  # course id -> (course, text before and after its position)

    def __call__(self, courses: tuple[Course, ...], first_position: int = 1) -> Markup:
        entries = []
        for position, course in enumerate(courses, start=first_position):
            known = self._entries.get(course.id)
            if known is None or known[0] is not course:
                known = self._entries[course.id] = (course, *self._entry(course))
            entries.append(f"{known[1]}{position}{known[2]}")
        return Markup(
            '{"@context": "https://schema.org", "@type": "ItemList", "itemListElement": ['
            + ", ".join(entries)
            + f'], "numberOfItems": {len(courses)}}}'
        )

    def _entry(self, course: Course) -> tuple[str, str]:
        name = _html_safe(json.dumps(course.title))
        url = _html_safe(json.dumps(self.links.absolute(urls.course(course.id))))
        return f'{{"@type": "ListItem", "name": {name}, "position": ', f', "url": {url}}}'

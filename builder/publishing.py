"""Files for hosts, search engines and other platforms: sitemap, robots.txt, Atom feed, open data."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import Environment

from builder import urls
from builder.formatting import plain_markdown, render_markdown
from builder.model import Catalogue, Course
from builder.render import PageSpec
from builder.skills.open_data import vocabulary_records
from builder.skills.passport import passport_files

OPEN_DATA_PATH = "data/opleidingen.json"
PLACES_PATH = "data/plaatsen.json"  # read by filters.js for "in de buurt van": names and coordinates
FEED_PATH = "feed.xml"
FEED_SIZE = 50
SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as sitemaps.org allows; beyond it sitemap.xml becomes an index


class RecordCache:
    """Each course's open-data record as JSON text, kept while the model hands out the same course object.

    For `scholing serve` (`builder.incremental`): one save re-converts one description's Markdown, not 10,000.
    Course objects are frozen and the model reuses one only while nothing it holds changed.
    """

    def __init__(self) -> None:
        self.base_url = ""
        self.texts: dict[str, tuple[Course, str]] = {}  # course id -> (course, its record as indented JSON)

    def text(self, course: Course, links: urls.Links) -> str:
        base_url = links.absolute("")
        if base_url != self.base_url:
            self.base_url, self.texts = base_url, {}
        cached = self.texts.get(course.id)
        if cached is None or cached[0] is not course:
            cached = self.texts[course.id] = (course, record_text(course, links))
        return cached[1]

    def keep_only(self, courses: tuple[Course, ...]) -> None:
        """Forget deleted courses, so a long preview session does not grow."""
        ids = {course.id for course in courses}
        self.texts = {key: value for key, value in self.texts.items() if key in ids}


def publishing_files(
    catalogue: Catalogue,
    specs: list[PageSpec] | None,
    links: urls.Links,
    env: Environment,
    records: RecordCache | None = None,
    *,
    stream: Callable[[str, Iterable[bytes]], None] | None = None,
) -> dict[str, bytes]:
    """`specs` None: without the sitemap (a full build makes that apart: `sitemaps`).

    `stream`: given the open data piece by piece instead of as one value in the result, to write it
    straight to its file (at 50,000 courses it is 110 MB, held whole and joined from its pieces)."""
    files = {**(sitemaps(catalogue, specs, env) if specs is not None else {}), "robots.txt": robots(links), FEED_PATH: feed(catalogue, env)}
    if stream:
        stream(OPEN_DATA_PATH, open_data_parts(catalogue, links, records))
    else:
        files[OPEN_DATA_PATH] = open_data(catalogue, links, records)
    return {**files, **passport_files(catalogue.vocabulary, links, env), PLACES_PATH: places_data(catalogue)}


def places_data(catalogue: Catalogue) -> bytes:
    """Every place with its coordinates, in the order of the place pages; compact, the browser fetches it."""
    places = [
        {"id": p.id, "name": p.name, "municipality": p.municipality, "province": p.province, "lat": p.lat, "lon": p.lon}
        for _, group in catalogue.places_by_province
        for p in group
    ]
    data = {"source": "GeoNames (https://www.geonames.org/), CC BY 4.0", "places": places}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def page_last_modified(spec: PageSpec, catalogue: Catalogue) -> dt.date | None:
    """lastmod from the content: the course's check date, or the newest of the courses a page lists."""
    if "course" in spec.context:
        return spec.context["course"].last_checked
    if "funding" in spec.context:
        return spec.context["funding"].last_checked
    if "page" in spec.context:
        return spec.context["page"].updated
    listed = spec.context.get("courses") or (catalogue.courses if spec.path in (urls.HOME, urls.COURSES) else ())
    return max((c.last_checked for c in listed), default=None)


def sitemaps(catalogue: Catalogue, specs: list[PageSpec], env: Environment, limit: int = SITEMAP_LIMIT) -> dict[str, bytes]:
    """sitemap.xml; for a catalogue with more pages than one sitemap may hold, an index of numbered parts."""
    entries = [(spec.path, page_last_modified(spec, catalogue)) for spec in specs if spec.in_sitemap]
    template = env.get_template("sitemap.xml")
    if len(entries) <= limit:
        return {"sitemap.xml": template.render(entries=entries).encode("utf-8")}
    files: dict[str, bytes] = {}
    parts = []
    for number, start in enumerate(range(0, len(entries), limit), start=1):
        chunk = entries[start : start + limit]
        path = f"sitemaps/sitemap-{number}.xml"
        files[path] = template.render(entries=chunk).encode("utf-8")
        parts.append((path, max((lastmod for _, lastmod in chunk if lastmod), default=None)))
    files["sitemap.xml"] = env.get_template("sitemap_index.xml").render(parts=parts).encode("utf-8")
    return files


def robots(links: urls.Links) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {links.absolute('sitemap.xml')}\n".encode()


def feed_order(catalogue: Catalogue) -> list[Course]:
    return sorted(catalogue.courses, key=lambda c: (-max(c.added, c.last_checked).toordinal(), c.id))[:FEED_SIZE]


def feed(catalogue: Catalogue, env: Environment) -> bytes:
    courses = feed_order(catalogue)
    updated = max((max(c.added, c.last_checked) for c in courses), default=catalogue.today)
    return env.get_template("feed.xml").render(site=catalogue.site, courses=courses, updated=updated).encode("utf-8")


@functools.lru_cache(maxsize=4096)
def description_html(text: str, links: urls.Links) -> str:
    """A description as HTML with absolute links, converted once per distinct text, as pages do theirs
    (`formatting.filters`): course texts repeat, and each conversion is ~0.2 ms of Python-Markdown."""
    return str(render_markdown(text, links.absolute)).strip()


def course_record(course: Course, links: urls.Links) -> dict[str, Any]:
    price = course.price
    return {
        "id": course.id,
        "url": links.absolute(urls.course(course.id)),
        "title": course.title,
        "summary": course.summary,
        # never the editor's Markdown as written: raw HTML in it would run on a site that shows it
        "description": plain_markdown(course.description),
        "description_html": description_html(course.description, links),
        "provider": {"id": course.provider.id, "name": course.provider.name, "url": course.provider.url},
        "provider_course_url": course.url,
        "situations": list(course.situation_ids),
        "sectors": [s.id for s in course.sectors],
        "level": {"id": course.level.id, "name": course.level.name, "nlqf": course.level.nlqf, "eqf": course.level.eqf},
        "form": course.form,
        "locations": [
            {"place": place, "region": region.id} for place in course.places for region in course.regions if place in region.places
        ],
        "study_load_hours": course.study_load_hours,
        "duration": {"amount": course.duration.amount, "unit": course.duration.unit} if course.duration else None,
        "price": {
            "amount": price.amount,
            "vat": price.vat,
            "extra_costs": price.extra_costs,
            "total": price.total,
            "total_incl_vat": price.total_incl_vat,
            "currency": "EUR",
        }
        if price
        else None,
        "starts": [d.isoformat() for d in course.starts],
        "continuous": course.continuous,
        "certificate": course.certificate,
        "funding": [f.id for f in course.funding],
        "keywords": list(course.keywords),
        "skills": [s.id for s in course.skills],
        "occupations": [o.id for o in course.occupations],
        "language": course.language,
        "codes": dict(sorted(course.codes.items())),
        "last_checked": course.last_checked.isoformat(),
    }


RECORD_INDENT = "  "  # a record sits two levels deep in the document: {"courses": [{...}]}
COURSES_PLACEHOLDER = "\ue000courses\ue000"  # a private-use character: never in an editor's text


def record_text(course: Course, links: urls.Links) -> str:
    """One course's record exactly as `json.dumps(document, indent=1)` writes it inside the document.

    JSON strings hold no raw line break, so indenting every line is safe."""
    text = json.dumps(course_record(course, links), ensure_ascii=False, indent=1)
    return RECORD_INDENT + text.replace("\n", "\n" + RECORD_INDENT)


def open_data(catalogue: Catalogue, links: urls.Links, records: RecordCache | None = None) -> bytes:
    """The whole catalogue as one JSON file."""
    # Joined once, as bytes: the records as text, joined, replaced and encoded were four copies of the
    # file at once, the peak of a build's memory (+175 MB at 10,000 courses for a 22 MB file).
    return b"".join(open_data_parts(catalogue, links, records))


def open_data_parts(catalogue: Catalogue, links: urls.Links, records: RecordCache | None = None) -> Iterator[bytes]:
    """The open data file in pieces, the course records made (or taken from `records`) one by one."""
    document = {
        "name": catalogue.site.name,
        "url": catalogue.site.base_url,
        "publisher": catalogue.site.organisation["name"],
        "count": len(catalogue.courses),
        "courses": COURSES_PLACEHOLDER if catalogue.courses else [],
        **vocabulary_records(catalogue.vocabulary, links),
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if not catalogue.courses:
        yield text.encode("utf-8")
        return
    head, tail = text.split(json.dumps(COURSES_PLACEHOLDER, ensure_ascii=False), 1)
    yield head.encode("utf-8") + b"[\n"
    for number, course in enumerate(catalogue.courses):
        record = (records.text(course, links) if records else record_text(course, links)).encode("utf-8")
        yield b",\n" + record if number else record
    yield b"\n ]" + tail.encode("utf-8")

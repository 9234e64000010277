"""What the search knows: every searchable thing as a document of weighted fields, and what a result shows.

Courses are the main results. Funding schemes, situations, sectors, levels, regions, places, providers
and pages are "typed results": the browser shows them above the courses with their kind ("Regeling:
SLIM-regeling"), recognisable by the `k` (kind label) in their record.

Every document has the same fields (`FIELDS`, name -> boost); a kind fills the ones that fit and
leaves the others empty. The boosts were chosen with tests/test_search_relevance.py: a word in the
title counts most; keywords and the catalogue's own words (level, form and certificate, funding,
sector) count far more than running text, so "zorg" the sector beats "zorg je" in a description.
The editors' synonyms (content/search.yaml, `builder.search.vocabulary`) are added here, at build time.

Adding a kind is one function and one line in `KINDS`:

    def page_items(catalogue: Catalogue) -> Iterator[Item]:
        for page in catalogue.pages:
            yield Item(page.id, {"title": [page.title], ...}, typed_record("Pagina", page.title, urls.page(page.id), page.description))

    KINDS = (..., Kind("page", "p", page_items))

Skills and occupations are not kinds here: they have their own index (`builder.search.skills_index`),
because their words, expanded by prefix and typo, changed the scores of courses.

The ref prefix (one letter) must be unique; refs are prefix + base-36 position within the kind, so
they never look like integers (JavaScript's Object.keys would reorder those) and stay short.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from builder import facets, urls
from builder.formatting import dutch_date, euro, number, plain_markdown
from builder.model import ONLINE_REGION_ID, Catalogue, Course
from builder.search.vocabulary import Vocabulary, exact_key

# field name -> boost, highest first; see the module docstring
FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("keywords", 8),
    ("facets", 8),  # the catalogue's own words: level, form, certificate, funding, sector (names and aliases)
    ("place", 4),
    ("provider", 4),
    ("summary", 2),
    ("description", 1),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)


@dataclass(frozen=True)
class Item:
    """One searchable thing before indexing: texts per field (each text matched on its own), and its record."""

    id: str
    texts: dict[str, list[str]]
    record: dict[str, Any]
    names: tuple[str, ...] = ()  # other names a visitor may type in full (aliases, the id of a sector)


@dataclass(frozen=True)
class Kind:
    name: str
    ref_prefix: str
    items: Callable[[Catalogue], Iterator[Item]]


@dataclass(frozen=True)
class SearchDocument:
    """What the index builder gets: a ref, the kind and id it stands for, tokens per field, and the record to show."""

    ref: str
    kind: str
    id: str
    fields: dict[str, list[str]]
    record: dict[str, Any]

    @property
    def typed(self) -> bool:
        return "k" in self.record


def base36(position: int) -> str:
    """Refs are a kind letter plus this: short, and never a number JavaScript's Object.keys would reorder."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        position, remainder = divmod(position, 36)
        text = digits[remainder] + text
        if position == 0:
            return text


def course_items(catalogue: Catalogue) -> Iterator[Item]:
    for course in catalogue.courses:
        yield course_item(catalogue, course)


def course_item(catalogue: Catalogue, course: Course) -> Item:
    sectors = [sector.name for sector in course.sectors] + [alias for sector in course.sectors for alias in sector.aliases]
    form = [course.form_label] + ([course.certificate_label] if course.certificate_label else [])
    return Item(
        course.id,
        {
            "title": [course.title],
            "keywords": list(course.keywords),
            "facets": [course.level.name, *course.level.aliases, *form, *(funding.name for funding in course.funding), *sectors],
            "place": course_places(catalogue, course),
            "provider": [course.provider.name],
            "summary": [course.summary],
            "description": [plain_markdown(course.description)],
        },
        {**course_record(course), "e": exact_names(course)},
    )


def exact_names(course: Course) -> list[str]:
    """The course's form and certificate by name, as exact keys: a visitor who types "Mbo-certificaat" (a filter
    label) sees the courses that give one first, before courses that merely have "mbo" and "certificaat" apart."""
    return [_exact_label(label) for label in (course.form_label, course.certificate_label) if label]


@functools.lru_cache(maxsize=64)
def _exact_label(label: str) -> str:
    """A handful of labels, each shared by thousands of courses: their keys once."""
    return exact_key(label)


def course_places(catalogue: Catalogue, course: Course) -> list[str]:
    """Places with their municipality and province (content/places.yaml) and regions; "online" for online courses."""
    words = list(course.places)
    for name in course.places:
        place = catalogue.place_named(name)
        if place:
            words += [place.municipality, place.province]
    words += [region.name for region in course.regions]
    return list(dict.fromkeys(words)) or ["online"]


def course_record(course: Course) -> dict[str, Any]:
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
    record = {
        "u": urls.course(course.id),
        "t": course.title,
        "d": course.summary,
        "a": course.provider.name,
        "n": course.level.name,
        "o": ", ".join(course.places) or "Online",
        "s": start,
        "p": price,
        "f": {**facets.course_facets(course), "start": facets.start_values(course)},
    }
    if course.only_for:
        record["c"] = course.only_for  # "Alleen voor ..."
    # for comparing saved courses (keep.js): how long, and which open schemes may pay
    length = [course.duration.label] if course.duration else []
    if course.study_load_hours:
        length.append(f"{number(course.study_load_hours)} uur in totaal")
    if length:
        record["h"] = ", ".join(length)
    if course.open_funding:
        record["g"] = [funding.name for funding in course.open_funding]
    return record


def typed_record(label: str, title: str, url: str, text: str, meta: str = "") -> dict[str, Any]:
    """A typed result: its kind as a visitor reads it ("Regeling"), name, link, one line of text, and a short fact."""
    record = {"k": label, "t": title, "u": url, "d": text}
    if meta:
        record["m"] = meta
    return record


@dataclass(frozen=True)
class CourseCounts:
    """Courses per sector, level, region, provider and funding scheme (by id), counted in one pass over the catalogue."""

    sector: Counter[str]
    level: Counter[str]
    region: Counter[str]
    provider: Counter[str]
    funding: Counter[str]
    online: int


def course_counts(catalogue: Catalogue) -> CourseCounts:
    """Counted once per catalogue (the kinds ask one by one); the last catalogue's counts are kept, by identity."""
    courses = catalogue.courses
    if _last_counts and _last_counts[0] is courses:
        return _last_counts[1]
    counts = CourseCounts(Counter(), Counter(), Counter(), Counter(), Counter(), 0)
    online = 0
    for course in courses:
        counts.sector.update({sector.id for sector in course.sectors})
        counts.level[course.level.id] += 1
        counts.region.update({region.id for region in course.regions})
        counts.provider[course.provider.id] += 1
        counts.funding.update({funding.id for funding in course.funding})
        online += course.form == "online"
    counts = CourseCounts(counts.sector, counts.level, counts.region, counts.provider, counts.funding, online)
    _last_counts[:] = [courses, counts]
    return counts


_last_counts: list[Any] = []


def count_courses(count: int) -> str:
    return "1 opleiding" if count == 1 else f"{count} opleidingen"


def funding_items(catalogue: Catalogue) -> Iterator[Item]:
    for funding in catalogue.funding:
        count = course_counts(catalogue).funding[funding.id]
        meta = funding.status_label + (f" · {count_courses(count)}" if count else "")
        yield Item(
            funding.id,
            {
                "title": [funding.name],
                "summary": [funding.summary],
                "description": [funding.for_whom, funding.pays, plain_markdown(funding.description)],
            },
            typed_record("Regeling", funding.name, urls.funding(funding.id), funding.summary, meta),
        )


def situation_items(catalogue: Catalogue) -> Iterator[Item]:
    for situation in catalogue.situations:
        yield Item(
            situation.id,
            {
                "title": [situation.title],
                "keywords": [situation.audience],
                "facets": [funding.name for funding in situation.funding],
                "summary": [situation.summary],
                "description": [*situation.steps, situation.advice, plain_markdown(situation.body)],
            },
            typed_record("Situatie", situation.title, urls.situation(situation.id), situation.summary, f"Voor {situation.audience}"),
        )


def sector_items(catalogue: Catalogue) -> Iterator[Item]:
    for sector in catalogue.sectors:
        count = course_counts(catalogue).sector[sector.id]
        yield Item(
            sector.id,
            # the id is the sector's short name ("zorg", "ict"): editors chose it, visitors type it
            {"title": [sector.name], "keywords": [sector.id, *sector.aliases, sector.description]},
            typed_record("Sector", sector.name, urls.sector(sector.id), sector.description, count_courses(count)),
            (sector.id.replace("-", " "), *sector.aliases),
        )


def level_items(catalogue: Catalogue) -> Iterator[Item]:
    for level in catalogue.levels:
        count = course_counts(catalogue).level[level.id]
        yield Item(
            level.id,
            {"title": [level.name], "keywords": list(level.aliases), "summary": [level.description]},
            typed_record("Niveau", level.name, urls.level(level.id), level.description, count_courses(count)),
            (level.id.replace("-", " "), *level.aliases),
        )


def region_items(catalogue: Catalogue) -> Iterator[Item]:
    for region in catalogue.regions:
        count = course_counts(catalogue).region[region.id]
        yield Item(
            region.id,
            {"title": [region.name], "place": list(region.places), "summary": [region.description]},
            typed_record(
                "Regio", region.name, urls.region(region.id), region.description or f"Opleidingen in {region.name}", count_courses(count)
            ),
        )
    online = course_counts(catalogue).online
    yield Item(
        ONLINE_REGION_ID,
        {"title": ["Online"], "summary": ["Opleidingen die je helemaal online volgt, waar je ook woont."]},
        typed_record(
            "Regio",
            "Online",
            urls.region(ONLINE_REGION_ID),
            "Opleidingen die je helemaal online volgt, waar je ook woont.",
            count_courses(online),
        ),
    )


def place_items(catalogue: Catalogue) -> Iterator[Item]:
    for place in catalogue.places:
        count = catalogue.count_place_reach(place)
        yield Item(
            place.id,
            {"title": [place.name], "place": [place.municipality, place.province]},
            typed_record(
                "Plaats",
                place.name,
                urls.place(place.id),
                f"Opleidingen in en rond {place.name} ({place.province})",
                count_courses(count) if count else "",
            ),
        )


def provider_items(catalogue: Catalogue) -> Iterator[Item]:
    for provider in catalogue.providers:
        count = course_counts(catalogue).provider[provider.id]
        yield Item(
            provider.id,
            {
                "title": [provider.name],
                "keywords": [provider.kind_label],
                "place": [provider.place, provider.region.name],
                "summary": [plain_markdown(provider.description)],
            },
            typed_record(
                "Aanbieder",
                provider.name,
                urls.provider(provider.id),
                f"{provider.kind_label[:1].upper()}{provider.kind_label[1:]} in {provider.place}",
                count_courses(count),
            ),
        )


def page_items(catalogue: Catalogue) -> Iterator[Item]:
    for page in catalogue.pages:
        yield Item(
            page.id,
            {"title": [page.title], "summary": [page.description], "description": [plain_markdown(page.body)]},
            typed_record("Pagina", page.title, urls.page(page.id), page.description),
        )


# Courses first: their positions are the order within equal scores, as before typed results existed.
KINDS: tuple[Kind, ...] = (
    Kind("course", "c", course_items),
    Kind("funding", "r", funding_items),
    Kind("situation", "s", situation_items),
    Kind("sector", "b", sector_items),
    Kind("level", "n", level_items),
    Kind("region", "g", region_items),
    Kind("place", "w", place_items),  # w: woonplaats
    Kind("provider", "a", provider_items),
    Kind("page", "p", page_items),
)


class DocumentCache:
    """Fields and record of each course's search document, kept while the model hands out the same course
    object (`scholing serve`): one save expands one course's words again, not 10,000. What else a course
    document reads (the editors' search words, places, the fields) is the key: when it changes, all go."""

    def __init__(self) -> None:
        self.key: Any = None
        self.parts: dict[str, tuple[Course, dict[str, list[str]], dict[str, Any]]] = {}

    def start(self, key: Any, courses: tuple[Course, ...]) -> None:
        if key != self.key:
            self.key, self.parts = key, {}
        ids = {course.id for course in courses}
        self.parts = {course_id: parts for course_id, parts in self.parts.items() if course_id in ids}


def search_documents(
    catalogue: Catalogue,
    kinds: tuple[Kind, ...] = KINDS,
    field_names: tuple[str, ...] = FIELD_NAMES,
    cache: DocumentCache | None = None,
) -> list[SearchDocument]:
    """The documents of an index: the site search's by default; `builder.search.skills_index` passes its own kinds and fields."""
    vocabulary = Vocabulary(catalogue.search_vocabulary)

    def parts(item: Item) -> tuple[dict[str, list[str]], dict[str, Any]]:
        fields = {name: vocabulary.expand(item.texts.get(name, ())) for name in field_names}
        record = item.record
        if "k" in record:
            names = [exact_key(name) for name in item.names]
            names += [other for name in (record["t"], *item.names) for other in vocabulary.other_names(name)]
            names = [name for name in dict.fromkeys(names) if name and name != exact_key(record["t"])]
            if names:
                record = {**record, "e": names}
        return fields, record

    def course_parts(course: Course) -> tuple[dict[str, list[str]], dict[str, Any]]:
        assert cache is not None
        cached = cache.parts.get(course.id)
        if cached is None or cached[0] is not course:
            cached = cache.parts[course.id] = (course, *parts(course_item(catalogue, course)))
        return cached[1], cached[2]

    if cache is not None:
        cache.start((catalogue.search_vocabulary, catalogue.places, catalogue.today, field_names), catalogue.courses)
    documents: list[SearchDocument] = []
    for kind in kinds:
        if cache is not None and kind.items is course_items:
            for position, course in enumerate(catalogue.courses):
                fields, record = course_parts(course)
                documents.append(SearchDocument(kind.ref_prefix + base36(position), kind.name, course.id, fields, record))
            continue
        for position, item in enumerate(kind.items(catalogue)):
            fields, record = parts(item)
            documents.append(SearchDocument(kind.ref_prefix + base36(position), kind.name, item.id, fields, record))
    return documents


# How many typed results the search page shows above the courses, and how strong a match must be to be shown:
# a share of the best course's score (a weak side match must not push the course a visitor typed out of sight
# on a phone) and of the best typed result's. An exact name is always shown.
TYPED_SHOWN = 3
TYPED_MIN_SHARE_OF_BEST_COURSE = 0.25
TYPED_MIN_SHARE_OF_BEST_TYPED = 0.4


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float
    record: dict[str, Any]

    @property
    def typed(self) -> bool:
        return "k" in self.record


def arrange(query: str, hits: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """What the search page shows for ranked hits: (typed results, courses), exact names first in each.

    `arrange` in templates/assets/search.js does the same in the browser.
    """
    key = exact_key(query)

    def is_exact(hit: Hit) -> bool:
        return exact_key(hit.record["t"]) == key or key in hit.record.get("e", ())

    ordered = [hit for hit in hits if is_exact(hit)] + [hit for hit in hits if not is_exact(hit)]
    courses = [hit for hit in ordered if not hit.typed]
    typed = [hit for hit in ordered if hit.typed]
    best_course = max((hit.score for hit in courses), default=0.0)
    best_typed = max((hit.score for hit in typed), default=0.0)
    floor = max(TYPED_MIN_SHARE_OF_BEST_COURSE * best_course, TYPED_MIN_SHARE_OF_BEST_TYPED * best_typed)
    shown = [hit for hit in typed if is_exact(hit) or hit.score >= floor][:TYPED_SHOWN]
    return shown, courses

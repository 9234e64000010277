"""The catalogue model: validated content turned into linked, typed objects.

Everything a page or the search index needs is decided here (availability, next start, the
status a funding scheme really has today), so templates only present it. No HTML in here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from urllib.parse import urlsplit

from builder import schema
from builder.content import Content
from builder.skills.model import Occupation, Skill, Vocabulary, attach, build_vocabulary

FORM_LABELS = {"klassikaal": "Klassikaal", "online": "Online", "blended": "Deels online", "werkend-leren": "Werkend leren"}
CERTIFICATE_LABELS = {
    "diploma": "Diploma",
    "mbo-certificaat": "Mbo-certificaat",
    "certificaat": "Certificaat",
    "bewijs-van-deelname": "Bewijs van deelname",
    "microcredential": "Microcredential",
    "geen": "Geen bewijs",
}
VAT_LABELS = {"included": "inclusief btw", "excluded": "exclusief btw", "exempt": "vrijgesteld van btw"}
# The Dutch standard rate; education that is exempt from VAT pays none, everything else pays this.
VAT_RATE = Decimal("0.21")
LANGUAGE_LABELS = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fy": "Fries"}
PROVIDER_KIND_LABELS = {value: meaning for value, meaning in schema.PROVIDER.field("kind").kind.options}
FUNDING_STATUS_LABELS = {"open": "Open", "periodiek": "Open in rondes", "gesloten": "Gesloten", "beeindigd": "Beëindigd"}
ONLINE_REGION_ID = "online"
NEARBY_KM = 50  # how far a place page looks: in the north, 50 km is a normal commute to a course
# A place page lists the courses of its own place and of the nearest places around it, up to this many: at
# national size every place within 50 km of a town would otherwise repeat most of the catalogue (30 places
# made 1,743 pages of 233 MB at 10,000 courses). Places farther away are linked with their distance instead.
PLACE_PAGE_COURSES = 300
EARTH_RADIUS_KM = 6371.0088


def sort_key(text: str) -> str:
    return text.casefold()


@dataclass(frozen=True)
class Sector:
    id: str
    name: str
    description: str
    aliases: tuple[str, ...]
    growth: bool


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    order: int
    description: str
    nlqf: int | None
    eqf: int | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    places: tuple[str, ...]
    description: str
    locations: tuple[Place, ...] = ()  # the places with their coordinates, in the same order


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    municipality: str
    province: str
    lat: float
    lon: float
    geonames: int | None


def distance_km(a: Place, b: Place) -> float:
    """As the crow flies (haversine): enough to order courses by nearness and round to whole km."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class NearbyCourse:
    """A course near a place: where the nearest of its locations is, and how far."""

    course: Course
    place: Place
    km: float

    @property
    def whole_km(self) -> int:
        return round(self.km)


@dataclass(frozen=True)
class NearbyPlace:
    """A place within NEARBY_KM that a place page links to instead of listing its courses."""

    place: Place
    km: float
    courses: int  # given there (a visitor who follows the link sees these first)

    @property
    def whole_km(self) -> int:
        return round(self.km)


@dataclass(frozen=True)
class PlaceReach:
    """What a place page lists: the courses of its own place and the nearest places around it, as many whole
    places as fit in PLACE_PAGE_COURSES (always its own, or its nearest if it has none), then the other places
    within NEARBY_KM as links."""

    courses: tuple[NearbyCourse, ...]
    radius_km: float  # the farthest place listed
    farther: tuple[NearbyPlace, ...]  # nearest first

    @property
    def whole_radius_km(self) -> int:
        return round(self.radius_km)


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    url: str
    kind: str
    place: str
    region: Region
    description: str
    quality_marks: tuple[str, ...]
    phone: str | None
    email: str | None

    @property
    def kind_label(self) -> str:
        return PROVIDER_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Funding:
    id: str
    name: str
    summary: str
    for_whom: str
    pays: str
    declared_status: str
    status: str  # what applies today: an 'open' scheme past its end date counts as closed
    url: str
    last_checked: dt.date
    valid_until: dt.date | None
    opens: dt.date | None
    situation_ids: tuple[str, ...]
    description: str

    @property
    def status_label(self) -> str:
        return FUNDING_STATUS_LABELS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "periodiek")


@dataclass(frozen=True)
class Price:
    """A price as the provider states it. `vat` applies to the amount and the extra costs alike.

    Visitors compare what a private person pays (incl. VAT); companies that reclaim VAT compare
    the amount without it. Both are computed here, in cents, so every page shows the same figure.
    """

    amount: float
    vat: str
    extra_costs: float
    extra_costs_note: str | None

    @property
    def is_free(self) -> bool:
        return self.amount == 0 and self.extra_costs == 0

    @property
    def total(self) -> float:
        """As stated by the provider (with the VAT status of `vat`)."""
        return self.amount + self.extra_costs

    @property
    def vat_label(self) -> str:
        return VAT_LABELS[self.vat]

    @property
    def has_vat(self) -> bool:
        return self.vat != "exempt"

    def _incl(self, value: float) -> float:
        return cents(Decimal(str(value)) * (1 + VAT_RATE)) if self.vat == "excluded" else value

    def _excl(self, value: float) -> float:
        return cents(Decimal(str(value)) / (1 + VAT_RATE)) if self.vat == "included" else value

    @property
    def amount_incl_vat(self) -> float:
        return self._incl(self.amount)

    @property
    def extra_costs_incl_vat(self) -> float:
        return self._incl(self.extra_costs)

    @property
    def total_incl_vat(self) -> float:
        """What a private person pays in all: the figure cards, filters and sorting use.

        The sum of the rounded parts, so the page's "X plus Y" always adds up to the total shown.
        """
        return cents(Decimal(str(self.amount_incl_vat)) + Decimal(str(self.extra_costs_incl_vat)))

    @property
    def total_excl_vat(self) -> float:
        """What a company that reclaims VAT pays in all; equals the total when the course is exempt."""
        return self._excl(self.total)


def cents(value: Decimal) -> float:
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str

    @property
    def label(self) -> str:
        """'8 weken', '1 week'; after a number Dutch says 'uur' and 'jaar' whatever the number ('4 jaar', not '4 jaren')."""
        singular = {"uren": "uur", "dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
        return f"{self.amount} {singular[self.unit] if self.amount == 1 or self.unit in ('uren', 'jaren') else self.unit}"


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    provider: Provider
    summary: str
    description: str
    situation_ids: tuple[str, ...]
    sectors: tuple[Sector, ...]
    level: Level
    form: str
    url: str
    last_checked: dt.date
    places: tuple[str, ...]
    regions: tuple[Region, ...]
    study_load_hours: float | None
    duration: Duration | None
    price: Price | None
    starts: tuple[dt.date, ...]  # upcoming dates only, sorted
    continuous: bool
    certificate: str | None
    funding: tuple[Funding, ...]
    keywords: tuple[str, ...]
    language: str
    codes: dict[str, str]
    draft: bool
    added: dt.date
    available: bool
    last_start: dt.date | None  # the latest start date in the file, past or not
    locations: tuple[Place, ...] = ()  # `places` with their coordinates, in the same order
    withdrawn: bool = False  # the editor wrote 'status: beeindigd'
    status_note: str | None = None
    skills: tuple[Skill, ...] = ()  # what the course teaches
    occupations: tuple[Occupation, ...] = ()  # what it prepares for
    only_for: str | None = None  # who may take part, when not everyone may ("mensen die al in de zorg werken")

    @property
    def ended(self) -> bool:
        """Published, but ended: by its editor, or because every start date has passed. The page stays (old links
        keep working) and says so."""
        return not self.available and not self.draft and (self.withdrawn or self.last_start is not None)

    @property
    def next_start(self) -> dt.date | None:
        return self.starts[0] if self.starts else None

    @property
    def form_label(self) -> str:
        return FORM_LABELS[self.form]

    @property
    def certificate_label(self) -> str | None:
        return CERTIFICATE_LABELS[self.certificate] if self.certificate else None

    @property
    def language_label(self) -> str:
        return LANGUAGE_LABELS[self.language]

    @property
    def provider_host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def open_funding(self) -> tuple[Funding, ...]:
        """Linked schemes a visitor can apply to now (or in the next round): the card says they may pay."""
        return tuple(f for f in self.funding if f.is_open)


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    audience: str
    summary: str
    order: int
    steps: tuple[str, ...]
    funding: tuple[Funding, ...]
    advice: str
    body: str
    courses: tuple[Course, ...]


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    description: str
    body: str
    updated: dt.date | None


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Site:
    name: str
    tagline: str
    base_url: str
    language: str
    organisation: dict[str, str]
    advice: dict[str, str]
    footer_links: tuple[Link, ...]

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"


@dataclass(frozen=True)
class Term:
    """A word from content/begrippen.yaml, explained at B1: on /begrippen/ and where the site first uses it."""

    id: str
    name: str
    short: str
    text: str = ""  # Markdown, on /begrippen/ only
    link: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchVocabulary:
    """The editors' search words (content/search.yaml); `builder.search.vocabulary` applies them."""

    synonyms: tuple[tuple[str, ...], ...] = ()  # each group: words with one meaning
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (search word, what it should lead to)


@dataclass
class Catalogue:
    site: Site
    today: dt.date
    sectors: tuple[Sector, ...]
    levels: tuple[Level, ...]
    regions: tuple[Region, ...]
    providers: tuple[Provider, ...]
    funding: tuple[Funding, ...]
    courses: tuple[Course, ...]  # available and published, sorted by title
    hidden_courses: tuple[Course, ...]  # drafts and courses with only past start dates
    situations: tuple[Situation, ...]
    pages: tuple[Page, ...]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # skills, occupations, transitions
    places: tuple[Place, ...] = ()  # sorted by province, then name
    search_vocabulary: SearchVocabulary = SearchVocabulary()
    glossary: tuple[Term, ...] = ()  # alphabetical
    _near: dict[str, tuple[NearbyCourse, ...]] = field(default_factory=dict, repr=False, compare=False)
    _reach: dict[str, tuple[tuple[NearbyCourse, ...], PlaceReach]] = field(default_factory=dict, repr=False, compare=False)
    _similar_by_kind: dict[tuple[frozenset[str], int, int], tuple[Course, ...]] = field(default_factory=dict, repr=False, compare=False)
    _made_from: tuple = field(default=(), repr=False, compare=False)  # see build_catalogue(remember_sources=True)
    _made: dict[str, tuple[object, Course]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def terms(self) -> dict[str, Term]:
        return {term.id: term for term in self.glossary}

    @cached_property
    def glossary_by_letter(self) -> tuple[tuple[str, tuple[Term, ...]], ...]:
        """The glossary in alphabetical groups, as a visitor scans a dictionary ('Ö' under O, digits under #)."""
        groups: dict[str, list[Term]] = {}
        for term in self.glossary:
            first = unicodedata.normalize("NFD", term.name)[:1].upper()
            groups.setdefault(first if first.isalpha() and first.isascii() else "#", []).append(term)
        return tuple((letter, tuple(terms)) for letter, terms in groups.items())

    @cached_property
    def _places_by_name(self) -> dict[str, Place]:
        return {p.name: p for p in self.places}

    @cached_property
    def _courses_by_place_name(self) -> dict[str, list[Course]]:
        """Courses per place name, so a place page looks only at the courses in places within reach."""
        found: dict[str, list[Course]] = {}
        for course in self.courses:
            for name in dict.fromkeys(course.places):
                found.setdefault(name, []).append(course)
        return found

    @cached_property
    def _course_ids_by_place_name(self) -> dict[str, frozenset[str]]:
        """The same, as sets of ids: which courses a place adds to those of nearer places is then one set difference."""
        return {name: frozenset(course.id for course in courses) for name, courses in self._courses_by_place_name.items()}

    @cached_property
    def _course_positions(self) -> dict[str, int]:
        """Course id -> rank in (title, id) order."""
        ranked = sorted(self.courses, key=lambda c: (sort_key(c.title), c.id))
        return {course.id: n for n, course in enumerate(ranked)}

    def place_named(self, name: str) -> Place | None:
        return self._places_by_name.get(name)

    @property
    def places_by_province(self) -> list[tuple[str, tuple[Place, ...]]]:
        provinces = sorted({p.province for p in self.places}, key=sort_key)
        return [(province, tuple(p for p in self.places if p.province == province)) for province in provinces]

    def courses_near(self, place: Place, radius_km: float = NEARBY_KM) -> tuple[NearbyCourse, ...]:
        """Courses with a location within `radius_km`, nearest first (then by title). Online-only courses have no
        location and are offered separately."""
        cache_key = f"{place.id}@{radius_km}"
        if cache_key in self._near:
            return self._near[cache_key]
        # a course's position is its title order (ties by id); grouped by distance to the metre, which only
        # grows along the sightings, so each group is sorted alone: (km, position) as one sort key cost 0.2 s at 10,000
        position = self._course_positions
        by_distance: dict[float, list[tuple[int, NearbyCourse]]] = {}
        courses_at = self._courses_by_place_name
        for km, other, first_seen in self._first_sightings(place, radius_km):
            group = by_distance.setdefault(round(km, 3), [])
            group.extend((position[c.id], NearbyCourse(c, other, km)) for c in courses_at.get(other.name, ()) if c.id in first_seen)
        result = tuple(found for group in by_distance.values() for _, found in sorted(group, key=operator.itemgetter(0)))
        self._near[cache_key] = result
        return result

    def _first_sightings(self, place: Place, radius_km: float) -> Iterator[tuple[float, Place, frozenset[str]]]:
        """The places within `radius_km`, nearest first (the first one listed on a tie), each with the ids of its
        courses not given at a nearer one: a course counts where it is nearest, for the list and for the counts
        alike. As set differences: counting the courses of every place in one save of `scholing serve` took
        0.10-0.15 s at 10,000 courses as a walk over each course."""
        within = {other.name: (other, distance_km(place, other)) for other in self.places}
        reachable = sorted(
            ((km, n, other) for n, (other, km) in enumerate(within.values()) if km <= radius_km), key=lambda found: found[:2]
        )
        seen: set[str] = set()
        ids_at = self._course_ids_by_place_name
        for km, _, other in reachable:
            first_seen = ids_at.get(other.name, frozenset()) - seen
            seen |= first_seen
            yield km, other, first_seen

    def _nearest_counts(self, place: Place) -> list[tuple[Place, float, int]]:
        """Per place within NEARBY_KM, nearest first: how many courses are nearest there, without making the list."""
        return [(other, km, len(first_seen)) for km, other, first_seen in self._first_sightings(place, NEARBY_KM) if first_seen]

    def _places_listed(self, place: Place, limit: int) -> tuple[set[str], list[NearbyPlace], float, int]:
        """(ids of the places a place page lists, the places it links instead, the farthest listed, courses listed)."""
        listed: set[str] = set()
        total, radius_km = 0, 0.0
        farther: list[NearbyPlace] = []
        for other, km, count in self._nearest_counts(place):
            if not farther and (not listed or total + count <= limit):
                listed.add(other.id)
                total += count
                radius_km = km
            else:
                farther.append(NearbyPlace(other, km, len(self._courses_by_place_name[other.name])))
        return listed, farther, radius_km, total

    def place_reach(self, place: Place, limit: int | None = None) -> PlaceReach:
        """The courses a place page lists and the places it links to (see PlaceReach)."""
        limit = PLACE_PAGE_COURSES if limit is None else limit
        near = self.courses_near(place)
        key = f"{place.id}@{limit}"
        known = self._reach.get(key)
        if known and known[0] is near:  # serve: the same nearby courses as last time (see keep_nearby)
            return known[1]
        listed, farther, radius_km, _ = self._places_listed(place, limit)
        shown = near if not farther else tuple(found for found in near if found.place.id in listed)
        reach = PlaceReach(shown, radius_km, tuple(farther))
        self._reach[key] = (near, reach)
        return reach

    def count_place_reach(self, place: Place) -> int:
        """len(place_reach(place).courses) without making the lists (the search index shows only the count)."""
        return self._places_listed(place, PLACE_PAGE_COURSES)[3]

    @property
    def ended_courses(self) -> tuple[Course, ...]:
        return tuple(c for c in self.hidden_courses if c.ended)

    def alternatives_to(self, course: Course, limit: int = 6) -> tuple[Course, ...]:
        """Available courses a visitor of an ended course is most likely to want: same sector, nearby level, same region."""

        def closeness(other: Course) -> tuple:
            shared_sectors = len(set(course.sectors) & set(other.sectors))
            shared_regions = len(set(course.regions) & set(other.regions))
            return (-shared_sectors, abs(other.level.order - course.level.order), -shared_regions, sort_key(other.title), other.id)

        related = [c for c in self.courses if set(c.sectors) & set(course.sectors)]
        return tuple(sorted(related, key=closeness)[:limit])

    @cached_property
    def _by_sector_and_level(self) -> dict[tuple[str, int], list[Course]]:
        """Courses per (sector, level order), soonest start first: the candidates for "similar courses"."""
        buckets: dict[tuple[str, int], list[Course]] = {}
        for course in self.courses:
            for sector in course.sectors:
                buckets.setdefault((sector.id, course.level.order), []).append(course)
        for bucket in buckets.values():
            bucket.sort(key=lambda c: (self.days_to_start(c), sort_key(c.title), c.id))
        return buckets

    def days_to_start(self, course: Course) -> int:
        """For "starting soon": continuous courses start today; a course without dates comes last."""
        if course.continuous:
            return 0
        return (course.next_start - self.today).days if course.next_start else 10**6

    def similar_to(self, course: Course, limit: int = 3) -> tuple[Course, ...]:
        """Next steps on a course page: same sector, the same level or the nearest, starting soonest.

        Reads only the first few courses of each (sector, level) bucket, so it stays fast at 50,000 courses; the
        answer depends only on the sectors and level, unless the course is itself among those first few, so
        it is worked out once per combination (a build asks for every course)."""
        sector_ids = frozenset(s.id for s in course.sectors)
        order = course.level.order
        buckets = self._by_sector_and_level
        if any(other.id == course.id for sector_id in sector_ids for other in buckets.get((sector_id, order), [])[: limit + 1]):
            return self._similar(sector_ids, order, limit, course.id)
        key = (sector_ids, order, limit)
        found = self._similar_by_kind.get(key)
        if found is None:
            found = self._similar_by_kind[key] = self._similar(sector_ids, order, limit, None)
        return found

    def _similar(self, sector_ids: frozenset[str], own_order: int, limit: int, leave_out: str | None) -> tuple[Course, ...]:
        orders = sorted({lv.order for lv in self.levels}, key=lambda order: (abs(order - own_order), order))
        found: dict[str, tuple] = {}
        for order in orders:
            for sector_id in sorted(sector_ids):
                for other in self._by_sector_and_level.get((sector_id, order), [])[: limit + 1]:
                    if other.id != leave_out and other.id not in found:
                        shared = len(sector_ids & {s.id for s in other.sectors})
                        distance = abs(order - own_order)
                        found[other.id] = (distance, -shared, self.days_to_start(other), sort_key(other.title), other.id, other)
            if len(found) >= limit:
                break
        return tuple(entry[-1] for entry in sorted(found.values(), key=lambda entry: entry[:-1])[:limit])

    def situations_of(self, course: Course) -> tuple[Situation, ...]:
        return tuple(s for s in self.situations if s.id in course.situation_ids)

    def courses_where(self, keep) -> tuple[Course, ...]:
        return tuple(c for c in self.courses if keep(c))

    @cached_property
    def _courses_by_group(self) -> dict[tuple[str, str], tuple[Course, ...]]:
        """(kind, id) -> its courses in catalogue order: one pass over the catalogue instead of one per list page."""
        found: dict[tuple[str, str], list[Course]] = {}
        for course in self.courses:
            keys = [("sector", s.id) for s in course.sectors] + [("region", r.id) for r in course.regions]
            keys += [("funding", f.id) for f in course.funding] + [("level", course.level.id), ("provider", course.provider.id)]
            for key in dict.fromkeys(keys):
                found.setdefault(key, []).append(course)
        return {key: tuple(courses) for key, courses in found.items()}

    def _group(self, kind: str, item: Sector | Level | Region | Provider | Funding) -> tuple[Course, ...]:
        courses = self._courses_by_group.get((kind, item.id), ())
        # ids are unique within a catalogue; an equal id on an object from elsewhere does not count
        return courses if courses and _member(item, kind, courses[0]) else ()

    def courses_in_sector(self, sector: Sector) -> tuple[Course, ...]:
        return self._group("sector", sector)

    def courses_at_level(self, level: Level) -> tuple[Course, ...]:
        return self._group("level", level)

    def courses_in_region(self, region: Region) -> tuple[Course, ...]:
        return self._group("region", region)

    def courses_by_provider(self, provider: Provider) -> tuple[Course, ...]:
        return self._group("provider", provider)

    def courses_with_funding(self, funding: Funding) -> tuple[Course, ...]:
        return self._group("funding", funding)

    @property
    def recently_added(self) -> tuple[Course, ...]:
        return tuple(sorted(self.courses, key=lambda c: (-c.added.toordinal(), sort_key(c.title)))[:6])

    @cached_property
    def online_courses(self) -> tuple[Course, ...]:
        return self.courses_where(lambda c: c.form == "online")


def _member(item: object, kind: str, course: Course) -> bool:
    """Whether `item` is (equal to) the course's own sector, level, region, provider or funding of that id."""
    if kind == "level":
        return course.level == item
    if kind == "provider":
        return course.provider == item
    return item in {"sector": course.sectors, "region": course.regions, "funding": course.funding}[kind]


def build_catalogue(
    content: Content,
    today: dt.date,
    base_url_override: str | None = None,
    previous: Catalogue | None = None,
    remember_sources: bool = False,
) -> Catalogue:
    """Assumes `content` validated without errors. `previous`: the last catalogue, whose course objects are reused
    where a course did not change, so an incremental rebuild sees unchanged pages by identity. `remember_sources`:
    keep which document made which course, so the next rebuild does not make the courses of unchanged files again."""
    site_data = content.site.data
    site = Site(
        name=site_data["name"],
        tagline=site_data["tagline"],
        base_url=base_url_override or normalise(site_data["base_url"]),
        language=site_data["language"],
        organisation=dict(site_data["organisation"]),
        advice=dict(site_data["advice"]),
        footer_links=tuple(Link(link["title"], link["url"]) for link in site_data.get("footer_links") or []),
    )
    sectors = {
        key: Sector(key, v["name"], v["description"].strip(), tuple(v.get("aliases") or ()), bool(v.get("growth")))
        for key, v in content.sectors.data.items()
    }
    levels = {
        key: Level(key, v["name"], v["order"], v["description"].strip(), v.get("nlqf"), v.get("eqf"), tuple(v.get("aliases") or ()))
        for key, v in content.levels.data.items()
    }
    places = [
        Place(key, v["name"], v["municipality"], v["province"], float(v["lat"]), float(v["lon"]), v.get("geonames"))
        for key, v in (content.places.data if content.places else {}).items()
    ]
    place_named = {place.name: place for place in places}
    regions = {
        key: Region(
            key,
            v["name"],
            tuple(v["places"]),
            (v.get("description") or "").strip(),
            tuple(place_named[name] for name in v["places"] if name in place_named),
        )
        for key, v in content.regions.data.items()
    }
    region_of_place = {place: region for region in regions.values() for place in region.places}
    providers = {
        key: Provider(
            id=key,
            name=d.data["name"],
            url=d.data["url"],
            kind=d.data["kind"],
            place=d.data["place"],
            region=region_of_place[d.data["place"]],
            description=(d.data.get("description") or "").strip(),
            quality_marks=tuple(d.data.get("quality_marks") or ()),
            phone=d.data.get("phone"),
            email=d.data.get("email"),
        )
        for key, d in content.providers.items()
    }
    funding = {key: make_funding(key, d.data, today) for key, d in content.funding.items()}
    vocabulary = build_vocabulary(content, sectors, previous.vocabulary if previous else None)
    # What a course is made of besides its own file: with all of it equal, an unchanged file gives the same course.
    inputs = (today, providers, sectors, levels, region_of_place, funding, place_named, vocabulary.source_key)
    made = previous._made if previous is not None and previous._made_from == inputs else {}
    sources: dict[str, tuple[object, Course]] = {}
    all_courses = []
    for key, d in content.courses.items():
        earlier = made.get(key)
        if earlier is not None and earlier[0] is d:
            course = earlier[1]
        else:
            course = make_course(key, d.data, today, providers, sectors, levels, region_of_place, funding, place_named, vocabulary)
        sources[key] = (d, course)
        all_courses.append(course)
    if previous is not None:
        known = {c.id: c for c in (*previous.courses, *previous.hidden_courses)}
        all_courses = [known[c.id] if known.get(c.id) is c or known.get(c.id) == c else c for c in all_courses]
    by_title = lambda c: (sort_key(c.title), c.id)  # noqa: E731
    courses = tuple(sorted((c for c in all_courses if c.available), key=by_title))
    hidden = tuple(sorted((c for c in all_courses if not c.available), key=by_title))
    situations = tuple(
        sorted(
            (make_situation(key, d, funding, courses) for key, d in content.situations.items()),
            key=lambda s: (s.order, s.id),
        )
    )
    sorted_funding = ordered(funding.values(), lambda f: (not f.is_open, sort_key(f.name)))
    attach(vocabulary, courses, sorted_funding, situations)
    pages = tuple(
        Page(key, d.data["title"], d.data["description"], d.body or "", d.data.get("updated")) for key, d in sorted(content.pages.items())
    )
    catalogue = Catalogue(
        site=site,
        today=today,
        sectors=ordered(sectors.values(), lambda s: sort_key(s.name)),
        levels=ordered(levels.values(), lambda lv: (lv.order, lv.id)),
        regions=ordered(regions.values(), lambda r: sort_key(r.name)),
        providers=ordered(providers.values(), lambda p: sort_key(p.name)),
        funding=sorted_funding,
        courses=courses,
        hidden_courses=hidden,
        situations=situations,
        pages=pages,
        places=ordered(places, lambda p: (sort_key(p.province), sort_key(p.name))),
        search_vocabulary=make_search_vocabulary(content.search.data if content.search else {}),
        vocabulary=vocabulary,
        glossary=make_glossary(content.glossary.data if content.glossary else {}),
    )
    if remember_sources:
        # the courses as the catalogue holds them (an equal one from `previous` stands in for a new one)
        final = zip(sources.items(), all_courses, strict=True)
        catalogue._made_from, catalogue._made = inputs, {key: (d, course) for (key, (d, _)), course in final}
    if previous is not None:
        keep_nearby(previous, catalogue)
    return catalogue


def keep_nearby(previous: Catalogue, catalogue: Catalogue) -> None:
    """An incremental rebuild keeps each place's nearby courses from last time and only takes out the courses that
    changed or went and puts the changed and new ones in (the place pages ask for every place). Unchanged courses
    are the same objects and keep their relative order; the result is what `courses_near` would compute."""
    catalogue._reach.update(previous._reach)  # used only where the nearby courses kept are the same object
    if not previous._near or previous.places != catalogue.places:
        return
    before = {id(c) for c in previous.courses}
    now = {id(c) for c in catalogue.courses}
    gone = [c for c in previous.courses if id(c) not in now]
    added = [c for c in catalogue.courses if id(c) not in before]
    if len(gone) + len(added) > 200:
        return  # a big change: computing the places afresh is as quick
    by_id = {place.id: place for place in catalogue.places}
    rank = {name: n for n, name in enumerate(dict.fromkeys(place.name for place in catalogue.places))}
    position = catalogue._course_positions
    gone_ids = {id(c) for c in gone}

    def nearest(place: Place, course: Course, radius_km: float) -> NearbyCourse | None:
        """As `courses_near` finds it: the course's nearest place within reach, the first listed on a tie."""
        sightings = [(distance_km(place, other), rank[other.name], other) for other in map(catalogue.place_named, course.places) if other]
        reachable = [sighting for sighting in sightings if sighting[0] <= radius_km]
        if not reachable:
            return None
        km, _, other = min(reachable, key=lambda sighting: sighting[:2])
        return NearbyCourse(course, other, km)

    for key, found in previous._near.items():
        place_id, radius = key.rsplit("@", 1)
        place = by_id.get(place_id)
        if place is None:
            continue
        radius_km = float(radius)
        arrivals = [n for n in (nearest(place, course, radius_km) for course in added) if n]
        leaving = any(nearest(place, course, radius_km) for course in gone)
        if not arrivals and not leaving:
            catalogue._near[key] = found
            continue
        result = [n for n in found if id(n.course) not in gone_ids] if leaving else list(found)
        for arrival in arrivals:
            bisect.insort(result, arrival, key=lambda n: (round(n.km, 3), position[n.course.id]))
        catalogue._near[key] = tuple(result)


def make_glossary(data: dict) -> tuple[Term, ...]:
    terms = (
        Term(
            str(key),
            v["name"].strip(),
            " ".join(v["short"].split()),
            (v.get("text") or "").strip(),
            v.get("link"),
            tuple(v.get("aliases") or ()),
        )
        for key, v in data.items()
    )
    return tuple(sorted(terms, key=lambda t: (sort_key(t.name), t.id)))


def make_search_vocabulary(data: dict) -> SearchVocabulary:
    return SearchVocabulary(
        synonyms=tuple(tuple(str(word) for word in group) for group in data.get("synonyms") or ()),
        related=tuple((str(word), tuple(str(t) for t in targets)) for word, targets in (data.get("related") or {}).items()),
    )


def normalise(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def ordered(items: Iterable, key) -> tuple:
    return tuple(sorted(items, key=key))


def make_funding(key: str, data: dict, today: dt.date) -> Funding:
    declared = data["status"]
    valid_until = data.get("valid_until")
    status = declared
    if valid_until and valid_until < today and declared in ("open", "periodiek"):
        status = "gesloten"
    return Funding(
        id=key,
        name=data["name"],
        summary=data["summary"],
        for_whom=data["for_whom"].strip(),
        pays=data["pays"].strip(),
        declared_status=declared,
        status=status,
        url=data["url"],
        last_checked=data["last_checked"],
        valid_until=valid_until,
        opens=data.get("opens"),
        situation_ids=tuple(data.get("situations") or ()),
        description=(data.get("description") or "").strip(),
    )


def make_course(key, data, today, providers, sectors, levels, region_of_place, funding, place_named, vocabulary: Vocabulary) -> Course:
    raw_starts = data.get("starts")
    continuous = raw_starts == "doorlopend"
    dates = sorted(raw_starts) if isinstance(raw_starts, list) else []
    upcoming = tuple(d for d in dates if d >= today)
    withdrawn = data.get("status") == "beeindigd"
    available = not data.get("draft", False) and not withdrawn and (continuous or not dates or bool(upcoming))
    places = tuple(data.get("locations") or ())
    region_list: list[Region] = []
    for place in places:
        if region_of_place[place] not in region_list:
            region_list.append(region_of_place[place])
    price = data.get("price")
    duration = data.get("duration")
    return Course(
        id=key,
        title=data["title"].strip(),
        provider=providers[data["provider"]],
        summary=data["summary"].strip(),
        description=data["description"],
        situation_ids=tuple(data["situations"]),
        sectors=tuple(sectors[s] for s in data["sectors"]),
        level=levels[data["level"]],
        form=data["form"],
        url=data["url"],
        last_checked=data["last_checked"],
        places=places,
        regions=tuple(sorted(region_list, key=lambda r: sort_key(r.name))),
        study_load_hours=data.get("study_load_hours"),
        duration=Duration(duration["amount"], duration["unit"]) if duration else None,
        price=Price(price["amount"], price["vat"], price.get("extra_costs") or 0, price.get("extra_costs_note"))
        if isinstance(price, dict)
        else None,  # missing, or 'op-aanvraag': the provider gives the price on request
        starts=upcoming,
        continuous=continuous,
        certificate=data.get("certificate"),
        funding=tuple(funding[f] for f in data.get("funding") or ()),
        keywords=tuple(data.get("keywords") or ()),
        language=data.get("language", "nl"),
        codes={k: str(v) for k, v in (data.get("codes") or {}).items()},
        draft=bool(data.get("draft", False)),
        added=data.get("added") or data["last_checked"],
        available=available,
        last_start=dates[-1] if dates else None,
        locations=tuple(place_named[name] for name in places if name in place_named),
        withdrawn=withdrawn,
        status_note=(data.get("status_note") or "").strip() or None,
        skills=tuple(vocabulary.skills[s] for s in data.get("skills") or ()),
        occupations=tuple(vocabulary.occupations[o] for o in data.get("occupations") or ()),
        only_for=(data.get("only_for") or "").strip() or None,
    )


def make_situation(key, document, funding, courses) -> Situation:
    data = document.data
    return Situation(
        id=key,
        title=data["title"],
        audience=data["audience"],
        summary=data["summary"],
        order=data["order"],
        steps=tuple(data["steps"]),
        funding=tuple(funding[f] for f in data.get("funding") or ()),
        advice=data["advice"].strip(),
        body=document.body or "",
        courses=tuple(c for c in courses if key in c.situation_ids),
    )

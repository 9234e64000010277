"""Render every page of the site from the catalogue model with Jinja templates."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from builder import facets, linkcheck, structured_data, urls
from builder.assets import Asset
from builder.formatting import filters, plain_markdown
from builder.glossary import TermsOnPage
from builder.heap import collect_in_worker
from builder.linkcheck import PageLinks, page_links
from builder.model import NEARBY_KM, ONLINE_REGION_ID, Catalogue, Course, NearbyCourse, Region
from builder.skills import pages as skill_pages
from builder.workers import leave_signals_to_parent, worker_count
from builder.write import write_into

LIST_PAGE_SIZE = 100  # courses per list page: keeps every page far below 200 KB, however big the catalogue
BATCH_PAGES = 64


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, which template, and what it shows."""

    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    crumbs: tuple[tuple[str, str], ...] = ()  # (title, path) above this page
    in_sitemap: bool = True
    indexable: bool = True  # False asks search engines to leave the page out of their results


@dataclass(frozen=True)
class Pager:
    """Where one page of a long course list stands: real links to the other pages, so lists stay crawlable
    and work without JavaScript."""

    first_page: str  # site path of page 1
    number: int
    count: int
    total: int  # courses in the whole list
    size: int = LIST_PAGE_SIZE

    def path(self, number: int) -> str:
        return urls.list_page(self.first_page, number)

    @property
    def first_position(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last_position(self) -> int:
        return min(self.number * self.size, self.total)

    def around(self, spread: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and a few around this one; None marks a gap."""
        wanted = {1, self.count, *range(self.number - spread, self.number + spread + 1)}
        shown: list[int | None] = []
        for number in sorted(n for n in wanted if 1 <= n <= self.count):
            if shown and shown[-1] is not None and number > shown[-1] + 1:
                shown.append(None)
            shown.append(number)
        return shown


def list_pages(
    first_page: str,
    template: str,
    title: str,
    description: str,
    courses: tuple[Course, ...],
    context: dict[str, Any],
    crumbs: tuple[tuple[str, str], ...],
    per_page: Callable[[slice], dict[str, Any]] | None = None,
) -> Iterator[PageSpec]:
    """A course list as pages of LIST_PAGE_SIZE; page 1 keeps the list's own address.

    A page's context holds what that page shows and no more (`per_page` adds what belongs to its own
    courses, given their slice of the list): serve re-renders a page when its context changes, so one edit
    re-renders few pages."""
    count = max(1, -(-len(courses) // LIST_PAGE_SIZE))
    for number in range(1, count + 1):
        pager = Pager(first_page, number, count, len(courses))
        own = slice(pager.first_position - 1, pager.last_position)
        page_courses = courses[own]
        yield PageSpec(
            pager.path(number),
            template,
            title if number == 1 else f"{title}, pagina {number} van {count}",
            description,
            {**context, **(per_page(own) if per_page else {}), "courses": page_courses, "pager": pager},
            crumbs,
        )


class PageContext(Context):
    """Jinja's context with a shorter way to call what templates call most: functions and macros.

    Jinja looks twice per call whether the callable wants the context passed in (`pass_context`); a course
    page makes ~90 calls (`url`, `urls.course`, macros), a list page ~200; skipping that look saved 3-18% of
    the rendering time of 2,400 pages in three runs on a busy machine. Callables of these types that ask for
    nothing are called as Jinja calls them; anything else takes Jinja's own path."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def make_environment(templates_dir: Path, links: urls.Links, assets: dict[str, Asset]) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never sees a template change (a rebuild makes a new environment): no stat per page
    )
    env.context_class = PageContext
    env.filters.update(filters(links.path))
    env.filters["course_facets"] = facets.course_facets
    env.filters["start_values"] = facets.start_values
    env.globals.update(
        url=links.path,
        absolute_url=links.absolute,
        asset=lambda name: links.path(assets[name].site_path),
        urls=urls,
        course_json_ld=lambda course: structured_data.course_json_ld(course, links),
        item_list_json_ld=structured_data.ItemListJsonLd(links),  # already JSON text: no `tojson` after it
    )
    env.globals["course_card"] = card_renderer(env)
    env.globals.update(skill_pages.template_globals(links))
    return env


STAND_IN = re.compile(rb"\x00(\d+)\x00")  # where a page shows card number N; NUL never occurs in our HTML


@dataclass(eq=False)
class Card:
    """One course card as bytes, and what the link check needs of it (read the first time a page asks)."""

    course: Course
    number: int
    data: bytes
    key: bytes  # the same for the same bytes in every process: how workers name the card to the parent
    _links: PageLinks | None = None

    @property
    def links(self) -> PageLinks:
        if self._links is None:
            self._links = page_links(self.data)
        return self._links


class CardRenderer:
    """A course card is the same on every list it appears on: rendered once per course (per process).

    While `render_page_with_cards` renders a page, a card is written as a stand-in of a few bytes and
    put in afterwards as bytes: a list page of 100 cards is then mostly copied, not rendered, encoded and
    read by the link check again."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.cards: list[Card] = []
        self.by_course: dict[tuple[int, str], Card] = {}
        self.standing_in = False

    def __call__(self, course: Course, heading: str = "h3") -> Markup:
        card = self.by_course.get((id(course), heading))
        if card is None or card.course is not course:
            macro = self.env.get_template("partials/course_card.html").module.course_card  # type: ignore[attr-defined]
            data = str(macro(course, heading)).encode("utf-8")
            card = Card(course, len(self.cards), data, hashlib.blake2b(data, digest_size=16).digest())
            self.cards.append(card)
            self.by_course[(id(course), heading)] = card
        if self.standing_in:
            return Markup(f"\x00{card.number}\x00")
        return Markup(card.data.decode("utf-8"))

    def fill_in(self, skeleton: bytes) -> tuple[bytes, list[Card]]:
        """The page with its cards put in, and those cards in page order."""
        pieces = STAND_IN.split(skeleton)
        if len(pieces) == 1:
            return skeleton, []
        cards = [self.cards[int(number)] for number in pieces[1::2]]
        pieces[1::2] = [card.data for card in cards]
        return b"".join(pieces), cards


def read_cards(cards: list[Card]) -> None:
    """Read the links of the cards not read yet, many in one parse (`pieces_links`): as many as a batch of
    pages shows for the first time, up to every card of the site in each worker process."""
    unread = list({id(card): card for card in cards if card._links is None}.values())
    for card, links in zip(unread, linkcheck.pieces_links([card.data for card in unread]), strict=True):
        card._links = links


def card_renderer(env: Environment) -> CardRenderer:
    return CardRenderer(env)


# called by `PageContext` without Jinja's look for pass_context: none of these types asks for it on `__call__`
_PLAIN_CALLABLES = frozenset(
    {types.FunctionType, types.BuiltinFunctionType, types.MethodType, Macro, CardRenderer, structured_data.ItemListJsonLd}
)


def page_specs(catalogue: Catalogue) -> Iterator[PageSpec]:
    """Every page of the site, in a fixed order."""
    site = catalogue.site
    facet_list = facets.facets_for(catalogue)
    home = ("Home", urls.HOME)
    all_courses = ("Opleidingen", urls.COURSES)

    yield PageSpec(
        urls.HOME,
        "home.html",
        site.name,
        site.tagline,
        {"sector_counts": [(s, len(catalogue.courses_in_sector(s))) for s in catalogue.sectors]},
    )
    for situation in catalogue.situations:
        yield from list_pages(
            urls.situation(situation.id),
            "situation.html",
            situation.title,
            situation.summary,
            situation.courses,
            # without its course list: the pages show their own courses, and one course changing must not change every page
            {"situation": dataclasses.replace(situation, courses=()), "facets": facet_list}
            | skill_pages.situation_context(catalogue.vocabulary, situation.id),
            (home,),
        )
    yield from list_pages(
        urls.COURSES,
        "course_list.html",
        "Alle opleidingen",
        f"Alle {len(catalogue.courses)} opleidingen in {site.name}: filter op sector, niveau, regio, vorm, prijs en start.",
        catalogue.courses,
        {"facets": facet_list},
        (home,),
    )
    for course in catalogue.courses:
        yield PageSpec(
            urls.course(course.id),
            "course.html",
            course.title,
            course.summary,
            {
                "course": course,
                "similar": catalogue.similar_to(course),
                # title and advice only: a situation's course list changing must not re-render every course page in serve
                "advice_routes": tuple((s.title, s.advice) for s in catalogue.situations_of(course)),
            },
            (home, all_courses),
        )
    for course in catalogue.ended_courses:
        yield PageSpec(
            urls.course(course.id),
            "course_ended.html",
            course.title,
            f"{course.title} heeft geen nieuwe startdata. Bekijk vergelijkbare opleidingen.",
            {"course": course, "alternatives": catalogue.alternatives_to(course)},
            (home, all_courses),
            in_sitemap=False,
            indexable=False,
        )
    yield from taxonomy_pages(catalogue, home)
    yield from place_pages(catalogue, home)
    yield PageSpec(
        urls.FUNDING,
        "funding_list.html",
        "Regelingen",
        "Regelingen die je opleiding of die van je medewerkers kunnen betalen, met hun status.",
        {},
        (home,),
    )
    for funding in catalogue.funding:
        yield from list_pages(
            urls.funding(funding.id),
            "funding.html",
            funding.name,
            funding.summary,
            catalogue.courses_with_funding(funding),
            {"funding": funding},
            (home, ("Regelingen", urls.FUNDING)),
        )
    yield from skill_pages.skill_pages(catalogue.vocabulary, site.name)
    for page in catalogue.pages:
        yield PageSpec(urls.page(page.id), "page.html", page.title, page.description, {"page": page}, (home,))
    if catalogue.glossary:
        yield PageSpec(
            urls.GLOSSARY,
            "glossary.html",
            "Begrippen",
            "Moeilijke woorden in de gids, zoals NLQF, crebo en keurmerk, in gewone woorden uitgelegd.",
            {"letters": catalogue.glossary_by_letter},
            (home,),
        )
    yield PageSpec(
        urls.SAVED,
        "saved.html",
        "Bewaarde opleidingen",
        "Opleidingen die je in deze browser hebt bewaard: vergelijk ze naast elkaar, print of deel de lijst.",
        {},
        (home,),
        in_sitemap=False,
        indexable=False,
    )
    yield PageSpec(
        urls.SEARCH,
        "search.html",
        "Zoeken",
        f"Zoek in alle opleidingen van {site.name}.",
        {"facets": facet_list},
        (home,),
        in_sitemap=False,
    )
    yield PageSpec(
        urls.NOT_FOUND,
        "404.html",
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer).",
        {},
        (home,),
        in_sitemap=False,
    )


def taxonomy_pages(catalogue: Catalogue, home: tuple[str, str]) -> Iterator[PageSpec]:
    groups: list[tuple[str, str, str, list[tuple[Any, str, tuple[Course, ...]]]]] = [
        (
            "Sectoren",
            "sectoren/",
            "Opleidingen per sector.",
            [(s, urls.sector(s.id), catalogue.courses_in_sector(s)) for s in catalogue.sectors],
        ),
        (
            "Niveaus",
            "niveaus/",
            "Opleidingen per niveau, van instap tot universiteit.",
            [(lv, urls.level(lv.id), catalogue.courses_at_level(lv)) for lv in catalogue.levels],
        ),
        (
            "Regio's",
            "regio/",
            "Opleidingen per regio, en opleidingen die helemaal online zijn.",
            [(r, urls.region(r.id), catalogue.courses_in_region(r)) for r in catalogue.regions]
            + [
                (
                    Region(ONLINE_REGION_ID, "Online", (), "Opleidingen die je helemaal online volgt, waar je ook woont."),
                    urls.region(ONLINE_REGION_ID),
                    catalogue.online_courses,
                )
            ],
        ),
        (
            "Aanbieders",
            "aanbieders/",
            "Scholen en opleiders in deze gids.",
            [(p, urls.provider(p.id), catalogue.courses_by_provider(p)) for p in catalogue.providers],
        ),
    ]
    for title, index_path, description, items in groups:
        yield PageSpec(index_path, "taxonomy_index.html", title, description, {"items": items}, (home,))
        for item, path, courses in items:
            yield from list_pages(
                path,
                "taxonomy.html",
                item.name,
                plain_markdown(getattr(item, "description", "")) or f"Opleidingen van {item.name}.",  # Markdown for providers
                courses,
                {"item": item, "group": title},
                (home, (title, index_path)),
            )


def place_pages(catalogue: Catalogue, home: tuple[str, str]) -> Iterator[PageSpec]:
    """Browse by place, without JavaScript: each place with the courses in it and the nearest places around it."""
    reach = {place.id: catalogue.place_reach(place) for place in catalogue.places}
    crumb = ("In de buurt", urls.PLACES)
    yield PageSpec(
        urls.PLACES,
        "place_index.html",
        "Opleidingen in de buurt",
        "Kies je woonplaats en zie de opleidingen daar en in de buurt, de dichtstbijzijnde eerst.",
        {
            "counts": {place_id: len(found.courses) for place_id, found in reach.items() if found.courses},
            "provinces": catalogue.places_by_province,
        },
        (home,),
    )
    for place in catalogue.places:
        found = reach[place.id]
        if not found.courses:
            continue
        nearby = found.courses
        last = len(nearby)
        yield from list_pages(
            urls.place(place.id),
            "place.html",
            f"Opleidingen in en rond {place.name}",
            f"Opleidingen in {place.name} ({place.province}) en in de buurt, de dichtstbijzijnde eerst.",
            tuple(n.course for n in nearby),
            {
                "place": place,
                "by_place": group_by_place,
                "radius_km": found.whole_radius_km if found.farther else NEARBY_KM,
                "near_km": NEARBY_KM,
                "online_count": len(catalogue.online_courses),
            },
            (home, crumb),
            # the places farther away: where the list starts and where it ends
            lambda own, nearby=nearby, found=found, last=last: {
                "nearby": nearby[own],
                "farther": found.farther if own.start == 0 or own.stop >= last else (),
            },
        )


def group_by_place(courses: tuple[Course, ...], nearby: tuple[NearbyCourse, ...]) -> list[tuple[NearbyCourse, list[Course]]]:
    """Consecutive courses at the same nearest place, so a page can say once "Stadskanaal, 24 km".

    `nearby`: where each of `courses` is, in the same order."""
    groups: list[tuple[NearbyCourse, list[Course]]] = []
    for course, found in zip(courses, nearby, strict=True):
        if groups and groups[-1][0].place == found.place:
            groups[-1][1].append(course)
        else:
            groups.append((found, [course]))
    return groups


def render_page(catalogue: Catalogue, env: Environment, spec: PageSpec, extra: dict[str, Any]) -> bytes:
    return render_page_with_cards(catalogue, env, spec, extra)[1]


def render_page_with_cards(
    catalogue: Catalogue, env: Environment, spec: PageSpec, extra: dict[str, Any]
) -> tuple[bytes, bytes, list[Card]]:
    """(the page with stand-ins for its course cards, the page, its cards): what the link check reads of the
    page itself is the first, the cards are read once each."""
    cards: CardRenderer = env.globals["course_card"]  # type: ignore[assignment]
    template = env.get_template(spec.template)
    cards.standing_in = True
    try:
        html = template.render(
            site=catalogue.site,
            catalogue=catalogue,
            page_path=spec.path,
            title=spec.title,
            description=spec.description,
            crumbs=spec.crumbs,
            indexable=spec.indexable,
            terms=TermsOnPage(catalogue.terms),  # fresh per page: the first use of a term on this page is explained
            **extra,
            **spec.context,
        )
    finally:
        cards.standing_in = False
    skeleton = html.encode("utf-8")
    data, used = cards.fill_in(skeleton)
    return skeleton, data, used


def render_pages(catalogue: Catalogue, env: Environment, specs: list[PageSpec], extra: dict[str, Any]) -> dict[str, bytes]:
    """Every page in memory: for tests and small sites; builds stream with `render_into`."""
    return {urls.output_file(spec.path): render_page(catalogue, env, spec, extra) for spec in specs}


@dataclass
class _Job:
    catalogue: Catalogue
    env: Environment
    specs: list[PageSpec]
    extra: dict[str, Any]
    folder: Path
    sent: set[bytes] = field(default_factory=set)  # cards whose summary this process has given the parent


_job: _Job | None = None  # what forked workers render; set before the pool starts, inherited, never pickled

_Rendered = tuple[str, frozenset[str], tuple[str, ...], tuple[bytes, ...]]  # output file, own ids, own links, its cards
_CardLinks = tuple[bytes, frozenset[str], tuple[str, ...]]  # card key, ids, links


def _render_batch(batch: range) -> tuple[list[_Rendered], list[_CardLinks]]:
    """Render and write a batch of pages; return what the link check needs of them, each card's summary once."""
    assert _job is not None
    made: set[Path] = set()
    done: list[_Rendered] = []
    fresh: list[Card] = []
    for position in batch:
        spec = _job.specs[position]
        skeleton, data, cards = render_page_with_cards(_job.catalogue, _job.env, spec, _job.extra)
        output = urls.output_file(spec.path)
        write_into(_job.folder, output, data, made)
        own = page_links(skeleton)
        keys = tuple(dict.fromkeys(card.key for card in cards))
        for card in cards:
            if card.key not in _job.sent:
                _job.sent.add(card.key)
                fresh.append(card)
        done.append((output, own.own_ids, own.hrefs, keys))
    read_cards(fresh)
    new_cards = [(card.key, card.links.own_ids, card.links.hrefs) for card in fresh]
    return done, new_cards


def _start_worker() -> None:
    leave_signals_to_parent()
    collect_in_worker()  # a page's Jinja cycles are freed as it goes, not kept for the whole build


def render_into(
    folder: Path,
    catalogue: Catalogue,
    env: Environment,
    specs: list[PageSpec],
    extra: dict[str, Any],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, PageLinks]:
    """Render every page straight into `folder`, in batches over worker processes; returns what the link
    check needs of each page. A page's bytes depend only on its spec, so 1 or N workers write the same site."""
    global _job
    count = worker_count(len(specs), workers)
    batches = [range(start, min(start + BATCH_PAGES, len(specs))) for start in range(0, len(specs), BATCH_PAGES)]
    cards: dict[bytes, PageLinks] = {}
    shared: dict[frozenset[str], frozenset[str]] = {}  # most pages have the same few ids: one set for them all
    found: dict[str, PageLinks] = {}
    _job = _Job(catalogue, env, specs, extra, folder)
    try:
        with contextlib.ExitStack() as stack:
            if count == 1:
                results: Iterator[tuple[list[_Rendered], list[_CardLinks]]] = map(_render_batch, batches)
            else:
                pool = stack.enter_context(multiprocessing.get_context("fork").Pool(count, initializer=_start_worker))
                results = pool.imap(_render_batch, batches)
            for done, new_cards in results:
                for key, ids, hrefs in new_cards:  # a batch's new cards come with it, before its pages need them
                    cards.setdefault(key, PageLinks(ids, hrefs))
                for output, ids, hrefs, keys in done:  # made into summaries at once: the batches as sent were as big again
                    found[output] = PageLinks(shared.setdefault(ids, ids), hrefs, (cards[key] for key in keys))
                if progress:
                    progress(len(done))
    finally:
        _job = None
    return found

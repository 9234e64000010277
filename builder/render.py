"""Render every page of the site from the catalogue model with Jinja templates."""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from builder import facets, structured_data, urls
from builder.assets import Asset
from builder.formatting import filters, plain_markdown
from builder.glossary import TermsOnPage
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
    per_page: Callable[[tuple[Course, ...]], dict[str, Any]] | None = None,
) -> Iterator[PageSpec]:
    """A course list as pages of LIST_PAGE_SIZE; page 1 keeps the list's own address.

    A page's context holds what that page shows and no more (`per_page` adds what belongs to its own
    courses): serve re-renders a page when its context changes, so one edit re-renders few pages."""
    count = max(1, -(-len(courses) // LIST_PAGE_SIZE))
    for number in range(1, count + 1):
        pager = Pager(first_page, number, count, len(courses))
        page_courses = courses[pager.first_position - 1 : pager.last_position]
        yield PageSpec(
            pager.path(number),
            template,
            title if number == 1 else f"{title}, pagina {number} van {count}",
            description,
            {**context, **(per_page(page_courses) if per_page else {}), "courses": page_courses, "pager": pager},
            crumbs,
        )


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
    env.filters.update(filters(links.path))
    env.filters["course_facets"] = facets.course_facets
    env.filters["start_values"] = facets.start_values
    env.globals.update(
        url=links.path,
        absolute_url=links.absolute,
        asset=lambda name: links.path(assets[name].site_path),
        urls=urls,
        course_json_ld=lambda course: structured_data.course_json_ld(course, links),
        item_list_json_ld=lambda courses, first=1: structured_data.item_list_json_ld(courses, links, first),
    )
    env.globals["course_card"] = card_renderer(env)
    env.globals.update(skill_pages.template_globals(links))
    return env


def card_renderer(env: Environment) -> Callable[..., Markup]:
    """A course card is the same on every list it appears on: rendered once per course (per process)."""
    cards: dict[tuple[int, str], tuple[Course, Markup]] = {}

    def course_card(course: Course, heading: str = "h3") -> Markup:
        key = (id(course), heading)
        cached = cards.get(key)
        if cached is None or cached[0] is not course:
            macro = env.get_template("partials/course_card.html").module.course_card  # type: ignore[attr-defined]
            cached = cards[key] = (course, Markup(macro(course, heading)))
        return cached[1]

    return course_card


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
    """Browse by place, without JavaScript: each place with the courses in it and up to NEARBY_KM around it."""
    near = {place.id: catalogue.courses_near(place) for place in catalogue.places}
    crumb = ("In de buurt", urls.PLACES)
    yield PageSpec(
        urls.PLACES,
        "place_index.html",
        "Opleidingen in de buurt",
        f"Kies je woonplaats en zie de opleidingen daar en tot {NEARBY_KM} km in de buurt, de dichtstbijzijnde eerst.",
        {
            "near": near,
            "near_ids": [place_id for place_id, found in near.items() if found],
            "near_km": NEARBY_KM,
            "provinces": catalogue.places_by_province,
        },
        (home,),
    )
    for place in catalogue.places:
        nearby = near[place.id]
        if not nearby:
            continue
        yield from list_pages(
            urls.place(place.id),
            "place.html",
            f"Opleidingen in en rond {place.name}",
            f"Opleidingen in {place.name} ({place.province}) en tot {NEARBY_KM} km in de buurt, de dichtstbijzijnde eerst.",
            tuple(n.course for n in nearby),
            {
                "place": place,
                "by_place": group_by_place,
                "radius_km": NEARBY_KM,
                "online_count": len(catalogue.online_courses),
            },
            (home, crumb),
            lambda page_courses, found={n.course.id: n for n in nearby}: {"nearby": {c.id: found[c.id] for c in page_courses}},
        )


def group_by_place(courses: tuple[Course, ...], nearby: dict[str, NearbyCourse]) -> list[tuple[NearbyCourse, list[Course]]]:
    """Consecutive courses at the same nearest place, so a page can say once "Stadskanaal, 24 km"."""
    groups: list[tuple[NearbyCourse, list[Course]]] = []
    for course in courses:
        found = nearby[course.id]
        if groups and groups[-1][0].place == found.place:
            groups[-1][1].append(course)
        else:
            groups.append((found, [course]))
    return groups


def render_page(catalogue: Catalogue, env: Environment, spec: PageSpec, extra: dict[str, Any]) -> bytes:
    template = env.get_template(spec.template)
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
    return html.encode("utf-8")


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


_job: _Job | None = None  # what forked workers render; set before the pool starts, inherited, never pickled


def _render_batch(batch: range) -> list[tuple[str, PageLinks]]:
    assert _job is not None
    made: set[Path] = set()
    done = []
    for position in batch:
        spec = _job.specs[position]
        data = render_page(_job.catalogue, _job.env, spec, _job.extra)
        output = urls.output_file(spec.path)
        write_into(_job.folder, output, data, made)
        done.append((output, page_links(data.decode("utf-8"))))
    return done


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
    found: dict[str, PageLinks] = {}
    _job = _Job(catalogue, env, specs, extra, folder)
    try:
        if count == 1:
            results: Iterator[list[tuple[str, PageLinks]]] = map(_render_batch, batches)
            for done in results:
                found.update(done)
                if progress:
                    progress(len(done))
        else:
            with multiprocessing.get_context("fork").Pool(count, initializer=leave_signals_to_parent) as pool:
                for done in pool.imap(_render_batch, batches):
                    found.update(done)
                    if progress:
                        progress(len(done))
    finally:
        _job = None
    return found

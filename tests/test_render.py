"""Rendering: the same bytes whatever the number of worker processes, streamed straight into the output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from builder.workers import worker_count
from tests.conftest import SAMPLE, run_build


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_course_copies(content: Path, count: int) -> None:
    """More pages than one batch per worker, so batches really are spread over processes."""
    sources = sorted((content / "courses").glob("*.yaml"))
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        title = json.dumps(f"Kopie {n} van {yaml.safe_load(text)['title']}")
        text = re.sub(r"^title:.*$", lambda _, title=title: f"title: {title}", text, count=1, flags=re.MULTILINE)
        (content / "courses" / f"{source.stem}-kopie-{n}.yaml").write_text(text, encoding="utf-8")


def test_one_and_two_workers_write_identical_bytes(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    add_course_copies(content, 150)
    one = run_build(content, tmp_path / "one", workers=1)
    two = run_build(content, tmp_path / "two", workers=2)
    assert one.ok and two.ok, [p.format() for p in one.problems.errors + two.problems.errors]
    assert one.pages > 250
    first, second = site_files(tmp_path / "one"), site_files(tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    # with two workers the search data, sitemap, feed and open data are written by a process of their own
    for made in ("sitemap.xml", "feed.xml", "robots.txt", "data/opleidingen.json", "assets/search/meta.json"):
        assert second[made], made
    assert one.files == two.files == len(second)


def test_small_sites_render_in_one_process(monkeypatch):
    monkeypatch.delenv("SCHOLING_WORKERS", raising=False)
    assert worker_count(150) == 1
    assert worker_count(150, requested=2) == 2
    monkeypatch.setenv("SCHOLING_WORKERS", "3")
    assert worker_count(10) == 3


PAGE_LIMIT = 200 * 1024


def synthetic_catalogue(size: int):
    """The sample catalogue with `size` courses, copies of the sample's with their own id and title."""
    import dataclasses

    from builder.content import load_content
    from builder.model import build_catalogue, sort_key
    from builder.problems import Problems
    from builder.skills.model import attach
    from tests.conftest import SAMPLE_TODAY

    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    base = catalogue.courses
    courses = [
        dataclasses.replace(base[n % len(base)], id=f"{base[n % len(base)].id}-{n}", title=f"{base[n % len(base)].title} {n}")
        for n in range(size)
    ]
    courses.sort(key=lambda c: (sort_key(c.title), c.id))
    situations = tuple(
        dataclasses.replace(s, courses=tuple(c for c in courses if s.id in c.situation_ids)) for s in catalogue.situations
    )
    vocabulary = dataclasses.replace(catalogue.vocabulary)  # skill, occupation and transition pages list these courses too
    attach(vocabulary, tuple(courses), catalogue.vocabulary.funding, situations)
    return dataclasses.replace(catalogue, courses=tuple(courses), situations=situations, vocabulary=vocabulary)


def test_every_list_page_stays_small_at_ten_thousand_courses(tmp_path: Path):
    from builder import urls
    from builder.assets import collect_assets
    from builder.config import find_node_modules
    from builder.render import LIST_PAGE_SIZE, make_environment, page_specs, render_page
    from tests.conftest import ROOT, TEMPLATES

    catalogue = synthetic_catalogue(10_000)
    links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)
    env = make_environment(TEMPLATES, links, collect_assets(TEMPLATES, find_node_modules(ROOT)))
    extra = {"live_reload_script": None, "search_files": {"meta": "assets/search/meta.json"}}
    specs = list(page_specs(catalogue))
    assert len(specs) > 10_000
    lists = [spec for spec in specs if spec.template != "course.html"]
    sizes = {spec.path: len(render_page(catalogue, env, spec, extra)) for spec in lists}
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] <= PAGE_LIMIT, f"{biggest}: {sizes[biggest] / 1024:.0f} KB"
    course_page = next(spec for spec in specs if spec.template == "course.html")
    assert len(render_page(catalogue, env, course_page, extra)) <= PAGE_LIMIT
    pages_of_all = [path for path in sizes if path.startswith("opleidingen/")]
    assert len(pages_of_all) == 10_000 // LIST_PAGE_SIZE
    assert "opleidingen/pagina/100/" in sizes and "opleidingen/pagina/101/" not in sizes
    assert any(path.startswith("overstappen/") and "/naar/" in path for path in sizes)  # transitions were measured too


def test_long_lists_link_to_their_next_pages_without_javascript(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    add_course_copies(content, 150)
    result = run_build(content, tmp_path / "site")
    assert result.ok, [p.format() for p in result.problems.errors]
    site = tmp_path / "site"
    published = len(json.loads((site / "data/opleidingen.json").read_text(encoding="utf-8"))["courses"])
    count = -(-published // 100)
    assert count >= 2
    pages = [(site / "opleidingen/index.html").read_text(encoding="utf-8")] + [
        (site / f"opleidingen/pagina/{n}/index.html").read_text(encoding="utf-8") for n in range(2, count + 1)
    ]
    assert not (site / f"opleidingen/pagina/{count + 1}").exists()
    assert [page.count('class="course-card" data-id=') for page in pages] == [100] * (count - 1) + [published - 100 * (count - 1)]
    ids = [card_id for page in pages for card_id in re.findall(r'class="course-card" data-id="([^"]+)"', page)]
    assert len(set(ids)) == published
    assert 'href="/opleidingen/pagina/2/" rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'href="/opleidingen/" rel="prev"' in pages[1]
    assert 'rel="next"' not in pages[-1]
    assert f"<title>Alle opleidingen, pagina 2 van {count} |" in pages[1]
    assert re.search(r'<link rel="canonical" href="https://[^"]+/opleidingen/pagina/2/">', pages[1])
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "/opleidingen/pagina/2/</loc>" in sitemap


def test_page_context_still_passes_the_context_to_callables_that_ask_for_it():
    """PageContext calls plain functions and macros directly; whatever asks for the context or environment gets it."""
    from jinja2 import pass_context, pass_environment

    from builder import urls
    from builder.render import PageContext, make_environment
    from tests.conftest import TEMPLATES

    env = make_environment(TEMPLATES, urls.Links("https://example.org/", "/"), {})
    assert env.context_class is PageContext

    class Greeter:
        @pass_context
        def __call__(self, context, name):
            return f"{context['greeting']} {name}"

    class Method:
        @pass_context
        def show(self, context):
            return context["greeting"]

    def stops():
        raise StopIteration

    env.globals.update(
        in_context=pass_context(lambda context, name: f"{context['greeting']} {name}"),
        in_environment=pass_environment(lambda environment: type(environment).__name__),
        greeter=Greeter(),
        method=Method().show,
        plain=lambda *args, **kwargs: f"{args} {sorted(kwargs.items())}",
        stops=stops,
    )
    template = env.from_string(
        "{% macro m(x) %}[{{ x }}]{% endmacro %}"
        "{% for n in [1] %}{{ in_context('a') }} {{ greeter('b') }} {{ method() }} {{ m(n) }} {{ plain(n, k=2) }}{% endfor %}"
        " {{ in_environment() }} {{ stops() is undefined }}"
    )
    assert template.render(greeting="hoi") == "hoi a hoi b hoi [1] (1,) [(&#39;k&#39;, 2)] Environment True"


def test_a_place_page_links_the_places_it_has_no_room_for(tmp_path: Path, monkeypatch):
    """At national size a place page would repeat most of the catalogue: it lists the nearest places that fit
    and links the others within 50 km, with their distance and how many courses are given there."""
    import builder.model

    monkeypatch.setattr(builder.model, "PLACE_PAGE_COURSES", 12)
    result = run_build(SAMPLE, tmp_path / "site")
    assert result.ok, [p.format() for p in result.problems.errors]  # the link check passed, the anchor included
    page = (tmp_path / "site/plaatsen/emmen/index.html").read_text(encoding="utf-8")
    assert "Opleidingen met lessen in Emmen of tot 30 km daarvandaan." in page
    assert '<a href="#verder-weg">plaatsen in de buurt</a>' in page
    listed = re.findall(r'<h3 class="nearby-place">(?:In )?(\w+)', page)
    assert listed[0] == "Emmen" and "Assen" not in listed
    farther = page[page.index('id="verder-weg"') :]
    linked = re.findall(r'<li><a href="/plaatsen/([a-z-]+)/">(\w+)</a> <span class="place-list__count">(\d+) km, (\d+) opleiding', farther)
    assert [(slug, km) for slug, _, km, _ in linked] == [("assen", "33"), ("veendam", "36"), ("winschoten", "41"), ("meppel", "49")]
    # the count is what the visitor finds first on that place's page: the courses given there
    assen = (tmp_path / "site/plaatsen/assen/index.html").read_text(encoding="utf-8")
    in_assen = assen.split('<h3 class="nearby-place">In Assen</h3>', 1)[1].split('<h3 class="nearby-place">', 1)[0]
    assert dict((name, int(count)) for _, name, _, count in linked)["Assen"] == in_assen.count('class="course-card" data-id=')
    index = (tmp_path / "site/plaatsen/index.html").read_text(encoding="utf-8")
    cards = page.count('class="course-card" data-id=')
    assert re.search(rf'href="/plaatsen/emmen/">Emmen</a> <span class="place-list__count">{cards} opleidingen<', index)

"""Rebuilds for `scholing serve`: keep what the last build knew, redo only what an edit changed.

Unchanged content files are not read again (told by the preview's watcher which files changed, the
others are not even looked at); the model reuses the objects of unchanged courses, so a page whose inputs
(its PageSpec) are equal to last time is not rendered again, and only files whose bytes change are
written. Anything every page shows (templates, site.yaml, taxonomies, providers, funding, situations,
the site's address) changes the "global inputs" and brings a full build. The
output is always the bytes a full build (`builder.build.build`) would write: the tests hold them to it.

Use: `engine = IncrementalBuilder(options)`, then `engine.rebuild()` after every change. Nothing is
written when the content has errors or a link is broken: the last good site stays.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from builder import publishing, search, urls
from builder.assets import collect_assets
from builder.build import BuildResult, Progress
from builder.config import BuildOptions
from builder.content import CheckedCache, Reader, content_files, load_content
from builder.heap import collector_paused
from builder.linkcheck import PageLinks, check_pages, page_links
from builder.model import Catalogue, Course, build_catalogue
from builder.problems import Problem, Problems
from builder.render import PageSpec, make_environment, page_specs, render_into, render_page_with_cards
from builder.search.documents import DocumentCache
from builder.skills.pages import footer_links
from builder.sources import Document
from builder.write import MARKER, Staging, write_into

Signature = tuple[int, int, int]  # mtime_ns, size, inode: a file that changed has another


@dataclass
class _ReadFile:
    signature: Signature
    document: Document | None
    problems: list[Problem]
    where: str  # absolute path, as the preview's watcher names it
    linked: bool  # a symbolic link: its target may change without an event for this path


@dataclass
class _Listing:
    paths: list[Path]
    where: frozenset[str]  # their absolute paths
    folders: frozenset[str]  # the folders they are in, and the listed folder itself (absolute)
    problems: list[Problem]


@dataclass
class _Site:
    """What was last published, as the next rebuild needs it."""

    global_key: Any
    specs: dict[str, PageSpec]  # output file -> spec
    pages: dict[str, PageLinks]  # output file -> ids and links
    files: dict[str, str]  # every other output file -> sha256
    targets: dict[str, set[str]]  # output file -> pages that link to it


@dataclass
class _Pending:
    """What phase 2 of a partial rebuild (`IncrementalBuilder.finish`) needs from phase 1."""

    catalogue: Catalogue
    specs: list[PageSpec]
    links: urls.Links
    env: Environment
    assets: dict[str, bytes]
    extra: dict[str, Any]
    deferred: list[str]  # pages that changed but show no changed course: rendered in phase 2


def combined(pages: BuildResult, rest: BuildResult) -> BuildResult:
    """Both phases of a rebuild as one result: seconds and steps added up."""
    steps = dict(pages.steps)
    for name, seconds in rest.steps.items():
        steps[name] = steps.get(name, 0.0) + seconds
    return dataclasses.replace(
        rest,
        pages=rest.pages or pages.pages,
        files=rest.files or pages.files,
        seconds=pages.seconds + rest.seconds,
        steps=steps,
        rendered=pages.rendered + rest.rendered,
        problems=pages.problems if rest.ok else rest.problems,
    )


@dataclass
class IncrementalBuilder:
    options: BuildOptions
    read_cache: dict[Path, _ReadFile] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    site: _Site | None = None
    env: Environment | None = None
    template_digest: str = ""
    always: frozenset[str] = frozenset()  # templates that read the whole catalogue: rendered every time
    checked: CheckedCache = field(default_factory=CheckedCache)  # the schema's verdict per unchanged file
    records: publishing.RecordCache = field(default_factory=publishing.RecordCache)  # open data per course
    documents: DocumentCache = field(default_factory=DocumentCache)  # search documents per course
    pending: _Pending | None = None  # phase 2 of the last rebuild, when it was deferred
    changed: frozenset[str] | None = None  # during a rebuild told what changed: those files' absolute paths
    listings: dict[tuple[Path, str, str], _Listing] = field(default_factory=dict)  # a content folder's files, as last listed

    def read(self, path: Path, reader: Reader, problems: Problems) -> Document | None:
        """A content file as last read, unless it changed on disk since (or the watcher says it changed)."""
        cached = self.read_cache.get(path)
        if cached is not None and self.changed is not None and not cached.linked and cached.where not in self.changed:
            problems.items.extend(cached.problems)
            return cached.document
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if cached is None or cached.signature != signature:
            before = len(problems.items)
            document = reader(path, problems)
            where = os.path.abspath(path)
            cached = _ReadFile(signature, document, problems.items[before:], where, os.path.islink(where))
            self.read_cache[path] = cached
        else:
            problems.items.extend(cached.problems)
        return cached.document

    def list_files(self, root: Path, folder: str, kind: str, problems: Problems) -> list[Path]:
        """A content folder's files as last listed, when the watcher saw no file come or go in it."""
        known = self.listings.get((root, folder, kind))
        if known is not None and self.changed is not None:
            top = os.path.abspath(root / folder)
            inside = [path for path in self.changed if path.startswith(top + os.sep) or path == top]
            # a saved file, or a known folder (the watcher names a file's folder too); anything else came or went
            if all(os.path.isfile(path) if path in known.where else path in known.folders and os.path.isdir(path) for path in inside):
                problems.items.extend(known.problems)
                return known.paths
        before = len(problems.items)
        paths = content_files(root, folder, kind, problems)
        where = frozenset(os.path.abspath(path) for path in paths)
        folders = frozenset({os.path.dirname(path) for path in where} | {os.path.abspath(root / folder)})
        self.listings[(root, folder, kind)] = _Listing(paths, where, folders, problems.items[before:])
        return paths

    def rebuild(self, defer: bool = False, changed: Collection[str] | None = None) -> BuildResult:
        """Brings the output folder up to date with the content and templates.

        `changed`: the paths a file watcher saw change since the last rebuild (files, folders, deleted ones);
        other content files that were read before are then not looked at again. None: look at every file.
        """
        self.changed = None if changed is None else frozenset(os.path.abspath(path) for path in changed)
        try:
            return self._rebuild(defer)
        finally:
            self.changed = None

    @collector_paused
    def _rebuild(self, defer: bool) -> BuildResult:
        """See `rebuild`.

        With `defer`, a rebuild that can be partial stops once the pages that show a changed course are
        written (what an editor looks at) and leaves the other changed pages, the search data, feed, sitemap
        and open data to `finish()`: the preview reloads in between. Without it (tests) both happen here.
        """
        options = self.options
        progress = Progress(quiet=True)
        problems = Problems()
        self.pending = None  # a phase 2 not run yet is overtaken by this rebuild's own

        progress.step("read")
        content = load_content(
            options.content_dir, problems, options.today, read=self.read, checked=self.checked, list_files=self.list_files
        )
        if problems.errors or (options.strict and problems.warnings):
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())

        progress.step("model")
        catalogue = build_catalogue(content, options.today, options.base_url, previous=self.catalogue, remember_sources=True)
        links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)

        progress.step("render")
        digest = templates_digest(options.templates_dir)
        assets = collect_assets(options.templates_dir, options.node_modules)
        if self.env is None or digest != self.template_digest:
            self.env, self.template_digest = make_environment(options.templates_dir, links, assets), digest
            self.always = templates_using(self.env, "catalogue")
        env = self.env
        specs = list(page_specs(catalogue))
        extra = {
            "live_reload_script": options.live_reload_script,
            "vocabulary_links": footer_links(catalogue.vocabulary),
        }
        asset_files = {asset.site_path: asset.data for asset in assets.values()}
        page_key = (global_key(catalogue, digest, options), tuple(sorted(asset_files)))
        last = self.site
        if last is None or last.global_key[:2] != page_key or not (options.out_dir / MARKER).exists():
            progress.step("index")
            search_files = search.build_search_files(catalogue, options.node_modules, self.documents)
            extra["search_files"] = search_files.urls
            files = {**asset_files, **search_files.files}
            files.update(publishing.publishing_files(catalogue, specs, links, env, self.records))
            # The search files are named on every page: should that name ever change, every page changes.
            key = (*page_key, tuple(sorted(search_files.urls.items())))
            result = self.full(catalogue, env, specs, extra, files, links, key, problems, progress)
            if result.ok:
                self.catalogue = catalogue
                result.index_bytes, result.index_gzip_bytes = search_files.index_bytes, search_files.index_gzip_bytes
            return result
        extra["search_files"] = dict(last.global_key[2])  # checked in `finish`
        result, deferred = self.partial(last, catalogue, env, specs, extra, links, last.global_key, problems, progress)
        if not result.ok:
            return result
        self.catalogue = catalogue
        self.pending = _Pending(catalogue, specs, links, env, asset_files, extra, deferred)
        return result if defer else combined(result, self.finish())

    @collector_paused
    def warm_up(self) -> None:
        """After the first build: compile every template and render every course card in this process.

        The first build renders in worker processes, which keep what they compiled and cached; without this
        the editor's first save would pay for it (list pages show up to 100 cards each)."""
        if self.env is None or self.catalogue is None:
            return
        for name in self.env.list_templates():
            if name.endswith((".html", ".xml")):
                self.env.get_template(name)
        card = self.env.globals["course_card"]
        for course in self.catalogue.courses:
            card(course)

    @collector_paused
    def finish(self) -> BuildResult:
        """Phase 2 of a partial rebuild: the pages phase 1 left, search data, feed, sitemap, open data and assets,
        written where they changed.

        Afterwards the folder holds the bytes of a full build. Nothing to do (ok, 0 files) when no phase 2 is due.
        """
        pending, self.pending, last = self.pending, None, self.site
        progress = Progress(quiet=True)
        problems = Problems()
        if pending is None or last is None:
            return BuildResult(problems, ok=True, steps=progress.finish())
        catalogue, options = pending.catalogue, self.options
        progress.step("index")
        search_files = search.build_search_files(catalogue, options.node_modules, self.documents)
        if tuple(sorted(search_files.urls.items())) != last.global_key[2]:
            self.site = None  # every page names the search files: with new names, every page changes
            return self.rebuild()
        progress.step("render")
        new_specs = {urls.output_file(s.path): s for s in pending.specs}
        pages, rendered = dict(last.pages), {}
        render_pages(pending.deferred, catalogue, pending.env, new_specs, pending.extra, rendered, pages)
        files = {**pending.assets, **search_files.files}
        files.update(publishing.publishing_files(catalogue, pending.specs, pending.links, pending.env, self.records))
        self.records.keep_only(catalogue.courses)

        progress.step("check")
        gone = set(last.files) - set(files)
        gone |= {path for path in rendered if last.pages[path].ids != pages[path].ids}
        recheck = set(rendered) | {page for target in gone for page in last.targets.get(target, ())}
        found: dict[str, set[str]] = {}
        read = self.read_rendered(rendered)
        if recheck and not self.links_ok(pages, files, pending.links, problems, only=recheck, targets=found, read=read):
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())
        targets = with_links(last.targets, found)

        progress.step("write")
        self.site = None  # should writing fail half-way, the next rebuild starts from scratch
        out = options.out_dir
        made: set[Path] = set()
        for path in sorted(gone):
            remove(out, path)
        new_digests = digests(files)
        for path, data in sorted(files.items()):
            if last.files.get(path) != new_digests[path]:
                write_into(out, path, data, made)
        for path in sorted(rendered):
            write_if_changed(out, path, rendered[path], made)
        self.site = _Site(last.global_key, new_specs, pages, new_digests, targets)
        return BuildResult(
            problems,
            ok=True,
            pages=len(new_specs),
            files=len(pages) + len(files) + 1,
            seconds=progress.elapsed(),
            steps=progress.finish(),
            rendered=len(rendered),
            index_bytes=search_files.index_bytes,
            index_gzip_bytes=search_files.index_gzip_bytes,
        )

    def full(self, catalogue, env, specs, extra, files, links, key, problems, progress) -> BuildResult:
        """What `build` does, remembering what it wrote."""
        options = self.options
        staging = Staging(options.out_dir, protected=[options.content_dir, options.templates_dir, Path.cwd() / ".git"])
        targets: dict[str, set[str]] = {}
        try:
            pages = render_into(staging.path, catalogue, env, specs, extra, workers=options.workers)
            progress.step("check")
            if not self.links_ok(pages, files, links, problems, targets=targets, read=staging.read):
                staging.discard()
                return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())
            progress.step("write")
            for relative, data in sorted(files.items()):
                staging.write(relative, data)
            staging.commit()
        except OSError as exc:  # a full disk, a missing permission: one Dutch line, the old site untouched
            raise staging.failure(exc) from exc
        except BaseException:
            staging.discard()
            raise
        self.site = _Site(key, {urls.output_file(s.path): s for s in specs}, pages, digests(files), targets)
        return BuildResult(
            problems,
            ok=True,
            pages=len(specs),
            files=len(pages) + len(files) + 1,
            seconds=progress.elapsed(),
            steps=progress.finish(),
            rendered=len(specs),
        )

    def partial(
        self, last: _Site, catalogue, env, specs, extra, links, key, problems, progress, attend_first: bool = True
    ) -> tuple[BuildResult, list[str]]:
        """Phase 1: the pages that show a changed course (what the editor looks at), checked and written; other
        files stay as they are. Pages that changed otherwise (courses that only moved up or down a list, the
        pages that sum up the catalogue) are returned, for `finish` to render, as Hugo's fast render mode does."""
        options = self.options
        always = self.always
        new_specs = {urls.output_file(s.path): s for s in specs}
        changed = [path for path, spec in new_specs.items() if spec.template in always or last.specs.get(path) != spec]
        now, deferred = attention_split(last, self.catalogue, catalogue, changed, new_specs) if attend_first else (changed, [])
        pages = {path: last.pages[path] for path in new_specs if path in last.pages}
        rendered: dict[str, bytes] = {}
        removed = set(last.specs) - set(new_specs)
        while True:
            render_pages(now, catalogue, env, new_specs, extra, rendered, pages)
            # Links on pages not rendered again still work unless what they point at is gone or lost an anchor;
            # a deferred page that links there is rendered now, so this check sees its new links.
            gone = removed | {path for path in rendered if path in last.pages and last.pages[path].ids != pages[path].ids}
            linking = {page for target in gone for page in last.targets.get(target, ())}
            now = sorted(linking & set(deferred))
            if not now:
                break
            deferred = [path for path in deferred if path not in linking]

        progress.step("check")
        recheck = set(rendered) | linking
        found: dict[str, set[str]] = {}
        read = self.read_rendered(rendered)
        if not self.links_ok(pages, last.files, links, Problems() if deferred else problems, only=recheck, targets=found, read=read):
            if deferred:
                # a broken link, or a page rendered now that needs a deferred page's new version (a new anchor):
                # every changed page now, so what is reported (if anything) is what a full build reports
                return self.partial(last, catalogue, env, specs, extra, links, key, problems, progress, attend_first=False)
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish()), []
        targets = with_links(last.targets, found)

        progress.step("write")
        self.site = None  # should writing fail half-way, the next rebuild starts from scratch
        out = options.out_dir
        made: set[Path] = set()
        for path in sorted(removed):
            remove(out, path)
        for path in sorted(rendered):
            write_if_changed(out, path, rendered[path], made)
        # a deferred page is on disk as it was: the next rebuild compares with that, should `finish` not come first
        waiting = set(deferred)
        known = {path: last.specs[path] if path in waiting else spec for path, spec in new_specs.items()}
        self.site = _Site(key, known, pages, last.files, targets)
        result = BuildResult(
            problems,
            ok=True,
            pages=len(specs),
            files=len(pages) + len(last.files) + 1,
            seconds=progress.elapsed(),
            steps=progress.finish(),
            rendered=len(rendered),
        )
        return result, deferred

    def read_rendered(self, rendered: dict[str, bytes]) -> Callable[[str], bytes]:
        """A page's bytes as they will be published (rendered now, or on disk), for the line of a broken link."""
        out = self.options.out_dir
        return lambda page: rendered[page] if page in rendered else (out / page).read_bytes()

    def links_ok(self, pages: dict[str, PageLinks], files: Collection[str], links: urls.Links, problems: Problems, **scope: Any) -> bool:
        served_elsewhere = frozenset({self.options.live_reload_script} if self.options.live_reload_script else ())
        scope.setdefault("read", lambda page: (self.options.out_dir / page).read_bytes())  # as published: for a broken link.s line
        for broken in check_pages(pages, set(pages) | set(files), links, served_elsewhere, **scope):
            problems.error(self.options.out_dir / broken.page, broken.line, 1, f"link '{broken.target}' {broken.reason}.")
        return not problems.errors


def render_pages(
    paths: Collection[str], catalogue: Catalogue, env: Environment, specs: dict[str, PageSpec], extra: dict[str, Any],
    rendered: dict[str, bytes], pages: dict[str, PageLinks],
) -> None:
    """Render these pages into `rendered`, their link summaries into `pages`: as in a full build, a page's own
    HTML is read, and each course card once."""
    for path in paths:
        skeleton, rendered[path], cards = render_page_with_cards(catalogue, env, specs[path], extra)
        pages[path] = page_links(skeleton, {card.key: card.links for card in cards}.values())


def with_links(targets: dict[str, set[str]], found: dict[str, set[str]]) -> dict[str, set[str]]:
    """`targets` plus the links just found, as a new map: a failed rebuild leaves the last one as it was. Only
    the targets that gained a page get a new set (a 10,000-course site has a million links: no deep copy)."""
    merged = dict(targets)
    for target, pages in found.items():
        merged[target] = merged[target] | pages if target in merged else pages
    return merged


def attention_split(
    last: _Site, previous: Catalogue | None, catalogue: Catalogue, changed: list[str], specs: dict[str, PageSpec]
) -> tuple[list[str], list[str]]:
    """(changed pages that show an added, changed or deleted course, the other changed pages).

    The first are what an editor looks at after a save: the course's own page and the list pages it is on
    now or was on (those linked to it); the others wait for phase 2. A page new to the site is always first:
    pages rendered now may link to it."""
    if previous is None:
        return changed, []
    before = {course.id: course for course in (*previous.courses, *previous.hidden_courses)}
    edited: set[int] = set()
    edited_ids: set[str] = set()
    for course in (*catalogue.courses, *catalogue.hidden_courses):
        if before.pop(course.id, None) is not course:
            edited.add(id(course))
            edited_ids.add(course.id)
    edited_ids.update(before)  # deleted
    showed = {page for course_id in edited_ids for page in last.targets.get(urls.output_file(urls.course(course_id)), ())}
    now: list[str] = []
    later: list[str] = []
    for path in changed:
        if path not in last.specs or path in showed or shows_any(specs[path].context, edited):
            now.append(path)
        else:
            later.append(path)
    return now, later


PLAIN = (str, int, float, bool, type(None), Course)  # hold no course (a course's own fields name no other course)
course_of = operator.attrgetter("course")


def shows_any(context: dict[str, Any], courses: set[int]) -> bool:
    """Whether a page's context holds one of these courses (by id()): as itself, in a list, or in what a list
    item is about (a NearbyCourse's `course`, a Transition's `courses`), a few levels deep. Lists hold one
    kind of thing, so a list's first item says how to look into it: lists of 10,000 are looked at in C."""

    def holds(value: Any, depth: int) -> bool:
        if id(value) in courses:
            return True
        if depth == 0 or isinstance(value, PLAIN):
            return False
        items = tuple(value.values()) if isinstance(value, dict) else value
        if isinstance(items, tuple | list):
            if not items or not courses.isdisjoint(map(id, items)):
                return bool(items)
            first = items[0]
            if isinstance(first, PLAIN):
                return False
            if hasattr(first, "course") and not hasattr(first, "courses"):
                return not courses.isdisjoint(map(id, map(course_of, items)))
            return any(holds(item, depth - 1) for item in items)
        return holds(getattr(value, "course", None), depth - 1) or holds(getattr(value, "courses", None), depth - 1)

    return any(holds(value, 4) for value in context.values())


def global_key(catalogue: Catalogue, templates: str, options: BuildOptions) -> Any:
    """Everything a page may show besides its own PageSpec: when any of it changes, every page is rebuilt."""
    return (
        templates,
        catalogue.site,
        catalogue.today,
        catalogue.sectors,
        catalogue.levels,
        catalogue.regions,
        catalogue.places,
        catalogue.providers,
        catalogue.funding,
        tuple(dataclasses.replace(s, courses=()) for s in catalogue.situations),
        catalogue.pages,
        catalogue.glossary,  # explained on any page
        catalogue.vocabulary.source_key,  # skills, occupations and transitions appear on course pages and in the footer
        options.live_reload_script,
        options.base_url,
    )


def templates_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def templates_using(env: Environment, name: str) -> frozenset[str]:
    """Templates that read `name` themselves or through what they extend, include or import."""
    loader = env.loader
    assert loader is not None
    uses: dict[str, bool] = {}

    def reads(template: str, seen: frozenset[str] = frozenset()) -> bool:
        if template not in uses:
            source = loader.get_source(env, template)[0]
            tree = env.parse(source)
            direct = name in meta.find_undeclared_variables(tree)
            others = [t for t in meta.find_referenced_templates(tree) if t and t not in seen]
            uses[template] = direct or any(reads(t, seen | {template}) for t in others)
        return uses[template]

    return frozenset(t for t in loader.list_templates() if t.endswith((".html", ".xml")) and reads(t))


def digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def write_if_changed(out: Path, path: str, data: bytes, made: set[Path]) -> None:
    target = out / path
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    write_into(out, path, data, made)


def remove(out: Path, path: str) -> None:
    """A file the site no longer has, and the folders it leaves empty."""
    target = out / path
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        os.rmdir(folder)
        folder = folder.parent

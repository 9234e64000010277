"""Rebuilds for `scholing serve`: keep what the last build knew, redo only what an edit changed.

Unchanged content files are not read again; the model reuses the objects of unchanged courses, so a
page whose inputs (its PageSpec) are equal to last time is not rendered again, and only files whose
bytes change are written. Anything every page shows (templates, site.yaml, taxonomies, providers,
funding, situations, the site's address) changes the "global inputs" and brings a full build. The
output is always the bytes a full build (`builder.build.build`) would write: the tests hold them to it.

Use: `engine = IncrementalBuilder(options)`, then `engine.rebuild()` after every change. Nothing is
written when the content has errors or a link is broken: the last good site stays.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from builder import publishing, search, urls
from builder.assets import collect_assets
from builder.build import BuildResult, Progress
from builder.config import BuildOptions
from builder.content import Reader, load_content
from builder.heap import collector_paused
from builder.linkcheck import PageLinks, check_pages, page_links
from builder.model import Catalogue, build_catalogue
from builder.problems import Problem, Problems
from builder.render import PageSpec, make_environment, page_specs, render_into, render_page
from builder.skills.pages import footer_links
from builder.sources import Document
from builder.write import MARKER, Staging, write_into

Signature = tuple[int, int, int]  # mtime_ns, size, inode: a file that changed has another


@dataclass
class _ReadFile:
    signature: Signature
    document: Document | None
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
class IncrementalBuilder:
    options: BuildOptions
    read_cache: dict[Path, _ReadFile] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    site: _Site | None = None
    env: Environment | None = None
    template_digest: str = ""
    always: frozenset[str] = frozenset()  # templates that read the whole catalogue: rendered every time

    def read(self, path: Path, reader: Reader, problems: Problems) -> Document | None:
        """A content file as last read, unless it changed on disk since."""
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self.read_cache.get(path)
        if cached is None or cached.signature != signature:
            before = len(problems.items)
            document = reader(path, problems)
            cached = self.read_cache[path] = _ReadFile(signature, document, problems.items[before:])
        else:
            problems.items.extend(cached.problems)
        return cached.document

    @collector_paused
    def rebuild(self) -> BuildResult:
        options = self.options
        progress = Progress(quiet=True)
        problems = Problems()

        progress.step("read")
        content = load_content(options.content_dir, problems, options.today, read=self.read)
        if problems.errors or (options.strict and problems.warnings):
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())

        progress.step("model")
        catalogue = build_catalogue(content, options.today, options.base_url, previous=self.catalogue)
        links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)

        progress.step("index")
        search_files = search.build_search_files(catalogue, options.node_modules)

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
            "search_files": search_files.urls,
            "vocabulary_links": footer_links(catalogue.vocabulary),
        }
        files = {asset.site_path: asset.data for asset in assets.values()}
        files.update(search_files.files)
        files.update(publishing.publishing_files(catalogue, specs, links, env))
        # The search files are named on every page: should that name ever change, every page changes.
        key = (
            global_key(catalogue, digest, options),
            tuple(sorted(asset.site_path for asset in assets.values())),
            tuple(sorted(search_files.urls.items())),
        )
        last = self.site
        if last is None or last.global_key != key or not (options.out_dir / MARKER).exists():
            result = self.full(catalogue, env, specs, extra, files, links, key, problems, progress)
        else:
            result = self.partial(last, catalogue, env, specs, extra, files, links, key, problems, progress)
        if result.ok:
            self.catalogue = catalogue
            result.index_bytes, result.index_gzip_bytes = search_files.index_bytes, search_files.index_gzip_bytes
        return result

    def full(self, catalogue, env, specs, extra, files, links, key, problems, progress) -> BuildResult:
        """What `build` does, remembering what it wrote."""
        options = self.options
        staging = Staging(options.out_dir, protected=[options.content_dir, options.templates_dir, Path.cwd() / ".git"])
        targets: dict[str, set[str]] = {}
        try:
            pages = render_into(staging.path, catalogue, env, specs, extra, workers=options.workers)
            progress.step("check")
            if not self.links_ok(pages, files, links, problems, targets=targets):
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

    def partial(self, last: _Site, catalogue, env, specs, extra, files, links, key, problems, progress) -> BuildResult:
        options = self.options
        always = self.always
        new_specs = {urls.output_file(s.path): s for s in specs}
        changed = [path for path, spec in new_specs.items() if spec.template in always or last.specs.get(path) != spec]
        rendered = {path: render_page(catalogue, env, new_specs[path], extra) for path in changed}
        pages = {path: last.pages[path] for path in new_specs if path in last.pages}
        pages.update({path: page_links(data.decode("utf-8")) for path, data in rendered.items()})

        progress.step("check")
        # Links on pages not rendered again still work unless what they point at is gone or lost an anchor.
        gone = (set(last.specs) - set(new_specs)) | (set(last.files) - set(files))
        gone |= {path for path in rendered if path in last.pages and last.pages[path].ids != pages[path].ids}
        recheck = set(rendered) | {page for target in gone for page in last.targets.get(target, ())}
        targets = {target: set(linking) for target, linking in last.targets.items()}
        if not self.links_ok(pages, files, links, problems, only=recheck, targets=targets):
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())

        progress.step("write")
        self.site = None  # should writing fail half-way, the next rebuild starts from scratch
        out = options.out_dir
        made: set[Path] = set()
        for path in sorted(set(last.specs) - set(new_specs)) + sorted(set(last.files) - set(files)):
            remove(out, path)
        for path in sorted(rendered):
            write_if_changed(out, path, rendered[path], made)
        new_digests = digests(files)
        for path, data in sorted(files.items()):
            if last.files.get(path) != new_digests[path]:
                write_into(out, path, data, made)
        self.site = _Site(key, new_specs, pages, new_digests, targets)
        return BuildResult(
            problems,
            ok=True,
            pages=len(specs),
            files=len(pages) + len(files) + 1,
            seconds=progress.elapsed(),
            steps=progress.finish(),
            rendered=len(rendered),
        )

    def links_ok(self, pages: dict[str, PageLinks], files: dict[str, bytes], links: urls.Links, problems: Problems, **scope: Any) -> bool:
        served_elsewhere = frozenset({self.options.live_reload_script} if self.options.live_reload_script else ())
        for broken in check_pages(pages, set(pages) | set(files), links, served_elsewhere, **scope):
            problems.error(self.options.out_dir / broken.page, broken.line, 1, f"link '{broken.target}' {broken.reason}.")
        return not problems.errors


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

"""The build, as a list of steps: options -> content -> model -> pages -> search index -> checks -> write."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from builder import publishing, search, urls
from builder.assets import collect_assets
from builder.changes import Changes, compare
from builder.config import BuildOptions
from builder.content import load_content
from builder.heap import collector_paused
from builder.linkcheck import check_pages
from builder.model import build_catalogue
from builder.problems import Problems
from builder.render import PageSpec, make_environment, page_specs, render_into
from builder.skills.pages import footer_links
from builder.workers import Forked, worker_count
from builder.write import Staging


@dataclass
class BuildResult:
    problems: Problems
    ok: bool
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    index_bytes: int = 0
    index_gzip_bytes: int = 0
    steps: dict[str, float] = field(default_factory=dict)  # step name -> seconds, in build order
    rendered: int = 0  # pages rendered (an incremental rebuild renders only what changed)
    changes: Changes | None = None  # compared with the output folder before this build replaced it


PROGRESS_FROM_PAGES = 2000
STEP_LABELS = {  # the one-line summary: short Dutch names
    "read": "lezen",
    "model": "model",
    "index": "zoekindex",
    "render": "pagina's",
    "check": "links",
    "write": "schrijven",
}
STEP_NAMES = {
    "read": "content lezen en controleren",
    "model": "model opbouwen",
    "render": "pagina's maken",
    "index": "zoekindex bouwen",
    "check": "links controleren",
    "write": "schrijven",
}


class Progress:
    """Times each step, so a user (and the benchmark) can see where a build spends its time.

    The steps are named on stderr only once the build takes longer than a moment.
    """

    def __init__(self, quiet: bool) -> None:
        self.started = time.perf_counter()
        self.quiet = quiet
        self.steps: dict[str, float] = {}
        self.current: str | None = None
        self.current_started = self.started

    def step(self, name: str) -> None:
        self.finish()
        self.current, self.current_started = name, time.perf_counter()
        if not self.quiet and self.elapsed() > 1.0:
            print(f"  … {STEP_NAMES[name]} ({self.elapsed():.1f} s)", file=sys.stderr)

    def alongside(self, name: str, seconds: float) -> None:
        """A step done at the same time as the current one, in another process (or after it, with one worker):
        shown under its own name; the current step's time stays the time this process spent on it."""
        self.steps[name] = self.steps.get(name, 0.0) + seconds

    def finish(self) -> dict[str, float]:
        now = time.perf_counter()
        if self.current is not None:
            self.steps[self.current] = self.steps.get(self.current, 0.0) + now - self.current_started
        self.current, self.current_started = None, now
        return self.steps

    @contextlib.contextmanager
    def bar(self, total: int) -> Iterator[Callable[[int], None]]:
        """A progress bar with pages per second, for builds big enough to wait for."""
        if self.quiet or total < PROGRESS_FROM_PAGES or not sys.stderr.isatty():
            yield lambda done: None
            return
        with click.progressbar(
            length=total, label="  pagina's", file=sys.stderr, show_pos=True, item_show_func=lambda _: self.rate(total)
        ) as bar:
            yield bar.update

    def rate(self, total: int) -> str:
        seconds = time.perf_counter() - self.current_started
        return f"{total / seconds:.0f}/s" if seconds > 0 else ""

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@collector_paused
def build(options: BuildOptions, *, quiet: bool = False) -> BuildResult:
    progress = Progress(quiet)
    problems = Problems()

    progress.step("read")
    content = load_content(options.content_dir, problems, options.today)
    if problems.errors or (options.strict and problems.warnings):
        return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())
    if options.check_only:
        return BuildResult(problems, ok=True, seconds=progress.elapsed(), steps=progress.finish())

    progress.step("model")
    catalogue = build_catalogue(content, options.today, options.base_url)
    del content  # the parsed files with every value's position: the model holds what it needs (~130 MB at 10,000 courses)
    links = urls.Links(catalogue.site.base_url, catalogue.site.base_path)

    progress.step("render")
    assets = collect_assets(options.templates_dir, options.node_modules)
    env = make_environment(options.templates_dir, links, assets)
    extra = {
        "live_reload_script": options.live_reload_script,
        "search_files": search.file_urls(catalogue),  # fixed names: the pages need not wait for the index
        "vocabulary_links": footer_links(catalogue.vocabulary),
    }
    staging = Staging(options.out_dir, protected=[options.content_dir, options.templates_dir, Path.cwd() / ".git"])
    beside: Forked[tuple[search.SearchFiles, list[str], float]] | None = None
    try:

        def data_files(specs: list[PageSpec] | None) -> tuple[search.SearchFiles, list[str], float]:
            """The search index, feed, open data and (given the page specs) sitemap, written straight into the
            staging folder: (the index's figures without its files, the names written, seconds spent on the index)."""
            started = time.perf_counter()
            search_files = search.build_search_files(catalogue, options.node_modules)
            seconds = time.perf_counter() - started
            names = set(search_files.files)
            for relative, data in sorted(search_files.files.items()):  # written and let go before the next files are made
                staging.write(relative, data)
            search_files.files = {}
            streamed: list[str] = []

            def stream(relative: str, parts: Iterable[bytes]) -> None:
                staging.write_parts(relative, parts)
                streamed.append(relative)

            published = publishing.publishing_files(catalogue, specs, links, env, stream=stream)
            for relative, data in sorted(published.items()):
                staging.write(relative, data)
            return search_files, sorted(names | set(published) | set(streamed)), seconds

        if worker_count(len(catalogue.courses), options.workers) > 1:
            # A process of its own beside this one and the page workers, so its memory never stays in this
            # one; forked before the page specs exist (~200 MB at 50,000 courses it need not share), so the
            # index is made while this process makes them. The sitemap, which needs them, is made here.
            beside = Forked(lambda: data_files(None))
        specs = list(page_specs(catalogue))
        with progress.bar(len(specs)) as advance:

            def rendered(done: int) -> None:
                advance(done)
                if beside:
                    beside.collect()

            pages = render_into(staging.path, catalogue, env, specs, extra, workers=options.workers, progress=rendered)
        if beside:
            search_files, data_names, index_seconds = beside.result()
            beside = None
            sitemaps = publishing.sitemaps(catalogue, specs, env)
            for relative, data in sorted(sitemaps.items()):
                staging.write(relative, data)
            data_names = sorted({*data_names, *sitemaps})
            del sitemaps
        else:
            search_files, data_names, index_seconds = data_files(specs)
        progress.alongside("index", index_seconds)
        if search_files.urls != extra["search_files"]:  # file_urls and the index disagree: the pages name what was made
            extra["search_files"] = search_files.urls
            pages = render_into(staging.path, catalogue, env, specs, extra, workers=options.workers)
        files = {asset.site_path: asset.data for asset in assets.values() if asset.site_path not in data_names}

        progress.step("check")
        served_elsewhere = frozenset({options.live_reload_script} if options.live_reload_script else ())
        for broken in check_pages(pages, set(pages) | set(files) | set(data_names), links, served_elsewhere, read=staging.read):
            problems.error(options.out_dir / broken.page, broken.line, 1, f"link '{broken.target}' {broken.reason}.")
        if problems.errors:
            staging.discard()
            return BuildResult(problems, ok=False, seconds=progress.elapsed(), steps=progress.finish())

        progress.step("write")
        for relative, data in sorted(files.items()):
            staging.write(relative, data)
        changes = compare(options.out_dir, staging.path, catalogue)
        staging.commit()
    except OSError as exc:  # a full disk, a missing permission: one Dutch line, the old site untouched
        if beside:
            beside.stop()  # before the staging folder goes: it may still be writing there
        raise staging.failure(exc) from exc
    except BaseException:
        if beside:
            beside.stop()
        staging.discard()
        raise
    return BuildResult(
        problems,
        ok=True,
        pages=len(specs),
        rendered=len(specs),
        files=len(pages) + len(files) + len(data_names) + 1,
        seconds=progress.elapsed(),
        steps=progress.finish(),
        index_bytes=search_files.index_bytes,
        index_gzip_bytes=search_files.index_gzip_bytes,
        changes=changes,
    )

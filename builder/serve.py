"""`scholing serve`: a preview that never touches the published site.

The preview is built into its own temporary folder (removed when the server stops), with the preview's
address as base URL. After every saved change it is rebuilt in two phases: the pages that show the changed
course first (its own page and the lists it is on; the browser reloads by itself, so a save shows at once even
in a catalogue of 10,000 courses), then, in the background, the other pages that changed (lists in which
courses only moved, overviews), the search data, feed, sitemap and open data (the browser reloads again). When a rebuild
fails, every page of the preview shows the problems (in Dutch, with file and line) until the next good
build, and the terminal says the same in one block. Only Dutch lines are printed: the livereload and
tornado loggers are silenced.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import mimetypes
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click
from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from builder.build import BuildResult
from builder.config import UsageError, make_options
from builder.failures import system_failure
from builder.incremental import IncrementalBuilder
from builder.problems import Problem
from builder.watch import ChangeWatcher
from builder.write import OutputError

PORTS_TO_TRY = 20


@dataclass
class PreviewState:
    """What the browser should see: the last good build, or the problems of the last failed one."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port(host: str, wanted: int) -> int | None:
    for port in range(wanted, wanted + PORTS_TO_TRY):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    return None


def silence_english_logging() -> None:
    for name in ("livereload", "tornado", "tornado.access", "tornado.application", "tornado.general"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = False
        logger.disabled = True


class QuietServer(Server):
    def _setup_logging(self) -> None:  # livereload would add an English console handler here
        silence_english_logging()

    def get_web_handlers(self, script: bytes) -> list:
        # livereload would inject an inline script, which the pages' Content-Security-Policy (rightly) blocks;
        # the pages load /livereload.js themselves (BuildOptions.live_reload_script).
        return super().get_web_handlers(b"")


def error_page(problems: Iterable[Problem], root: Path, reload_script: str) -> bytes:
    problems = list(problems)
    errors = [p for p in problems if p.severity == "error"]
    items = "\n".join(
        f'<li><code>{html.escape(str(p.format(root)).split(": ", 1)[0])}</code> {html.escape(p.format(root).split(": ", 1)[1])}</li>'
        for p in problems
    )
    count = f"{len(errors)} fout" + ("en" if len(errors) != 1 else "")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview niet bijgewerkt: {count}</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0; padding: 1.5rem; color: #1a1a1a; background: #fff8f6; }}
main {{ max-width: 60rem; margin: 0 auto; }}
h1 {{ color: #9b1c1c; font-size: 1.5rem; }}
ol {{ padding-left: 1.25rem; }}
li {{ margin: 0 0 .75rem; overflow-wrap: anywhere; }}
code {{ display: block; font-weight: 700; }}
</style>
<script src="{html.escape(reload_script)}" defer></script>
</head>
<body>
<main data-preview-error>
<h1>De preview is niet bijgewerkt: {count}</h1>
<p>Los dit op in je editor en sla het bestand op. Deze pagina ververst dan vanzelf.
Zolang er fouten zijn, wordt er ook niets gepubliceerd.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
""".encode()


def static_app(state: PreviewState, root: Path, reload_script: str) -> Callable:
    """A tiny WSGI app: the preview folder, or the error page while the last rebuild failed."""

    def app(environ: dict, start_response: Callable) -> list[bytes]:
        path = environ.get("PATH_INFO", "/")
        with state.lock:
            failed, problems, folder = state.failed, list(state.problems), state.folder
        wants_page = path.endswith("/") or path.endswith(".html")
        if failed and wants_page:
            body = error_page(problems, root, reload_script)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
            return [body]
        target = (folder / path.lstrip("/")).resolve()
        if target.is_dir():
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/")])
                return [b""]
            target = target / "index.html"
        if not target.is_file() or not target.is_relative_to(folder.resolve()):
            not_found = folder / "404.html"
            body = not_found.read_bytes() if not_found.is_file() else b"Niet gevonden"
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
            return [body]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [target.read_bytes()]

    return app


def serve(content: str, templates: str, host: str, port: int) -> int:
    try:
        make_options(content, templates, "site")  # the folders to watch must exist
    except UsageError as exc:
        click.echo(f"Fout: {exc}", err=True)
        return 2
    chosen = free_port(host, port)
    if chosen is None:
        click.echo(f"Fout: poort {port} tot en met {port + PORTS_TO_TRY - 1} zijn bezet. Kies een andere met --port.", err=True)
        return 2
    if chosen != port:
        click.echo(f"Poort {port} is bezet; de preview gebruikt poort {chosen}.")
    base_url = f"http://{host}:{chosen}/"
    reload_script = f"{base_url}livereload.js?port={chosen}"
    workspace = Path(tempfile.mkdtemp(prefix="scholing-preview-"))
    state = PreviewState(workspace / "site")
    root = Path.cwd()
    engines: list[IncrementalBuilder] = []  # one, kept between saves: it redoes only what a save changed
    engine_lock = threading.Lock()  # phase 2 runs in a thread; a save meanwhile waits for it
    background: list[threading.Thread] = []

    def show(result: BuildResult, reason: str, seconds: float, done: str) -> None:
        with state.lock:
            state.failed = not result.ok
            state.problems = result.problems.ordered() if not result.ok else []
        for line in result.problems.report_lines(root):
            click.echo(line, err=True)
        if result.ok:
            click.echo(done)
        else:
            click.echo(
                f"{reason}: niet gelukt ({len(result.problems.errors)} fout(en), {seconds:.1f} s). "
                "De browser toont de fouten; na je volgende opslag probeer ik het opnieuw.",
                err=True,
            )

    def guarded(run: Callable[[], BuildResult]) -> BuildResult | None:
        try:
            return run()
        except UsageError as exc:
            click.echo(f"Fout: {exc}", err=True)
        except (OutputError, OSError) as exc:  # a full disk must not stop the preview server
            click.echo(f"Fout: {system_failure(exc)}", err=True)
            engines.clear()  # what it remembers of the output may no longer be true: start afresh
        return None

    def finish(started: float, reload: Callable[[], None]) -> None:
        """Phase 2, off the server's thread so the reloaded page is served meanwhile."""
        with engine_lock:
            if not engines or engines[0].pending is None:
                return  # overtaken by a newer save, which brings its own phase 2
            phase_started = time.perf_counter()
            result = guarded(engines[0].finish)
        if result is None:
            return
        now = time.perf_counter()
        show(
            result,
            "Overige pagina's, zoekdata, feed, sitemap en open data",
            now - phase_started,
            f"Overige pagina's ({result.rendered}), zoekdata, feed, sitemap en open data bijgewerkt in {now - phase_started:.1f} s; "
            f"alles klaar na {now - started:.1f} s.",
        )
        reload()

    def rebuild(reason: str, changed: list[str] | None = None) -> None:
        """`changed`: the files the watcher saw change; every other content file is taken as last read."""
        started = time.perf_counter()
        with engine_lock:
            if not engines:
                options = make_options(content, templates, state.folder, base_url=base_url, live_reload_script=reload_script)
                engines.append(IncrementalBuilder(options))
                changed = None  # a new engine reads everything
            engine = engines[0]
            result = guarded(lambda: engine.rebuild(defer=True, changed=changed))
            pending = bool(engines) and engines[0].pending is not None
        if result is None:
            return
        seconds = time.perf_counter() - started
        later = "; overige pagina's, zoekdata, feed, sitemap en open data volgen" if pending else ""
        show(result, reason, seconds, f"{reason}: {result.rendered} van {result.pages} pagina's gemaakt in {seconds:.1f} s{later}.")
        if pending:
            loop = IOLoop.current()
            thread = threading.Thread(
                target=finish, args=(started, lambda: loop.add_callback(LiveReloadHandler.reload_waiters)), daemon=True
            )
            background[:] = [thread]
            thread.start()

    def stop(signum: int, frame: object) -> None:
        """SIGTERM: end the server's loop, so the clean-up below runs. An exception raised here could land in
        whatever the main thread runs at that moment (a weakref callback swallowed it: the preview ran on)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise KeyboardInterrupt from None  # not serving yet (the first build): stop where it is
        loop.call_soon_threadsafe(loop.stop)

    silence_english_logging()
    previous = signal.signal(signal.SIGTERM, stop)
    def warm_up() -> None:
        with engine_lock:
            if engines:
                engines[0].warm_up()

    watcher: ChangeWatcher | None = None
    try:
        rebuild("Gebouwd")
        background[:] = [threading.Thread(target=warm_up, daemon=True)]  # so the first save is as quick as later ones
        background[0].start()
        # livereload skips the browser reload for a save within 3 s of the previous one; the rebuild has run by
        # then, so the browser would show an outdated page (or miss the error page). Reload after every rebuild.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
        watcher = ChangeWatcher()
        server = QuietServer(app=static_app(state, root, reload_script), watcher=watcher)
        server.watch(content, lambda paths: rebuild("Opnieuw gebouwd", paths))
        server.watch(templates, lambda paths: rebuild("Opnieuw gebouwd", paths))
        click.echo(f"Bekijk de preview op {base_url} (stoppen: Ctrl+C). De map site/ blijft onaangeroerd.")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve(host=host, port=chosen, restart_delay=0, debug=False)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if watcher is not None:
            watcher.stop()
        for thread in background:
            thread.join(timeout=60)  # a phase 2 still writing into the workspace
        shutil.rmtree(workspace, ignore_errors=True)
        click.echo("Preview gestopt; de tijdelijke map is opgeruimd.")
    return 0

"""Serving a built site on localhost and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    override = os.environ.get("CHROMIUM")
    for candidate in (override, *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium ontbreekt: installeer het met 'apt-get install -y chromium' (make test doet dat).")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves like a static host: /x/ -> x/index.html, unknown paths -> the site's 404.html."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and self.not_found_page and self.not_found_page.exists():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection early is not a test failure


@contextlib.contextmanager
def serve_directory(root: Path, mount: str = "/") -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:PORT{mount}; yields that URL. mount='/scholing/' tests sub-paths."""
    root = root.resolve()
    if mount != "/":
        import tempfile

        holder = Path(tempfile.mkdtemp(prefix="serve-"))
        link = holder / mount.strip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(root, target_is_directory=True)
        served = holder
    else:
        served = root
    handler = type("Handler", (_QuietHandler,), {"not_found_page": root / "404.html"})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch_chromium(javascript: bool = True) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def crawl(page, start: str, links_selector: str = "a[href]", keep=lambda url: True) -> set[str]:
    """Visit every page reachable from `start` through links inside the site; returns the URLs seen."""
    seen: set[str] = set()
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        for href in page.eval_on_selector_all(links_selector, "links => links.map(a => a.href)"):
            target = href.split("#")[0]
            if target.startswith(start) and keep(target) and target not in seen:
                queue.append(target)
    return seen

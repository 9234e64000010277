"""`scholing serve`: the preview an editor keeps open while writing. It never touches site/, shows a broken
save in the browser in Dutch, and recovers by itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEMPLATES, run_build
from tests.test_content import replace

COURSE = "courses/vca-basis.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost only)
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the error page answers 500, with the problems in it
        return error.read().decode("utf-8")


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"na {seconds} s nog niet: {what}")


@dataclass
class Preview:
    url: str
    log: Path
    process: subprocess.Popen
    workdir: Path  # the editor's project folder, with a published site/ in it

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporary_folder(workdir: Path) -> Path:
    folder = workdir.parent / f"{workdir.name}-tmp"
    folder.mkdir(exist_ok=True)
    return folder


def start_preview(content: Path, workdir: Path, port: int) -> Preview:
    log = workdir / "serve.log"
    output = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "--content", str(content), "--templates", str(TEMPLATES), "--port", str(port)],
        cwd=workdir,
        stdout=output,
        stderr=subprocess.STDOUT,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "SCHOLING_NODE_MODULES": str(ROOT / "node_modules"),
            "TMPDIR": str(temporary_folder(workdir)),
        },
    )
    return Preview(f"http://127.0.0.1:{port}/", log, process, workdir)


@pytest.fixture
def preview(content_copy: Path, tmp_path: Path) -> Iterator[Preview]:
    workdir = tmp_path / "project"
    workdir.mkdir()
    assert run_build(content_copy, workdir / "site").ok
    running = start_preview(content_copy, workdir, free_port())
    try:
        wait_until(lambda: "<h1>" in fetch(running.url), 90, "de preview antwoordt")
        yield running
    finally:
        if running.process.poll() is None:
            running.stop()


def test_preview_serves_the_site_with_live_reload(preview: Preview):
    home = fetch(preview.url)
    assert "livereload.js" in home
    assert 'href="/opleidingen/"' in home
    assert f'<link rel="canonical" href="{preview.url}">' in home  # absolute URLs point at the preview, not the real site
    assert "VCA Basis" in fetch(preview.url + "opleidingen/vca-basis/")


def test_broken_save_shows_dutch_errors_in_the_browser_and_recovers(preview: Preview, content_copy: Path):
    page = preview.url + "opleidingen/vca-basis/"
    replace(content_copy / COURSE, "title: 'VCA Basis: veilig werken'", "title: 'VCA Basis: veilig werken op hoogte'")
    wait_until(lambda: "VCA Basis: veilig werken op hoogte" in fetch(page), 90, "de nieuwe titel staat op de pagina")
    replace(content_copy / COURSE, "level: geen", "level: mbo-9")
    wait_until(lambda: "De preview is niet bijgewerkt" in fetch(page), 90, "de foutpagina")
    error_page = fetch(page)
    assert "vca-basis.yaml:" in error_page and "onbekend niveau &#x27;mbo-9&#x27;" in error_page
    assert "livereload.js" in error_page  # so it reloads by itself once fixed
    assert "niet gelukt (1 fout(en)" in preview.log.read_text()
    replace(content_copy / COURSE, "level: mbo-9", "level: geen")
    wait_until(lambda: "VCA Basis: veilig werken op hoogte" in fetch(page), 90, "de pagina is terug")


def test_preview_leaves_site_untouched_cleans_up_and_speaks_dutch(preview: Preview, content_copy: Path):
    before = snapshot(preview.workdir / "site")
    replace(content_copy / COURSE, "title: 'VCA Basis: veilig werken'", "title: 'VCA Basis: anders'")
    wait_until(lambda: "VCA Basis: anders" in fetch(preview.url + "opleidingen/vca-basis/"), 90, "herbouwd")
    # phase 2, after the page: the open data and the feed follow
    wait_until(lambda: "VCA Basis: anders" in fetch(preview.url + "data/opleidingen.json"), 90, "open data bijgewerkt")
    assert [p.name[: len("scholing-preview-")] for p in temporary_folder(preview.workdir).iterdir()] == ["scholing-preview-"]
    preview.stop()
    assert snapshot(preview.workdir / "site") == before
    assert sorted(p.name for p in preview.workdir.iterdir()) == ["serve.log", "site"]
    assert list(temporary_folder(preview.workdir).iterdir()) == []  # the preview's own folder is gone
    log = preview.log.read_text()
    assert "Preview gestopt; de tijdelijke map is opgeruimd." in log
    assert "Opnieuw gebouwd: " in log and "pagina's gemaakt in " in log
    assert "zoekdata, feed, sitemap en open data volgen" in log and "open data bijgewerkt in " in log
    for english in ("Serving on", "Browser", "Traceback", "INFO", "WARNING", "Start watching"):
        assert english not in log, english


def test_busy_port_takes_the_next_free_one(content_copy: Path, tmp_path: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        running = start_preview(content_copy, tmp_path, port)
        try:
            wait_until(lambda: "Bekijk de preview op" in running.log.read_text(), 90, "de preview start")
            log = running.log.read_text()
            assert f"Poort {port} is bezet; de preview gebruikt poort" in log
        finally:
            running.stop()
    assert not (tmp_path / "site").exists()

"""`scholing serve`: the preview an editor keeps open while writing, rebuilt on every saved change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEMPLATES
from tests.test_content import replace

COURSE = "courses/vca-basis.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost only)
        return response.read().decode("utf-8")


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


@pytest.fixture
def preview(content_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "builder.cli",
                "serve",
                "--content",
                str(content_copy),
                "--templates",
                str(TEMPLATES),
                "--out",
                str(tmp_path / "site"),
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until(lambda: "<h1>" in fetch(url), 90, "de preview antwoordt")
            yield url, log, process
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_preview_serves_the_site_with_live_reload(preview):
    url, _, _ = preview
    home = fetch(url)
    assert "livereload.js" in home
    assert 'href="/opleidingen/"' in home
    assert f'<link rel="canonical" href="{url}">' in home  # absolute URLs point at the preview, not the real site
    assert "VCA Basis" in fetch(url + "opleidingen/vca-basis/")


def test_saved_change_is_rebuilt_and_a_broken_save_keeps_the_last_good_site(preview, content_copy: Path):
    url, log, _ = preview
    page = url + "opleidingen/vca-basis/"
    replace(content_copy / COURSE, "title: 'VCA Basis: veilig werken'", "title: 'VCA Basis: veilig werken op hoogte'")
    wait_until(lambda: "VCA Basis: veilig werken op hoogte" in fetch(page), 90, "de nieuwe titel staat op de pagina")
    replace(content_copy / COURSE, "level: geen", "level: mbo-9")
    wait_until(lambda: "Niet gebouwd" in log.read_text(), 90, "de fout staat in het logboek")
    text = log.read_text()
    assert "vca-basis.yaml:" in text and "mbo-9" in text
    assert "VCA Basis: veilig werken op hoogte" in fetch(page)  # the last good build is still served

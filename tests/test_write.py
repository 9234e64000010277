"""Writing the site: the old site survives every failure byte for byte, the swap is atomic, leftovers are swept."""

from __future__ import annotations

import errno
import fcntl
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from builder import write
from builder.config import UsageError
from builder.write import MARKER, OutputError, publish

ROOT = Path(__file__).resolve().parent.parent
OLD_SITE = {"index.html": b"oud", "opleidingen/a/index.html": b"<p>a</p>", "assets/x.css": b"body{}"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replaces_only_its_own_folder(tmp_path: Path):
    out = tmp_path / "site"
    publish({"index.html": b"een", "a/b.txt": b"x"}, out, protected=[])
    publish({"index.html": b"twee"}, out, protected=[])
    assert (out / "index.html").read_bytes() == b"twee"
    assert not (out / "a").exists() and (out / MARKER).exists()
    assert names(tmp_path) == ["site"]  # no staging or retired folders left


def test_refuses_protected_and_foreign_folders(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(UsageError):
        publish({"index.html": b""}, tmp_path, protected=[content])
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("blijft")
    with pytest.raises(UsageError):
        publish({"index.html": b""}, foreign, protected=[])
    assert (foreign / "keep.txt").read_text() == "blijft"


@pytest.mark.parametrize("atomic", [True, False], ids=["renameat2", "two-renames"])
def test_swap_paths_both_publish_the_whole_new_site(tmp_path: Path, monkeypatch, atomic: bool):
    if atomic and write.renameat2 is None:
        pytest.skip("no renameat2 on this system")
    if not atomic:
        monkeypatch.setattr(write, "renameat2", None)
    swaps: list[bool] = []
    original = write.exchange
    monkeypatch.setattr(write, "exchange", lambda a, b: swaps.append(original(a, b)) or swaps[-1])
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    publish({"index.html": b"nieuw", "b.txt": b"b"}, out, protected=[])
    assert snapshot(out) == {MARKER: b"", "b.txt": b"b", "index.html": b"nieuw"}
    assert swaps == [atomic]
    assert names(tmp_path) == ["site"]


def test_with_renameat2_the_output_folder_never_goes_missing(tmp_path: Path):
    if write.renameat2 is None:
        pytest.skip("no renameat2 on this system")
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (out / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for round_ in range(40):
            publish({"index.html": str(round_).encode()}, out, protected=[])
    finally:
        done.set()
        watcher.join()
    assert missing == []


def full_disk_after(monkeypatch, files_written: int) -> None:
    """Path.write_bytes fails with ENOSPC once `files_written` files are in a staging folder."""
    original = pathlib.Path.write_bytes
    count = [0]

    def write_bytes(self, data):
        if ".new-" in str(self):
            count[0] += 1
            if count[0] > files_written:
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)


def test_full_disk_leaves_the_old_site_and_says_how_much_was_needed(tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    before = snapshot(out)
    full_disk_after(monkeypatch, 2)
    with pytest.raises(OutputError) as failure:
        publish({f"pagina-{i}.html": b"x" * 100_000 for i in range(30)}, out, protected=[])
    message = str(failure.value)
    assert message.startswith(f"de schijf is vol: de nieuwe site past niet in '{tmp_path}' (nodig: ongeveer ")
    assert "vrij: " in message and message.endswith("De vorige versie van de site is niet aangeraakt.")
    assert "\n" not in message
    assert snapshot(out) == before
    assert names(tmp_path) == ["site"]


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 1 MB tmpfs, when this machine lets us mount one (root, not in a locked-down container)."""
    mount_point = tmp_path / "schijf"
    mount_point.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("mount is not available")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False, timeout=20)


def test_a_really_full_disk(small_disk: Path):
    out = small_disk / "site"
    publish(OLD_SITE, out, protected=[])
    before = snapshot(out)
    with pytest.raises(OutputError) as failure:
        publish({f"pagina-{i}.html": os.urandom(100_000) for i in range(20)}, out, protected=[])
    assert str(failure.value).startswith("de schijf is vol: de nieuwe site past niet in ")
    assert "nodig: ongeveer 2,0 MB" in str(failure.value)
    assert snapshot(out) == before
    assert names(small_disk) == ["site"]


def test_no_permission_in_the_output_parent_is_one_line(tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    before = snapshot(out)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".site.new-abc"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(OutputError) as failure:
        publish({"index.html": b"nieuw"}, out, protected=[])
    assert str(failure.value).startswith(f"kan niet schrijven in '{tmp_path}/.site.new-abc': geen toestemming (rechten ontbreken).")
    assert f"klaar in '{tmp_path}'" in str(failure.value)
    assert snapshot(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root; the simulated EACCES test covers it")
def test_a_really_read_only_output_parent(tmp_path: Path):
    parent = tmp_path / "alleen-lezen"
    parent.mkdir()
    out = parent / "site"
    publish(OLD_SITE, out, protected=[])
    before = snapshot(out)
    parent.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="geen toestemming"):
            publish({"index.html": b"nieuw"}, out, protected=[])
    finally:
        parent.chmod(0o755)
    assert snapshot(out) == before


NOT_OURS = """
import sys
from pathlib import Path
from builder.write import OutputError, publish
try:
    publish({"index.html": b"nieuw"}, Path(sys.argv[1]), [])
except OutputError as failure:
    print(failure)
    sys.exit(1)
"""


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists(), reason="needs root to become another user")
def test_a_really_read_only_output_parent_for_another_user():
    """As root, permissions do not bind: the build runs as 'nobody' in a folder only root may write to."""
    python = Path("/usr/bin/python3")
    if not python.exists() or subprocess.run([python, "-c", "import sys; sys.exit(sys.version_info < (3, 11))"]).returncode:
        pytest.skip("no system Python 3.11+ that another user may run")
    parent = Path(tempfile.mkdtemp(prefix="scholing-alleen-lezen-"))
    try:
        parent.chmod(0o755)
        out = parent / "site"
        publish(OLD_SITE, out, protected=[])
        before = snapshot(out)
        done = subprocess.run(
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", python, "-c", NOT_OURS, str(out)],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            cwd="/",
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(f"kan niet schrijven in '{parent}/.site.new-") and "geen toestemming" in done.stdout
        assert done.stderr == ""  # no traceback
        assert snapshot(out) == before and names(parent) == ["site"]
    finally:
        shutil.rmtree(parent)


def leftover(parent: Path, kind: str, *, marker: bool = True, files: int = 3) -> Path:
    folder = parent / f".site.{kind}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    if marker:
        (folder / MARKER).write_bytes(b"")
    for i in range(files):
        (folder / f"pagina-{i}.html").write_bytes(b"half")
    return folder


def test_leftovers_of_killed_builds_are_swept_but_not_others(tmp_path: Path):
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    dead_staging = leftover(tmp_path, "new")
    dead_retired = leftover(tmp_path, "old")
    old_empty = leftover(tmp_path, "new", marker=False, files=0)
    os.utime(old_empty, (time.time() - 3600, time.time() - 3600))
    fresh_empty = leftover(tmp_path, "new", marker=False, files=0)  # a build that has only just begun
    foreign = leftover(tmp_path, "new", marker=False)  # not provably ours
    running = leftover(tmp_path, "new")
    held = os.open(running / MARKER, os.O_RDWR)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
    try:
        publish({"index.html": b"nieuw"}, out, protected=[])
    finally:
        os.close(held)
    assert not dead_staging.exists() and not dead_retired.exists() and not old_empty.exists()
    assert fresh_empty.exists() and foreign.exists() and running.exists()
    assert (out / "index.html").read_bytes() == b"nieuw"


def test_a_build_killed_between_its_two_renames_gets_its_old_site_back(tmp_path: Path):
    retired = leftover(tmp_path, "old")
    (retired / "index.html").write_bytes(b"oud")
    write.sweep_leftovers(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_bytes() == b"oud"
    assert names(tmp_path) == ["site"]


HALF_BUILD = """
import sys, time
from pathlib import Path
from builder.write import Staging
staging = Staging(Path(sys.argv[1]), [])
for i in range(5):
    staging.write(f"pagina-{i}.html", b"x" * 1000)
print(staging.path, flush=True)
time.sleep(600)
"""


def half_build(out: Path) -> tuple[subprocess.Popen, Path]:
    process = subprocess.Popen([sys.executable, "-c", HALF_BUILD, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_killed_build_is_swept_while_a_running_one_is_left_alone(tmp_path: Path):
    out = tmp_path / "site"
    publish(OLD_SITE, out, protected=[])
    before = snapshot(out)
    killed, killed_staging = half_build(out)
    running, running_staging = half_build(out)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert killed_staging.is_dir() and snapshot(out) == before  # what a kill mid-write leaves
        publish({"index.html": b"nieuw"}, out, protected=[])
        assert not killed_staging.exists()
        assert (running_staging / "pagina-4.html").is_file()  # a running build keeps its folder
    finally:
        running.kill()
        running.wait(timeout=30)
    publish({"index.html": b"nieuwer"}, out, protected=[])
    assert names(tmp_path) == ["site"]


CONCURRENT_BUILDS = """
import sys
from pathlib import Path
from builder import write
from builder.write import publish
name = sys.argv[2]
if sys.argv[3] == "two-renames":
    write.renameat2 = None
for round_ in range(15):
    publish({"index.html": name.encode(), f"{name}.txt": str(round_).encode()}, Path(sys.argv[1]), [])
"""


@pytest.mark.parametrize("swap", ["renameat2", "two-renames"])
def test_two_concurrent_builds_both_succeed_and_leave_one_whole_site(tmp_path: Path, swap: str):
    if swap == "renameat2" and write.renameat2 is None:
        pytest.skip("no renameat2 on this system")
    out = tmp_path / "site"
    processes = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_BUILDS, str(out), name, swap], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    results = [(process.wait(timeout=120), process.stderr.read() if process.stderr else "") for process in processes]
    assert results == [(0, ""), (0, "")]
    site = snapshot(out)
    winner = site["index.html"].decode()
    assert site == {MARKER: b"", "index.html": winner.encode(), f"{winner}.txt": b"14"}
    assert names(tmp_path) == ["site"]


def test_readme_reliability_promises_name_tests_that_exist():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Betrouwbaarheid") :].split("\n## ", 1)[0]
    named = re.findall(r"`(tests/[\w/]+\.py)?::(\w+)`", section)
    assert len(named) >= 15
    current = ""
    for file, test in named:
        current = file or current
        assert f"def {test}(" in (ROOT / current).read_text(encoding="utf-8"), f"{current}::{test}"


def test_a_full_disk_in_the_process_writing_the_search_data_keeps_the_old_site(tmp_path: Path, monkeypatch):
    """With two workers the search data, sitemap, feed and open data are written by a forked process of
    their own: its failure fails the build as one line, and neither it nor a half-built site is left."""
    from builder import publishing
    from tests.conftest import SAMPLE, run_build

    out = tmp_path / "site"
    assert run_build(SAMPLE, out, workers=2).ok
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "data"))

    monkeypatch.setattr(publishing, "publishing_files", full_disk)  # reaches the forked process: it inherits this one
    with pytest.raises(OutputError, match="past niet"):
        run_build(SAMPLE, out, workers=2)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

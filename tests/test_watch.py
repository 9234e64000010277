"""The preview's watcher: the operating system's change events reach the rebuild, with the paths that changed."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

from tornado.ioloop import IOLoop

from builder.watch import ChangeWatcher, worth_a_rebuild


def run_watcher(folder: Path, edit, seconds: float = 3.0) -> list[list[str]]:
    """Start a watcher on `folder`, make `edit` once it runs, and return what its task was given.

    In a thread of its own, with its own event loop, as the preview's server thread has: the browser tests
    leave Playwright's loop running in the main thread."""
    calls: list[list[str]] = []
    failures: list[BaseException] = []

    def serve() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        watcher = ChangeWatcher()
        watcher.watch(str(folder), calls.append)
        try:
            assert watcher.start(lambda: watcher.examine()) is True  # no polling
            loop.call_later(0.3, edit)
            loop.call_later(seconds, loop.stop)
            loop.start()
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)
        finally:
            watcher.stop()
            loop.close(all_fds=True)

    thread = threading.Thread(target=serve)
    thread.start()
    thread.join(timeout=seconds + 30)
    assert not thread.is_alive() and not failures, failures
    return calls


def test_a_save_reaches_the_task_with_its_path(tmp_path: Path):
    course = tmp_path / "courses" / "lassen.yaml"
    course.parent.mkdir()
    course.write_text("title: Lassen\n", encoding="utf-8")
    calls = run_watcher(tmp_path, lambda: course.write_text("title: Lassen MIG/MAG\n", encoding="utf-8"))
    assert calls, "the task never ran"
    assert str(course) in {path for call in calls for path in call}
    assert all(os.path.isabs(path) for call in calls for path in call)


def test_a_save_by_rename_and_a_deletion_name_the_file(tmp_path: Path):
    course = tmp_path / "lassen.yaml"
    course.write_text("title: Lassen\n", encoding="utf-8")
    gone = tmp_path / "oud.yaml"
    gone.write_text("title: Oud\n", encoding="utf-8")

    def edit() -> None:  # how many editors save: a new file, renamed over the old one
        scratch = tmp_path / ".lassen.yaml.tmp"
        scratch.write_text("title: Lassen 2\n", encoding="utf-8")
        os.replace(scratch, course)
        gone.unlink()

    seen = {path for call in run_watcher(tmp_path, edit) for path in call}
    assert {str(course), str(gone)} <= seen


def test_editors_scratch_files_start_no_rebuild():
    assert not worth_a_rebuild("/c/courses/.lassen.yaml.swp")
    assert not worth_a_rebuild("/c/courses/lassen.yaml~")
    assert not worth_a_rebuild("/c/courses/4913")
    assert worth_a_rebuild("/c/courses/lassen.yaml")

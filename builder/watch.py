"""The preview's file watcher: the operating system says which files changed (inotify, FSEvents, ReadDirectoryChanges,
through watchdog), so a save starts a rebuild at once and the rebuild knows which files to read again.

livereload's own watcher globs and stats every file every 0.8 s: at 10,000 course files that is a tenth of a
second of work, several times a second, and a save waits up to 0.8 s before anything happens.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SETTLE_SECONDS = 0.05  # an editor's save is often several events (write, rename, chmod): one rebuild for them all
IGNORED_ENDINGS = ("~", ".swp", ".swx", ".tmp", ".part")  # editors' scratch files, never content


def worth_a_rebuild(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith((".", "#")) and not name.endswith(IGNORED_ENDINGS) and name != "4913"  # vim's probe file


class _Handler(FileSystemEventHandler):
    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.report(os.fsdecode(path))


class ChangeWatcher(Watcher):
    """A livereload watcher fed by the operating system. `watch(folder, task)`: `task(paths)` runs in the server's
    thread with the absolute paths that changed under `folder` since the last call (folders and deletions too)."""

    def __init__(self) -> None:
        super().__init__()
        self.observer = Observer()
        self.lock = threading.Lock()
        self.changed: set[str] = set()
        self.loop: IOLoop | None = None
        self.callback: Callable[[], None] | None = None
        self.scheduled = False

    def watch(self, path: str, func: Callable[..., Any] | None = None, delay: Any = None, ignore: Any = None) -> None:
        folder = os.path.abspath(path)
        self._tasks[folder] = {"func": func, "delay": delay, "ignore": ignore, "mtimes": {}}
        self.observer.schedule(_Handler(self.report), folder, recursive=True)

    def start(self, callback: Callable[[], None]) -> bool:
        """Called by livereload once the server runs: True means it need not poll."""
        if self.loop is None:
            self.loop, self.callback = IOLoop.current(), callback
            self.observer.daemon = True
            self.observer.start()
        return True

    def stop(self) -> None:
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join(timeout=5)

    def report(self, path: str) -> None:
        """From watchdog's thread: note the path, and wake the server's thread once the save has settled."""
        if not worth_a_rebuild(path):
            return
        with self.lock:
            self.changed.add(os.path.abspath(path))
            if self.scheduled or self.loop is None:
                return
            self.scheduled = True
        loop = self.loop
        loop.add_callback(lambda: loop.call_later(SETTLE_SECONDS, self.poll))

    def poll(self) -> None:
        with self.lock:
            self.scheduled = False
        if self.callback is not None:
            self.callback()  # livereload's poll_tasks: calls `examine`, then reloads the browsers

    def examine(self) -> tuple[str | None, Any]:
        with self.lock:
            changed, self.changed = self.changed, set()
        self.filepath = None
        for folder, task in self._tasks.items():
            mine = sorted(path for path in changed if path == folder or path.startswith(folder + os.sep))
            if mine and task["func"] is not None:
                self.filepath = mine[0]
                task["func"](mine)
        if self.filepath is None and self._changes:  # livereload's own message at start
            return self._changes.pop()
        return self.filepath, None


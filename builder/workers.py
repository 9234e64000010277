"""How many processes a build uses, and a forked pool over the items of one step (deterministic order)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

R = TypeVar("R")

POOL_FROM_ITEMS = 400  # below this, starting worker processes costs more than it saves


def worker_count(items: int, requested: int | None = None) -> int:
    """SCHOLING_WORKERS or `requested` overrides; otherwise every core, for steps big enough to gain."""
    if requested is None and os.environ.get("SCHOLING_WORKERS", "").isdigit():
        requested = int(os.environ["SCHOLING_WORKERS"])
    if requested is not None:
        return max(requested, 1)
    if items < POOL_FROM_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return os.cpu_count() or 1


def leave_signals_to_parent() -> None:
    """A forked worker inherits handlers such as the preview's SIGTERM -> KeyboardInterrupt; the pool ends its
    workers with SIGTERM, which then printed a traceback. Workers die quietly; Ctrl+C is the parent's business."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what forked workers run; inherited, never pickled


def _run_batch(batch: range) -> list[Any]:
    assert _task is not None
    work, items = _task
    return [work(items[n]) for n in batch]


def map_in_workers(work: Callable[[Any], Any], items: Sequence[Any], count: int, batch: int = 64) -> Iterator[Any]:
    """`work(item)` for every item, in order, over `count` forked processes (in this one when count is 1).

    `work` and the items reach the workers by fork, so they need not be picklable; the results must be."""
    global _task
    if count <= 1:
        yield from map(work, items)
        return
    batches = [range(start, min(start + batch, len(items))) for start in range(0, len(items), batch)]
    _task = (work, items)
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=leave_signals_to_parent) as pool:
            for done in pool.imap(_run_batch, batches):
                yield from done
    finally:
        _task = None


class Forked(Generic[R]):
    """`work()` in a process forked now, beside this one; `result()` waits for what it returned or raises what it raised.

    For work whose memory should not stay in this process (the search index: at 50,000 courses its
    peak stayed in the parent's heap as ~400 MB it could not give back). `work` reaches the process
    by fork, so it need not be picklable; its result and its exception must be."""

    def __init__(self, work: Callable[[], R]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_forked, args=(work, send), daemon=True)
        self._process.start()
        send.close()
        self._outcome: tuple[bool, Any] | None = None

    def collect(self) -> None:
        """Take the outcome if it is there, without waiting: a result bigger than the pipe holds (the names
        of 7,855 search files at 50,000 courses) otherwise kept the process, and its memory, until `result`."""
        if self._outcome is None and self._receive.poll():
            self._take()

    def result(self) -> R:
        if self._outcome is None:
            self._take()
        assert self._outcome is not None
        self._process.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def _take(self) -> None:
        try:
            self._outcome = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"een werkproces van de build stopte onverwacht (exitcode {self._process.exitcode})") from None
        finally:
            self._receive.close()

    def stop(self) -> None:
        """End the process if it still runs (the build failed elsewhere)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _run_forked(work: Callable[[], Any], send: Connection) -> None:
    leave_signals_to_parent()
    try:
        outcome: tuple[bool, Any] = (True, work())
    except BaseException as exc:  # noqa: BLE001 - the parent raises it
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an exception that does not pickle still reaches the parent, as text
        send.send((False, RuntimeError(f"{outcome[1]!r} ({exc})")))
    send.close()

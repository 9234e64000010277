"""How many processes a build uses, and a forked pool over the items of one step (deterministic order)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any

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

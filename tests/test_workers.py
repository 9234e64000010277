"""A forked process beside the build (`workers.Forked`): its result, its failure, and that it ends when done."""

from __future__ import annotations

import time

import pytest

from builder.workers import Forked


def test_a_result_bigger_than_the_pipe_holds_is_collected_and_the_process_ends_before_it_is_asked_for():
    names = [f"assets/search/f.{n:010x}.json" for n in range(20_000)]  # ~700 KB pickled: ten times a pipe's buffer
    forked = Forked(lambda: names)
    deadline = time.monotonic() + 30
    while forked._process.is_alive() and time.monotonic() < deadline:
        forked.collect()
        time.sleep(0.01)
    assert not forked._process.is_alive()
    assert forked.result() == names


def test_what_the_process_raises_is_raised_by_result():
    def fails() -> None:
        raise OSError(28, "No space left on device", "site/data")

    with pytest.raises(OSError) as raised:
        Forked(fails).result()
    assert raised.value.errno == 28 and raised.value.filename == "site/data"


def test_stop_ends_a_process_that_still_runs():
    forked = Forked(lambda: time.sleep(60))
    forked.stop()
    assert not forked._process.is_alive()

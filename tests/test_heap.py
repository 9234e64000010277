import gc

import pytest

from builder import build as build_module
from builder.config import make_options
from builder.heap import collector_paused


def test_the_collector_is_off_inside_and_back_on_after():
    seen = []
    collector_paused(lambda: seen.append(gc.isenabled()))()
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error():
    def fails() -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        collector_paused(fails)()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        collector_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_reads_its_content_with_the_collector_paused(monkeypatch, tmp_path):
    seen = []
    real = build_module.load_content

    def load_content(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "load_content", load_content)
    options = make_options("content", "templates", tmp_path / "site", check_only=True)
    assert build_module.build(options, quiet=True).ok
    assert seen == [False]
    assert gc.isenabled()


def _collector_state() -> tuple[bool, bool]:
    return gc.isenabled(), gc.get_freeze_count() > 0


def test_a_render_worker_collects_its_own_cycles_and_leaves_the_inherited_heap_alone():
    """Jinja leaves cycles per page: a worker with the collector off kept them all (~11 KB a course page)."""
    import multiprocessing

    from builder import render

    gc.disable()  # as in a build: the workers fork from a parent with the collector paused
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=render._start_worker) as pool:
            assert pool.apply(_collector_state) == (True, True)
    finally:
        gc.enable()

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from builder.build import BuildResult, build
from builder.config import make_options

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
TEMPLATES = ROOT / "templates"
# The sample's dates are written for this day; pinning it keeps the tests independent of the calendar.
SAMPLE_TODAY = dt.date(2026, 11, 23)


def run_build(content: Path, out: Path, **kwargs) -> BuildResult:
    kwargs.setdefault("today", SAMPLE_TODAY)
    options = make_options(content, TEMPLATES, out, **kwargs)
    return build(options, quiet=True)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the sample content, for tests that break one thing in it."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_build(SAMPLE, out)
    assert result.ok, [p.format() for p in result.problems.errors]
    return out

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


ENDED_COURSE = "barista"


def end_course(content: Path, course_id: str = ENDED_COURSE) -> None:
    """Move every start date of one sample course into the past, as happens to real entries over time."""
    path = content / "courses" / f"{course_id}.yaml"
    lines = [
        "starts: [2026-03-14, 2026-09-12]" if line.startswith("starts:") else line for line in path.read_text(encoding="utf-8").splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def site_with_ended_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one course whose start dates have all passed."""
    root = tmp_path_factory.mktemp("ended")
    shutil.copytree(SAMPLE, root / "content")
    end_course(root / "content")
    result = run_build(root / "content", root / "site")
    assert result.ok, [p.format() for p in result.problems.errors]
    return root / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_build(SAMPLE, out)
    assert result.ok, [p.format() for p in result.problems.errors]
    return out


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Figures a test wants in the CI log (the search relevance score)."""
    from tests.test_search_relevance import RELEVANCE_REPORT

    for text in config.stash.get(RELEVANCE_REPORT, []):
        terminalreporter.write_line(text)

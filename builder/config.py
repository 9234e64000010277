"""Build options: where content, templates and output live, and the date the build counts from."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path


class UsageError(Exception):
    """A wrong command-line option or path: exit code 2, not a content error."""


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    templates_dir: Path
    out_dir: Path
    node_modules: Path
    today: dt.date
    base_url: str | None = None  # overrides site.yaml, e.g. for previews or sub-path hosting
    strict: bool = False
    check_only: bool = False
    live_reload_script: str | None = None  # set by `scholing serve`
    workers: int | None = None  # render processes; None: every core when the site is big enough


def today_from_environment() -> dt.date:
    """SOURCE_DATE_EPOCH pins 'today', so two builds of the same content give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except ValueError as exc:
            raise UsageError(f"SOURCE_DATE_EPOCH='{epoch}' is geen geheel getal (seconden sinds 1970).") from exc
    return dt.date.today()


def find_node_modules(start: Path) -> Path:
    """node_modules holds lunr.js and friends, installed by `make`; look upwards like npm does."""
    override = os.environ.get("SCHOLING_NODE_MODULES")
    if override:
        return Path(override)
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "node_modules"
        if (candidate / "lunr").is_dir():
            return candidate
    package_root = Path(__file__).resolve().parent.parent / "node_modules"
    return package_root


def normalise_base_url(url: str) -> str:
    url = url.strip()
    if not url.endswith("/"):
        url += "/"
    return url


def make_options(
    content: str | Path = "content",
    templates: str | Path = "templates",
    out: str | Path = "site",
    *,
    base_url: str | None = None,
    strict: bool = False,
    today: dt.date | None = None,
    check_only: bool = False,
    live_reload_script: str | None = None,
    workers: int | None = None,
) -> BuildOptions:
    content_dir = Path(content)
    templates_dir = Path(templates)
    out_dir = Path(out)
    if not content_dir.is_dir():
        raise UsageError(f"contentmap '{content_dir}' bestaat niet.")
    if not check_only and not templates_dir.is_dir():
        raise UsageError(f"templatemap '{templates_dir}' bestaat niet.")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url '{base_url}' moet beginnen met http:// of https://.")
    return BuildOptions(
        content_dir=content_dir,
        templates_dir=templates_dir,
        out_dir=out_dir,
        node_modules=find_node_modules(Path.cwd()),
        today=today or today_from_environment(),
        base_url=normalise_base_url(base_url) if base_url else None,
        strict=strict,
        check_only=check_only,
        live_reload_script=live_reload_script,
        workers=workers,
    )

"""Every generated page passes the Nu Html Checker (vnu-jar from npm, Java from Debian) with zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from builder.config import find_node_modules
from tests.conftest import ENDED_COURSE, ROOT

VNU = find_node_modules(ROOT) / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_site: Path, site_with_ended_course: Path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (make test installs it)"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    pages.append(str(site_with_ended_course / "opleidingen" / ENDED_COURSE / "index.html"))
    completed = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages if m.get("type") == "error"]
    for line in errors[:50]:
        print(line)
    assert errors == []

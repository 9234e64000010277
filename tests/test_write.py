from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import UsageError
from builder.write import MARKER, publish


def test_replaces_only_its_own_folder(tmp_path: Path):
    out = tmp_path / "site"
    publish({"index.html": b"een", "a/b.txt": b"x"}, out, protected=[])
    publish({"index.html": b"twee"}, out, protected=[])
    assert (out / "index.html").read_bytes() == b"twee"
    assert not (out / "a").exists() and (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or retired folders left


def test_refuses_protected_and_foreign_folders(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(UsageError):
        publish({"index.html": b""}, tmp_path, protected=[content])
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("blijft")
    with pytest.raises(UsageError):
        publish({"index.html": b""}, foreign, protected=[])
    assert (foreign / "keep.txt").read_text() == "blijft"

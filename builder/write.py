"""Write the built site: into a temporary folder first, swapped in only when everything succeeded."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from builder.config import UsageError

MARKER = ".scholingsgids"  # marks a folder as ours, so a rebuild may replace it


def guard_output(out_dir: Path, protected: list[Path]) -> None:
    """Refuse output folders whose replacement would delete something that is not ours."""
    target = out_dir.resolve()
    dangerous = {Path("/"), Path.home().resolve(), Path.cwd().resolve()}
    if target in dangerous:
        raise UsageError(f"uitvoermap '{out_dir}' is niet veilig: die map zou in zijn geheel vervangen worden.")
    for keep in protected:
        keep = keep.resolve()
        if target == keep or target in keep.parents:
            raise UsageError(f"uitvoermap '{out_dir}' bevat '{keep}'; kies een andere map, bijvoorbeeld 'site'.")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).exists())):
        raise UsageError(
            f"uitvoermap '{out_dir}' bestaat al en is niet door Scholingsgids gemaakt; ik vervang hem niet. Kies een lege of nieuwe map."
        )


def publish(files: dict[str, bytes], out_dir: Path, protected: list[Path]) -> None:
    staging = Staging(out_dir, protected)
    try:
        for relative, data in sorted(files.items()):
            staging.write(relative, data)
        staging.commit()
    except BaseException:
        staging.discard()
        raise


class Staging:
    """A new site written file by file (pages as they are rendered, by any process) and swapped in whole by
    `commit`, or thrown away by `discard`: what is published is never half a build."""

    def __init__(self, out_dir: Path, protected: list[Path]) -> None:
        guard_output(out_dir, protected)
        self.target = out_dir.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
        self._folders: set[Path] = set()

    def write(self, relative: str, data: bytes) -> None:
        write_into(self.path, relative, data, self._folders)

    def commit(self) -> None:
        (self.path / MARKER).write_bytes(b"")
        os.chmod(self.path, 0o755)
        swap_in(self.path, self.target)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_into(folder: Path, relative: str, data: bytes, made: set[Path]) -> None:
    destination = folder / relative
    if destination.parent not in made:
        destination.parent.mkdir(parents=True, exist_ok=True)
        made.add(destination.parent)
    destination.write_bytes(data)


def swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    try:
        staging.rename(target)
    except BaseException:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)

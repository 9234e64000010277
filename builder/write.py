"""Write the built site: into a staging folder next to the output first, swapped in only when everything succeeded.

What survives what:
- Any failure while writing (full disk, missing permission, a kill): the published site is untouched.
- The swap itself is one atomic `renameat2(RENAME_EXCHANGE)` on Linux, so the output folder always
  exists; elsewhere two renames, with a window of microseconds where it does not.
- A killed build leaves `.site.new-*` / `.site.old-*` folders. The next build removes those it can
  prove are ours (our marker file inside) and that no running build still holds (an flock on that
  marker, which the kernel releases when a build dies: no guessing from process ids).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from builder.config import UsageError
from builder.failures import explain_os_error, human_size

MARKER = ".scholingsgids"  # marks a folder as ours, so a rebuild may replace it; also each build's lock
STAGING_INFIX = ".new-"
RETIRED_INFIX = ".old-"
MARKER_BEING_MADE = ".scholingsgids-wordt-gemaakt-"
EMPTY_LEFTOVER_AGE = 600  # seconds: a staging folder still without a marker after this was left by a killed build


class OutputError(Exception):
    """Writing the site failed for a reason outside the content; the message is one Dutch line."""


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
    if made_by_someone_else(target):
        raise UsageError(
            f"uitvoermap '{out_dir}' bestaat al en is niet door Scholingsgids gemaakt; ik vervang hem niet. Kies een lege of nieuwe map."
        )


def made_by_someone_else(target: Path) -> bool:
    """A file, or a folder with content but without our marker. One listing answers both questions: another
    build may swap the folder between two separate looks, which must not read as a foreign folder."""
    try:
        with os.scandir(target) as entries:
            names = {entry.name for entry in entries}
    except FileNotFoundError:
        return False  # not there (or just moved aside by another build's swap)
    except NotADirectoryError:
        return True
    return bool(names) and MARKER not in names


def publish(files: dict[str, bytes], out_dir: Path, protected: list[Path]) -> None:
    staging = Staging(out_dir, protected)
    pending = sum(len(data) for data in files.values())
    try:
        for relative, data in sorted(files.items()):
            staging.write(relative, data)
            pending -= len(data)
        staging.commit()
    except OSError as exc:
        raise staging.failure(exc, pending) from exc
    except BaseException:
        staging.discard()
        raise


class Staging:
    """A new site written file by file (pages as they are rendered, by any process) and swapped in whole by
    `commit`, or thrown away by `discard`: what is published is never half a build."""

    def __init__(self, out_dir: Path, protected: list[Path]) -> None:
        guard_output(out_dir, protected)
        self.target = out_dir.resolve()
        self._folders: set[Path] = set()
        self._lock: int | None = None
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            sweep_leftovers(self.target)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{STAGING_INFIX}", dir=self.target.parent))
        except OSError as exc:
            raise write_failure(exc, self.target, needed=None) from exc
        try:
            # first thing in the folder: the marker, locked for as long as this build may still use the folder
            self._lock = lock(self.path / MARKER, create=True)
        except OSError as exc:
            self.discard()
            raise write_failure(exc, self.target, needed=None) from exc

    def write(self, relative: str, data: bytes) -> None:
        write_into(self.path, relative, data, self._folders)

    def write_parts(self, relative: str, parts: Iterable[bytes]) -> None:
        """A file written piece by piece as its pieces are made, never whole in memory."""
        destination = self.path / relative
        if destination.parent not in self._folders:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(destination.parent)
        with destination.open("wb") as file:
            for part in parts:
                file.write(part)

    def read(self, relative: str) -> bytes:
        """A file as written so far: the link check reads a page again to say on which line a broken link is."""
        return (self.path / relative).read_bytes()

    def commit(self) -> None:
        os.chmod(self.path, 0o755)
        swap_in(self.path, self.target)
        self.release()

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.release()

    def release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def failure(self, exc: OSError, pending: int = 0) -> OutputError:
        """Throw the staging folder away and explain, in one line, why the site could not be written.

        `pending` is what was still to be written; with what was written and the size of the current
        site it says roughly how much room the build needed."""
        written = folder_size(self.path)
        self.discard()
        needed = max(written + pending, folder_size(self.target))
        return write_failure(exc, self.target, needed)


def write_failure(exc: OSError, target: Path, needed: int | None) -> OutputError:
    where = exc.filename or target.parent
    unchanged = "De vorige versie van de site is niet aangeraakt."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        free = ""
        with contextlib.suppress(OSError):
            free = f", vrij: {human_size(shutil.disk_usage(target.parent).free)}"
        size = f" (nodig: ongeveer {human_size(needed)}{free})" if needed else ""
        return OutputError(f"{explain_os_error(exc)}: de nieuwe site past niet in '{target.parent}'{size}. {unchanged}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"kan niet schrijven in '{where}': {explain_os_error(exc)}. De bouw zet de nieuwe site eerst klaar in "
            f"'{target.parent}', naast de oude; geef schrijfrecht op die map of kies met --out een andere. {unchanged}"
        )
    return OutputError(f"de site kon niet worden geschreven: '{where}': {explain_os_error(exc)}. {unchanged}")


def folder_size(folder: Path) -> int:
    total = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(directory, name)).st_size
    return total


def write_into(folder: Path, relative: str, data: bytes, made: set[Path]) -> None:
    destination = folder / relative
    if destination.parent not in made:
        destination.parent.mkdir(parents=True, exist_ok=True)
        made.add(destination.parent)
    destination.write_bytes(data)


def lock(marker: Path, *, create: bool = False, wait: bool = True) -> int:
    """An open file descriptor holding an exclusive flock on `marker`; BlockingIOError when busy and not waiting.

    A new marker is made and locked under another name and only then renamed into place, so no sweep
    can find it in the moment between creating and locking."""
    path = marker.with_name(f"{MARKER_BEING_MADE}{os.getpid()}") if create else marker
    flags = os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_CREAT | os.O_EXCL if create else 0)
    fd = os.open(path, flags, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError as exc:
            if not (create and exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL)):
                raise
            # no locks on this filesystem: builds still work, sweeps then leave every folder alone
        if create:
            os.rename(path, marker)
    except BaseException:
        os.close(fd)
        raise
    return fd


def sweep_leftovers(target: Path) -> None:
    """Remove staging and retired folders that killed builds left next to `target`, and only those.

    Ours means: named like ours and holding our marker (or, for a staging folder killed before it
    had one, empty and old). Free means: nobody holds the marker's lock. When the output folder itself
    is missing because a build died mid-swap, the retired copy goes back first.
    """
    parent = target.parent
    prefixes = (f".{target.name}{STAGING_INFIX}", f".{target.name}{RETIRED_INFIX}")
    found: list[tuple[float, str]] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(parent):
            if entry.name.startswith(prefixes):
                with contextlib.suppress(OSError):  # another build may remove it this very moment
                    if entry.is_dir(follow_symlinks=False):
                        found.append((entry.stat(follow_symlinks=False).st_mtime, entry.name))
    for mtime, name in sorted(found, reverse=True):  # newest first: that old site is the one to bring back
        folder = parent / name
        try:
            held = lock(folder / MARKER, wait=False)
        except BlockingIOError:
            continue  # a running build
        except FileNotFoundError:  # killed before its marker was in place: at most a half-made marker inside
            with contextlib.suppress(OSError):
                if time.time() - mtime > EMPTY_LEFTOVER_AGE:
                    for inside in os.listdir(folder):
                        if inside.startswith(MARKER_BEING_MADE):
                            os.unlink(folder / inside)
                    os.rmdir(folder)  # only ever succeeds on an empty folder
            continue
        except OSError:
            continue
        try:
            if name.startswith(prefixes[1]) and not target.exists():
                os.rename(folder, target)  # a build died between its two renames: the old site comes back
            else:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
        finally:
            os.close(held)


# Linux renameat2(2): swap two names in one step, so the output folder never goes missing.
AT_FDCWD = -100
RENAME_EXCHANGE = 2 << 0


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


renameat2 = _load_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders atomically. False when the system or the filesystem cannot."""
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


def swap_in(staging: Path, target: Path) -> None:
    """Put `staging` in the place of `target`; the old site ends up removed."""
    if not target.exists():
        try:
            staging.rename(target)
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):  # another build put a site there just now
                raise
    old_marker = None
    with contextlib.suppress(OSError):
        old_marker = lock(target / MARKER)  # so no sweep takes the old copy while we still may need it
    try:
        if exchange(staging, target):
            shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        else:
            swap_by_renames(staging, target)
    finally:
        if old_marker is not None:
            os.close(old_marker)


def swap_by_renames(staging: Path, target: Path, attempts: int = 20) -> None:
    """The old site aside, the new one in: for a moment there is no output folder. Another build that
    publishes in that moment makes us try again rather than fail."""
    for _ in range(attempts):
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}{RETIRED_INFIX}", dir=target.parent))
        aside.rmdir()
        retired: Path | None = aside
        try:
            target.rename(retired)
        except FileNotFoundError:
            retired = None  # another build has just moved it aside
        try:
            staging.rename(target)
        except OSError as exc:
            if retired is not None:
                with contextlib.suppress(OSError):
                    retired.rename(target)
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                continue
            raise
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
        return
    raise OSError(errno.EBUSY, "another build keeps replacing the output folder", os.fspath(target))

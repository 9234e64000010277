"""Operating-system errors explained in Dutch, in one line, for editors and CI logs.

Reading content and writing the site can fail for reasons that have nothing to do with the content
(a full disk, a missing permission). Those end the build with one line naming the path, not a traceback.
"""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) voor deze gebruiker is op",
    errno.EACCES: "geen toestemming (rechten ontbreken)",
    errno.EPERM: "geen toestemming (deze bewerking mag niet)",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "te veel snelkoppelingen (symbolische links) achter elkaar",
    errno.EMFILE: "te veel open bestanden",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EBUSY: "is in gebruik",
    errno.EXDEV: "ligt op een ander bestandssysteem",
}


def explain_os_error(exc: OSError) -> str:
    """The reason in Dutch, with the system's own words for anything unusual."""
    reason = REASONS.get(exc.errno or -1)
    if reason:
        return reason
    return f"systeemfout {errno.errorcode.get(exc.errno or -1, exc.errno)}: {exc.strerror or exc}"


def human_size(size: int) -> str:
    """Bytes as an editor reads them: '12,3 MB'."""
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    return f"{size} bytes"


def system_failure(exc: Exception) -> str:
    """The one line for a build that failed on the system: a write failure already explains itself."""
    if not isinstance(exc, OSError):
        return str(exc)
    where = f"'{exc.filename}': " if exc.filename else ""
    return f"{where}{explain_os_error(exc)}. De vorige versie van de site is niet aangeraakt."

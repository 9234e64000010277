"""Static assets: our own CSS and JavaScript plus the browser libraries from node_modules.

File names carry a content hash, so hosts can cache them for a year and a new build is never
served with an old stylesheet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from builder.config import UsageError

# logical name -> path inside node_modules; installed by `make` from package.json, never committed
VENDOR_FILES = {
    "lunr.js": "lunr/lunr.min.js",
    "lunr.stemmer.support.js": "lunr-languages/min/lunr.stemmer.support.min.js",
    "lunr.nl.js": "lunr-languages/min/lunr.nl.min.js",
}
OWN_ASSET_SUFFIXES = (".css", ".js", ".svg", ".ico", ".png", ".woff2")


@dataclass(frozen=True)
class Asset:
    name: str  # logical name used in templates: asset('style.css')
    site_path: str  # where it is written, hashed: assets/style.1a2b3c4d.css
    data: bytes


def hashed_name(name: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def collect_assets(templates_dir: Path, node_modules: Path) -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    own = templates_dir / "assets"
    if own.is_dir():
        for path in sorted(own.rglob("*")):
            if path.is_file() and path.suffix in OWN_ASSET_SUFFIXES:
                name = path.relative_to(own).as_posix()
                data = path.read_bytes()
                assets[name] = Asset(name, "assets/" + hashed_name(name, data), data)
    for name, relative in VENDOR_FILES.items():
        source = node_modules / relative
        if not source.is_file():
            raise UsageError(f"{source} ontbreekt. Installeer de browserbibliotheken met 'make site' (of 'npm ci').")
        data = source.read_bytes()
        assets[name] = Asset(name, "assets/vendor/" + hashed_name(name, data), data)
    return assets

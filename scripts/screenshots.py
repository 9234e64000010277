"""Screenshots of every page type at phone and desktop width, so a reviewer can look without building.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]   (`make screenshots` runs it on site/)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.support import launch_chromium, serve_directory  # noqa: E402

PAGES = {
    "home": "",
    "situatie": "situaties/overstappen/",
    "opleidingen": "opleidingen/",
    "opleiding": "opleidingen/basiscursus-lassen-mig-mag/",
    "sector": "sectoren/zorg/",
    "niveau": "niveaus/mbo-4/",
    "regio": "regio/drenthe/",
    "aanbieder": "aanbieders/techniekhuis-noord/",
    "regelingen": "regelingen/",
    "regeling": "regelingen/stap/",
    "zoeken": "zoeken/?q=verpleegkundige",
    "zoeken-leeg": "zoeken/?q=onderwaterlassen",
    "toegankelijkheid": "toegankelijkheid/",
    "vaardigheden": "vaardigheden/",
    "vaardigheid": "vaardigheden/heftruck-besturen/",
    "beroepen": "beroepen/",
    "beroep": "beroepen/magazijnmedewerker/",
    "overstappen": "overstappen/",
    "overstappen-van": "overstappen/magazijnmedewerker/",
    "overstap": "overstappen/magazijnmedewerker/naar/monteur-zonnepanelen/",
    "404": "bestaat-niet/",
}
WIDTHS = {"telefoon": 375, "desktop": 1280}


def main(site_dir: str = "site", out_dir: str = "screenshots") -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with serve_directory(Path(site_dir)) as base_url, launch_chromium() as browser:
        for width_name, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(base_url + path)
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

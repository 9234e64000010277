"""The site's URL scheme, in one place: pages, sitemap, feed and link check all agree on it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

HOME = ""
COURSES = "opleidingen/"
FUNDING = "regelingen/"
SEARCH = "zoeken/"
PLACES = "plaatsen/"
SKILLS = "vaardigheden/"
OCCUPATIONS = "beroepen/"
TRANSITIONS = "overstappen/"
PASSPORT = "mijn-vaardigheden/"
GLOSSARY = "begrippen/"
SAVED = "bewaard/"
NOT_FOUND = "404.html"
_NEEDS_JOIN = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|(?:^|/)\.\.?(?:[/?#]|$)")  # a scheme or a dot segment


def course(course_id: str) -> str:
    return f"opleidingen/{course_id}/"


def situation(situation_id: str) -> str:
    return f"situaties/{situation_id}/"


def sector(sector_id: str) -> str:
    return f"sectoren/{sector_id}/"


def level(level_id: str) -> str:
    return f"niveaus/{level_id}/"


def region(region_id: str) -> str:
    return f"regio/{region_id}/"


def place(place_id: str) -> str:
    return f"plaatsen/{place_id}/"


def provider(provider_id: str) -> str:
    return f"aanbieders/{provider_id}/"


def funding(funding_id: str) -> str:
    return f"regelingen/{funding_id}/"


def skill(skill_id: str) -> str:
    return f"vaardigheden/{skill_id}/"


def occupation(occupation_id: str) -> str:
    return f"beroepen/{occupation_id}/"


def transitions_from(occupation_id: str) -> str:
    return f"overstappen/{occupation_id}/"


def transition(source_id: str, target_id: str) -> str:
    return f"overstappen/{source_id}/naar/{target_id}/"


def page(page_id: str) -> str:
    return f"{page_id}/"


def list_page(first_page: str, number: int) -> str:
    """Page `number` of a list whose first page is `first_page`: opleidingen/, opleidingen/pagina/2/, ..."""
    return first_page if number == 1 else f"{first_page}pagina/{number}/"


def output_file(path: str) -> str:
    """Where a page's HTML is written: folders get an index.html, so URLs stay clean."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


class Links:
    """Turns site paths into links that work at the site root or under any sub-path."""

    def __init__(self, base_url: str, base_path: str) -> None:
        self.base_url = base_url
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"
        parts = urlsplit(base_url)
        # A plain folder address: joining is appending, which costs far less than urljoin on every page.
        self._appends = base_url.endswith("/") and not parts.query and not parts.fragment and "#" not in base_url

    def path(self, site_path: str) -> str:
        return self.base_path + site_path.lstrip("/")

    def absolute(self, site_path: str) -> str:
        relative = site_path.lstrip("/")
        if self._appends and not _NEEDS_JOIN.search(relative):
            return self.base_url + relative
        return urljoin(self.base_url, relative)

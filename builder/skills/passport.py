"""The skills passport (/mijn-vaardigheden/): its page, the data its script reads, and the file format.

The passport itself lives only in the visitor's browser; the build publishes what the browser needs:
- `page_data`: the vocabulary, occupations, the courses that teach skills and the funding for a move,
  compact and in the orders the matching rules use, so the script ranks exactly as `matching` does.
- `passport_schema`: the versioned JSON Schema of a stored or exported passport, written to schemas/
  by `scholing schema` and published on the site next to the page.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from jinja2 import Environment

from builder import urls
from builder.formatting import dutch_date, euro
from builder.skills import matching
from builder.skills.model import TRANSITION_SITUATION, Vocabulary

FORMAT = "scholingsgids-vaardighedenpaspoort"
VERSION = 1  # raise when a stored passport changes shape; the page then converts older files
DATA_PATH = "data/mijn-vaardigheden.json"
COURSES_PATH = "data/mijn-vaardigheden-opleidingen.json"  # fetched only when a visitor opens a gap: it grows with the catalogue
SCHEMA_PATH = "schemas/passport.schema.json"  # in the repository and on the site
OFFLINE_PATH = urls.PASSPORT + "offline.js"  # a service worker: its folder is its scope, so it serves this page only
OFFLINE_TEMPLATE = "skills/passport-offline.js"
MAX_SKILLS = 500
MAX_EVIDENCE = 10

# Self-assessed level: short and plain, the same four steps for every skill.
LEVELS = (
    (1, "Beginner", "Je hebt het geleerd of een paar keer gedaan, nog met hulp."),
    (2, "Redelijk", "Je doet het zelf. Soms vraag je nog iets."),
    (3, "Goed", "Je doet het zelfstandig en goed, ook als het druk of lastig is."),
    (4, "Heel goed", "Je bent er sterk in en kunt het anderen leren."),
)
LEARNED = (
    ("werk", "Op het werk"),
    ("opleiding", "In een opleiding of cursus"),
    ("vrijwilligerswerk", "Als vrijwilliger"),
    ("anders", "Op een andere manier"),
)
ID_REGEX = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_REGEX = r"^\d{4}-\d{2}-\d{2}$"


def passport_schema() -> dict[str, Any]:
    """The stored and exported passport, version 1. The page's import check follows the same rules."""
    text = {"type": "string", "minLength": 1}
    evidence = {
        "type": "object",
        "description": "Bewijs: een diploma, certificaat of referentie. Alleen de titel is nodig.",
        "properties": {
            "title": {**text, "maxLength": 120, "description": "Wat het is, bijvoorbeeld 'Certificaat heftruck'"},
            "date": {"type": "string", "pattern": DATE_REGEX, "format": "date", "description": "Datum (JJJJ-MM-DD)"},
            "link": {"type": "string", "pattern": r"^https?://\S+$", "maxLength": 500, "description": "Link naar het bewijs"},
            "file": {**text, "maxLength": 120, "description": "Naam van een bestand dat je zelf bewaart"},
        },
        "required": ["title"],
        "additionalProperties": False,
    }
    skill = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": ID_REGEX, "description": "Id in de vaardighedenlijst van de gids"},
            "label": {**text, "maxLength": 200, "description": "Naam van de vaardigheid toen je hem toevoegde"},
            "esco_uri": {"type": "string", "pattern": r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]+$"},
            "level": {
                "enum": [None, *(number for number, _, _ in LEVELS)],
                "description": "Hoe goed je het kunt: " + "; ".join(f"{n} = {name}" for n, name, _ in LEVELS) + "; null = nog niet gekozen",
            },
            "learned": {
                "type": "array",
                "items": {"enum": [key for key, _ in LEARNED]},
                "uniqueItems": True,
                "description": "Waar je het leerde",
            },
            "evidence": {"type": "array", "items": evidence, "maxItems": MAX_EVIDENCE},
            "added": {"type": "string", "pattern": DATE_REGEX, "format": "date"},
        },
        "required": ["id", "label", "level", "learned", "evidence"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://scholingsgids.example.org/{SCHEMA_PATH}",
        "title": f"Scholingsgids: vaardighedenpaspoort, versie {VERSION}",
        "description": "Een paspoort zoals /mijn-vaardigheden/ het in de browser bewaart en als .json-bestand exporteert. "
        "Gemaakt uit builder/skills/passport.py met 'scholing schema'; niet met de hand wijzigen. Uitleg: docs/content.md",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "updated": {"type": "string", "format": "date-time", "description": "Laatste wijziging (ISO 8601, UTC)"},
            "site": {"type": "string", "description": "De gids waar het paspoort gemaakt is"},
            "name": {"type": "string", "maxLength": 100, "description": "Je naam, als je die op je afdruk wilt"},
            "occupations": {
                "type": "array",
                "description": "Beroepen waarin je gewerkt hebt",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string", "pattern": ID_REGEX}, "name": {**text, "maxLength": 200}},
                    "required": ["id", "name"],
                    "additionalProperties": False,
                },
                "maxItems": 50,
            },
            "skills": {"type": "array", "items": skill, "maxItems": MAX_SKILLS},
        },
        "required": ["format", "version", "skills"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(passport_schema(), ensure_ascii=False, indent=2) + "\n"


def _price(course) -> str:
    price = course.price
    if price is None:
        return "Op aanvraag"
    if price.is_free:
        return "Gratis"
    return euro(price.total_incl_vat) + (" incl. btw" if price.has_vat else ", geen btw")


def _start(course) -> str:
    if course.continuous:
        return "Doorlopend"
    return dutch_date(course.next_start) if course.next_start else "Op aanvraag"


def page_data(vocabulary: Vocabulary, links: urls.Links) -> dict[str, Any]:
    """What the passport page reads. Lists keep the orders `matching` depends on:

    occupations in name order (the tie-break of `best_targets`), courses in catalogue order with `order`
    their place in title order (the tie-break of `rank_courses`), funding as `applicable_funding` returns it.
    """
    skills = [skill for group in vocabulary.groups for skill in group.skills]
    skill_courses = [course for course in vocabulary.courses if course.skills]
    title_order = {id(c): n for n, c in enumerate(sorted(skill_courses, key=lambda c: c.title.casefold()))}
    situation = vocabulary.situation
    funding = matching.applicable_funding(
        [],
        situation.funding if situation else (),
        [f for f in vocabulary.funding if TRANSITION_SITUATION in f.situation_ids],
        is_open=lambda f: f.is_open,
        is_ended=lambda f: f.status == "beeindigd",
    )
    return {
        "version": VERSION,
        "format": FORMAT,
        "schema": links.path(SCHEMA_PATH),
        "levels": [{"value": number, "name": name, "text": text} for number, name, text in LEVELS],
        "learned": [{"value": key, "label": label} for key, label in LEARNED],
        "groups": [group.name for group in vocabulary.groups],
        "skills": [
            {
                "id": s.id,
                "label": s.label,
                "group": vocabulary.groups.index(s.group),
                "url": links.path(urls.skill(s.id)),
                **({"esco": s.esco_uri} if s.esco_uri else {}),
            }
            for s in skills
        ],
        "occupations": [
            {
                "id": o.id,
                "name": o.name,
                "sector": o.sector.name,
                "outlook": o.outlook.label if o.outlook else None,
                "url": links.path(urls.occupation(o.id)),
                "essential": [s.id for s in o.essential],
                "optional": [s.id for s in o.optional],
                "routes_from": [t.source.id for t in vocabulary.routes_to(o)],
            }
            for o in vocabulary.sorted_occupations
        ],
        "courses": [
            {
                "id": c.id,
                "title": c.title,
                "provider": c.provider.name,
                "url": links.path(urls.course(c.id)),
                "skills": [s.id for s in c.skills],
                "order": title_order[id(c)],
                "price": _price(c),
                "duration": c.duration.label if c.duration else "Onbekend",
                "start": _start(c),
                "level": c.level.name,
            }
            for c in skill_courses
        ],
        "funding": [
            {
                "id": f.id,
                "name": f.name,
                "url": links.path(urls.funding(f.id)),
                "status": f.status,
                "status_label": f.status_label,
                "until": dutch_date(f.valid_until) if f.valid_until and f.is_open else None,
                "summary": f.summary,
            }
            for f in funding
        ],
        "transition_url": links.path(urls.transition("VAN", "NAAR")),
        "courses_url": links.path(COURSES_PATH),
    }


def page_spec(vocabulary: Vocabulary, crumbs: tuple[tuple[str, str], ...]):
    """The page; `render.PageSpec` is looked up late because `builder.render` imports the skills pages."""
    from builder import render

    return render.PageSpec(
        urls.PASSPORT,
        "skills/passport.html",
        "Mijn vaardigheden",
        "Schrijf op wat je kunt, met niveau en bewijs. Zie welk werk past en welke opleidingen helpen. Alles blijft in je eigen browser.",
        {
            "data_path": DATA_PATH,
            "schema_path": SCHEMA_PATH,
            "offline_path": OFFLINE_PATH,
            "version": VERSION,
            "has_occupations": bool(vocabulary.occupations),
            "occupation_choices": vocabulary.occupations_by_sector(),
        },
        crumbs,
    )


def passport_files(vocabulary: Vocabulary, links: urls.Links, env: Environment) -> dict[str, bytes]:
    if not vocabulary.in_use:
        return {}
    data = page_data(vocabulary, links)
    courses = {"courses": data.pop("courses")}
    files = {DATA_PATH: _compact(data), COURSES_PATH: _compact(courses), SCHEMA_PATH: schema_text().encode("utf-8")}
    version = hashlib.sha256(b"".join(files.values())).hexdigest()[:12]  # other data: a new worker and a fresh cache
    files[OFFLINE_PATH] = env.get_template(OFFLINE_TEMPLATE).render(version=version).encode("utf-8")
    return files


def _compact(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

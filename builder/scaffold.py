"""`scholing new course|provider|funding|situation|page ID`: a commented skeleton built from the schema.

Every field is explained in a comment taken from `builder/schema.py`, so the skeleton never drifts from
what the build accepts. Nothing a skeleton holds can reach the site by accident: a new course starts as
`draft: true`, and every value still to be written is a «placeholder», which the build refuses to publish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder import schema
from builder.config import UsageError


@dataclass(frozen=True)
class ContentType:
    folder: str
    record: schema.Record
    suffix: str  # ".yaml" or ".md" (front matter plus Markdown body)
    noun: str
    values: dict[str, str]  # field -> YAML text written in the skeleton; other fields become comments
    body: str = ""


TYPES: dict[str, ContentType] = {
    "course": ContentType(
        "courses",
        schema.COURSE,
        ".yaml",
        "opleiding",
        {
            "title": "«Naam van de opleiding»",
            "provider": "«id-van-de-aanbieder»",
            "summary": "«Eén zin over wat je leert en voor wie het is»",
            "situations": "[eigen-werk]",
            "sectors": "[«sector»]",
            "level": "«niveau»",
            "form": "klassikaal",
            "url": "https://«www.aanbieder.nl/opleiding»",
            "locations": "[«Plaats»]",
            "study_load_hours": "40",
            "duration": "{amount: 8, unit: weken}",
            "price": "op-aanvraag",
            "starts": "doorlopend",
            "certificate": "certificaat",
        },
    ),
    "provider": ContentType(
        "providers",
        schema.PROVIDER,
        ".yaml",
        "aanbieder",
        {
            "name": "«Naam van de aanbieder»",
            "url": "https://«www.aanbieder.nl»",
            "kind": "particulier",
            "place": "«Plaats»",
        },
    ),
    "funding": ContentType(
        "funding",
        schema.FUNDING,
        ".yaml",
        "regeling",
        {
            "name": "«Naam van de regeling»",
            "summary": "«Eén zin over wat de regeling doet»",
            "for_whom": "«Voor wie de regeling is»",
            "pays": "«Wat de regeling betaalt»",
            "status": "open",
            "url": "https://«www.overheid.nl/regeling»",
        },
    ),
    "situation": ContentType(
        "situations",
        schema.SITUATION,
        ".md",
        "startsituatie",
        {
            "title": "«Ik ...»",
            "audience": "«voor wie»",
            "summary": "«Eén zin onder de keuze op de voorpagina»",
            "order": "6",
            "steps": "\n  - «Eerste stap»\n  - «Tweede stap»",
            "advice": "«Welk advies of welke hulp er is»",
        },
        body="«Schrijf hier de inleiding in Markdown.»\n",
    ),
    "page": ContentType(
        "pages",
        schema.PAGE,
        ".md",
        "pagina",
        {"title": "«Titel van de pagina»", "description": "«Korte omschrijving voor zoekmachines»"},
        body="«Schrijf hier de tekst in Markdown.»\n",
    ),
}
MULTILINE_PLACEHOLDERS = {
    "description": "  «Schrijf hier minstens 150 tekens over de inhoud, de opzet en de toelating.\n"
    "  Je mag Markdown gebruiken, zoals **vet** en lijstjes.»",
}


def schema_path(kind: str) -> str:
    return f"schemas/{kind}.schema.json"


def skeleton(kind: str, item_id: str, today: dt.date) -> str:
    spec = TYPES[kind]
    lines = [
        f"# yaml-language-server: $schema=../../{schema_path(kind)}",
        f"# Nieuwe {spec.noun} '{item_id}'. Uitleg van elk veld: docs/content.md",
        "# Vervang alles tussen « en »; zolang zulke tekst er staat, publiceert de build dit bestand niet.",
        "",
    ]
    if "draft" in (f.name for f in spec.record.fields):
        lines += ["# Haal deze regel weg als alles is ingevuld: dan komt de opleiding op de site.", "draft: true", ""]
    for field in spec.record.fields:
        if field.name in ("draft", "acknowledged") or (kind == "course" and field.name in ("status", "status_note")):
            continue
        label = "verplicht" if field.required else "aanbevolen" if field.recommended else "mag"
        limits = field.kind.limits()
        lines.append(f"# {field.name} ({label}): {field.help}. Soort: {field.kind.describe()}{', ' + limits if limits else ''}.")
        if field.name == "last_checked":
            lines += [f"last_checked: {today.isoformat()}", ""]
        elif field.name in spec.values:
            value = spec.values[field.name]
            lines += [f"{field.name}:{'' if value.startswith(chr(10)) else ' '}{value}", ""]
        elif field.name == "description" and field.required:
            lines += ["description: |", MULTILINE_PLACEHOLDERS["description"], ""]
        else:
            lines += [f"# {field.name}:", ""]
    text = "\n".join(lines).rstrip() + "\n"
    if spec.suffix == ".md":
        return "---\n" + text + "---\n" + spec.body
    return text


def new_content(content_dir: Path, kind: str, item_id: str, today: dt.date | None = None) -> Path:
    if kind not in TYPES:
        raise UsageError(f"onbekende soort '{kind}'; kies uit: {', '.join(TYPES)}.")
    if not schema.ID_PATTERN.match(item_id):
        raise UsageError(f"id '{item_id}' mag alleen kleine letters, cijfers en '-' bevatten, zoals 'basiscursus-lassen'.")
    spec = TYPES[kind]
    folder = content_dir / spec.folder
    existing = [p for p in folder.glob(f"{item_id}.*") if p.suffix in (".yaml", ".yml", ".md")] if folder.is_dir() else []
    if existing:
        raise UsageError(f"{existing[0]} bestaat al.")
    target = folder / f"{item_id}{spec.suffix}"
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(kind, item_id, today or dt.date.today()), encoding="utf-8")
    return target


def new_course(content_dir: Path, course_id: str) -> Path:
    return new_content(content_dir, "course", course_id)

"""`scholing new course ID`: a commented skeleton built from the schema, so it never drifts from it."""

from __future__ import annotations

from pathlib import Path

from builder import schema
from builder.config import UsageError

SKELETON_VALUES = {
    "title": "Naam van de opleiding",
    "provider": "id-van-de-aanbieder",
    "summary": '"Eén zin over wat je leert en voor wie het is."',
    "situations": "[eigen-werk]",
    "sectors": "[techniek]",
    "level": "mbo-2",
    "form": "klassikaal",
    "url": "https://www.voorbeeld.nl/opleiding",
    "locations": "[Groningen]",
    "study_load_hours": "40",
    "duration": "{amount: 8, unit: weken}",
    "price": "{amount: 0, vat: exempt}",
    "starts": "doorlopend",
    "certificate": "certificaat",
}


def new_course(content_dir: Path, course_id: str) -> Path:
    if not schema.ID_PATTERN.match(course_id):
        raise UsageError(f"id '{course_id}' mag alleen kleine letters, cijfers en '-' bevatten.")
    folder = content_dir / "courses"
    target = folder / f"{course_id}.yaml"
    if target.exists():
        raise UsageError(f"{target} bestaat al.")
    import datetime as dt

    lines = [f"# Nieuwe opleiding '{course_id}'. Uitleg van elk veld: docs/content.md", ""]
    for spec in schema.COURSE.fields:
        label = "verplicht" if spec.required else "aanbevolen" if spec.recommended else "optioneel"
        lines.append(f"# {spec.name} ({label}): {spec.help}; {spec.kind.describe()}")
        if spec.name == "description":
            lines += [
                "description: |",
                "  Schrijf hier minstens 150 tekens over de inhoud, de opzet en de toelating.",
                "  Je mag Markdown gebruiken, zoals **vet** en lijstjes.",
                "",
            ]
        elif spec.name == "last_checked":
            lines += [f"last_checked: {dt.date.today().isoformat()}", ""]
        elif spec.name in SKELETON_VALUES:
            lines += [f"{spec.name}: {SKELETON_VALUES[spec.name]}", ""]
        else:
            lines += [f"# {spec.name}:", ""]
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target

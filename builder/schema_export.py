"""What `builder/schema.py` says, written for others: JSON Schemas for editors' tools, field tables for the guide.

`scholing schema` writes both. The schemas let VS Code (with the YAML extension) complete field names and
allowed values and underline mistakes while typing; the build stays the judge. Ids of the lists that rarely
change (levels, sectors, situations, places) are taken from the content folder, so they complete too.
Tests check that the checked-in files match what this module writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder import schema
from builder.skills import passport
from builder.skills import schema as skill_schema

SCHEMA_DIR = "schemas"
GUIDE = "docs/content.md"
ID_REGEX = schema.ID_PATTERN.pattern
DATE_REGEX = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class FileType:
    name: str  # schemas/<name>.schema.json
    kind: schema.Kind
    title: str
    files: str  # the glob VS Code maps the schema to


FILE_TYPES = (
    FileType("course", schema.COURSE, "Een opleiding", "content/courses/*.yaml"),
    FileType("provider", schema.PROVIDER, "Een aanbieder", "content/providers/*.yaml"),
    FileType("funding", schema.FUNDING, "Een regeling", "content/funding/*.yaml"),
    FileType("situation", schema.SITUATION, "Een startsituatie (front matter)", "content/situations/*.md"),
    FileType("page", schema.PAGE, "Een losse pagina (front matter)", "content/pages/*.md"),
    FileType("site", schema.SITE, "De gids zelf", "content/site.yaml"),
    FileType("sectors", schema.SECTORS, "De sectoren", "content/sectors.yaml"),
    FileType("levels", schema.LEVELS, "De niveaus", "content/levels.yaml"),
    FileType("regions", schema.REGIONS, "De regio's en plaatsen", "content/regions.yaml"),
    FileType("places", schema.PLACES, "De plaatsen met gemeente, provincie en coördinaten", "content/places.yaml"),
    FileType("search", schema.SEARCH, "Zoekwoorden: synoniemen en afkortingen", "content/search.yaml"),
    FileType("glossary", schema.GLOSSARY, "Begrippen: moeilijke woorden uitgelegd", "content/begrippen.yaml"),
    FileType("skill_group", skill_schema.SKILL_GROUP, "Een groep vaardigheden", "content/skills/*.yaml"),
    FileType("occupation", skill_schema.OCCUPATION, "Een beroep", "content/occupations/*.yaml"),
    FileType("transition", skill_schema.TRANSITION, "Een overstap met uitleg", "content/transitions/*.yaml"),
)


def kind_schema(kind: schema.Kind, ids: dict[str, list[str]]) -> dict[str, Any]:
    """The JSON Schema of one kind of value. Order of the checks mirrors schema.py."""
    if hasattr(kind, "json_schema"):  # kinds defined outside schema.py describe themselves
        return kind.json_schema()
    if isinstance(kind, schema.Markdown | schema.Text):
        result: dict[str, Any] = {"type": "string", "minLength": kind.min_length, "maxLength": kind.length_limit()}
        if kind.single_line:
            result["pattern"] = r"^[^\n]*\n?$"
        return result
    if isinstance(kind, schema.Url):
        return {"type": "string", "pattern": r"^https?://[^\s/]+\S*$", "maxLength": schema.MAX_URL}
    if isinstance(kind, schema.Email):
        return {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"}
    if isinstance(kind, schema.Date):
        return {"type": "string", "format": "date", "pattern": DATE_REGEX}
    if isinstance(kind, schema.Number):
        result = {"type": "integer" if kind.whole else "number"}
        if kind.minimum is not None:
            result["minimum"] = kind.minimum
        if kind.maximum is not None:
            result["maximum"] = kind.maximum
        return result
    if isinstance(kind, schema.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, schema.Pattern):
        return {"anyOf": [{"type": "string", "pattern": f"^{kind.regex}$"}, {"type": "integer", "minimum": 0}]}
    if isinstance(kind, schema.Choice):
        return {"enum": kind.values, "markdownEnumDescriptions": [meaning for _, meaning in kind.options]}
    if isinstance(kind, schema.Ref):
        known = ids.get(kind.collection)
        if known:
            return {"type": "string", "enum": known}
        return {"type": "string", "pattern": ID_REGEX if kind.collection != "places" else ".+"}
    if isinstance(kind, schema.ListOf):
        result = {"type": "array", "items": kind_schema(kind.item, ids), "minItems": kind.min_items, "maxItems": kind.max_items}
        if kind.unique:
            result["uniqueItems"] = True
        return result
    if isinstance(kind, schema.Starts):
        dates = {
            "type": "array",
            "items": kind_schema(schema.Date(), ids),
            "minItems": 1,
            "maxItems": schema.MAX_STARTS,
            "uniqueItems": True,
        }
        return {"anyOf": [{"const": "doorlopend"}, dates]}
    if isinstance(kind, schema.OrWord):
        return {"anyOf": [{"const": kind.word, "description": kind.meaning}, kind_schema(kind.record, ids)]}
    if isinstance(kind, schema.Record):
        properties = {}
        for field in kind.fields:
            prop = kind_schema(field.kind, ids)
            limits = field.kind.limits()
            prop["description"] = f"{field.help} ({required_label(field)}{'; ' + limits if limits else ''})"
            if field.example is not None:
                prop["examples"] = [field.example]
            properties[field.name] = prop
        return {
            "type": "object",
            "properties": properties,
            "required": [field.name for field in kind.fields if field.required],
            "additionalProperties": False,
        }
    if isinstance(kind, schema.WordMap):
        return {
            "type": "object",
            "propertyNames": {"minLength": 1, "pattern": r"^[^\n]+$"},
            "additionalProperties": kind_schema(kind.value, ids),
        }
    if isinstance(kind, schema.MapOf):
        return {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_REGEX},
            "additionalProperties": kind_schema(kind.item, ids),
        }
    raise TypeError(f"no JSON Schema for {kind!r}")


def required_label(field: schema.Field) -> str:
    return "verplicht" if field.required else "aanbevolen" if field.recommended else "mag"


def json_schema(file_type: FileType, ids: dict[str, list[str]]) -> dict[str, Any]:
    body = kind_schema(file_type.kind, ids)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://scholingsgids.example.org/{SCHEMA_DIR}/{file_type.name}.schema.json",
        "title": f"Scholingsgids: {file_type.title.lower()} ({file_type.files})",
        "description": "Gemaakt uit builder/schema.py met 'scholing schema'; niet met de hand wijzigen. Uitleg: docs/content.md",
        **body,
    }


def stable_ids(content_dir: Path) -> dict[str, list[str]]:
    """Ids from the lists that rarely change, for completion in the editor."""
    import yaml

    ids: dict[str, list[str]] = {}
    for collection, file_name in (("levels", "levels.yaml"), ("sectors", "sectors.yaml")):
        path = content_dir / file_name
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
        if isinstance(data, dict):
            ids[collection] = sorted(str(key) for key in data)
    regions = content_dir / "regions.yaml"
    data = yaml.safe_load(regions.read_text(encoding="utf-8")) if regions.is_file() else None
    if isinstance(data, dict):
        ids["places"] = sorted({str(p) for r in data.values() if isinstance(r, dict) for p in r.get("places") or []})
    situations = content_dir / "situations"
    if situations.is_dir():
        ids["situations"] = sorted(p.stem for p in situations.glob("*.md"))
    return ids


def schema_files(content_dir: Path) -> dict[str, str]:
    ids = stable_ids(content_dir)
    files = {
        f"{SCHEMA_DIR}/{file_type.name}.schema.json": json.dumps(json_schema(file_type, ids), ensure_ascii=False, indent=2) + "\n"
        for file_type in FILE_TYPES
    }
    files[passport.SCHEMA_PATH] = passport.schema_text()  # not content: the format of a visitor's own skills list
    files[".vscode/settings.json"] = (
        json.dumps(
            {
                "yaml.schemas": {f"./{SCHEMA_DIR}/{t.name}.schema.json": t.files for t in FILE_TYPES if t.files.endswith(".yaml")},
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    return files


# The guide's field tables --------------------------------------------------------------------------------

TABLES = {
    "course": schema.COURSE,
    "price": schema.PRICE,
    "duration": schema.DURATION,
    "codes": schema.CODES,
    "provider": schema.PROVIDER,
    "funding": schema.FUNDING,
    "situation": schema.SITUATION,
    "page": schema.PAGE,
    "sector": schema.SECTOR,
    "level": schema.LEVEL,
    "region": schema.REGION,
    "place": schema.PLACE,
    "site": schema.SITE,
    "search": schema.SEARCH,
    "term": schema.TERM,
    "advice": schema.SITE.field("advice").kind,
    "skill_group": skill_schema.SKILL_GROUP,
    "skill": skill_schema.SKILL,
    "occupation": skill_schema.OCCUPATION,
    "occupation_skills": skill_schema.OCCUPATION_SKILLS,
    "outlook": skill_schema.OUTLOOK,
    "transition": skill_schema.TRANSITION,
    "contact": skill_schema.CONTACT,
    "story": skill_schema.STORY,
}
NESTED_PREFIX = {
    "price": "price.",
    "duration": "duration.",
    "codes": "codes.",
    "advice": "advice.",
    "term": "<id>.",
    "skill": "skills.<id>.",
    "occupation_skills": "skills.",
    "outlook": "outlook.",
    "contact": "contacts[].",
    "story": "story.",
}
TABLE_BLOCK = re.compile(r"(<!-- velden: (\w+) -->\n)(.*?)(<!-- einde velden -->)", re.S)


def field_table(name: str) -> str:
    record = TABLES[name]
    prefix = NESTED_PREFIX.get(name, "")
    rows = ["| Veld | Nodig? | Wat | Soort waarde | Grenzen |", "| --- | --- | --- | --- | --- |"]
    for field in record.fields:
        kind = field.kind
        described = kind.describe()
        if prefix == "" and isinstance(kind, schema.Record | schema.OrWord):
            described = "een groep velden (zie hieronder)"
            if isinstance(kind, schema.OrWord):
                described = f"'{kind.word}' of {described}"
        rows.append(f"| `{prefix}{field.name}` | {required_label(field)} | {field.help} | {described} | {kind.limits() or '-'} |")
    return "\n".join(rows) + "\n"


def guide_with_tables(text: str) -> str:
    return TABLE_BLOCK.sub(lambda m: m.group(1) + field_table(m.group(2)) + m.group(4), text)


def write_all(root: Path, content_dir: Path) -> list[Path]:
    """Write the schemas, the VS Code settings and the guide's tables; return what changed."""
    changed: list[Path] = []
    outputs = schema_files(content_dir)
    guide = root / GUIDE
    if guide.is_file():
        outputs[GUIDE] = guide_with_tables(guide.read_text(encoding="utf-8"))
    for relative, text in outputs.items():
        path = root / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed

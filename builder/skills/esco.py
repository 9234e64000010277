"""`scholing import esco PATH`: read the official ESCO CSV download and use it in the content folder.

Two uses: create occupation files (and the skills they need) for occupations an editor names, or fill
the `esco_label` reference fields of existing files and check their URIs. ESCO's Dutch labels are a
starting point: editors own the label shown on the site.

The CSV format (per language `skills_nl.csv`, `occupations_nl.csv`; the relations file is
`occupationSkillRelations.csv` in ESCO v1.1 and `occupationSkillRelations_nl.csv` in v1.2) has BOMs,
multi-line cells for alternative labels, tabs and non-breaking spaces; all are cleaned here.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.config import UsageError
from builder.schema import ID_PATTERN

SKILL_TYPES = {"skill/competence": "vaardigheid", "knowledge": "kennis"}
REUSE_LEVELS = {
    "transversal": "transversaal",
    "cross-sector": "sectoroverstijgend",
    "sector-specific": "sectorspecifiek",
    "occupation-specific": "beroepsspecifiek",
}
IMPORT_GROUP = "esco-import"
URI_LINE = re.compile(r"^(?P<indent>\s*)esco_uri:\s*(?P<uri>\S+)\s*$")
LABEL_LINE = re.compile(r"^\s*esco_label:.*$")


def clean(text: str | None) -> str:
    """One line of text: tabs, non-breaking and repeated spaces become one space."""
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()


def split_labels(cell: str | None, leave_out: str = "") -> tuple[str, ...]:
    """A multi-line cell as separate labels, without duplicates (case-insensitive) or the preferred label."""
    seen = {leave_out.casefold()} if leave_out else set()
    labels = []
    for line in (cell or "").splitlines():
        label = clean(line)
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
    return tuple(labels)


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    type: str | None  # vaardigheid / kennis
    reuse: str | None
    description: str
    status: str


@dataclass
class EscoOccupation:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    isco: str | None
    description: str
    status: str
    essential: list[str] = field(default_factory=list)  # skill URIs
    optional: list[str] = field(default_factory=list)


@dataclass
class EscoData:
    skills: dict[str, EscoSkill]
    occupations: dict[str, EscoOccupation]
    files: tuple[Path, ...]

    def find_occupation(self, wanted: str) -> EscoOccupation:
        """By URI, or by its Dutch preferred or alternative label (case-insensitive)."""
        wanted = clean(wanted)
        if wanted in self.occupations:
            return self.occupations[wanted]
        key = wanted.casefold()
        exact = [o for o in self.occupations.values() if o.label.casefold() == key]
        if not exact:
            exact = [o for o in self.occupations.values() if key in (a.casefold() for a in o.alt_labels)]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            options = ", ".join(f"{o.label} ({o.uri})" for o in exact)
            raise UsageError(f"'{wanted}' past bij meer beroepen in ESCO: {options}. Geef het ESCO-adres.")
        import difflib

        close = difflib.get_close_matches(wanted, [o.label for o in self.occupations.values()], n=3, cutoff=0.6)
        hint = f" Bedoelde je: {', '.join(close)}?" if close else ""
        raise UsageError(f"beroep '{wanted}' staat niet in de ESCO-bestanden.{hint}")


def rows(path: Path) -> Iterator[dict[str, str]]:
    """CSV rows with clean column names; `utf-8-sig` drops the BOM that ESCO's files start with."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [clean(name) for name in next(reader, [])]
        for row in reader:
            if any(cell.strip() for cell in row):
                yield dict(zip(header, row, strict=False))


def find_file(folder: Path, pattern: str, what: str) -> Path:
    matches = sorted(folder.glob(pattern))
    if not matches:
        raise UsageError(f"{what} niet gevonden in {folder} (gezocht naar {pattern}). Pak de ESCO-download (CSV) eerst uit.")
    return matches[-1]  # with both present, the language-specific v1.2 name sorts last


def read_esco(folder: Path, language: str = "nl") -> EscoData:
    if not folder.is_dir():
        raise UsageError(f"map {folder} bestaat niet; geef de uitgepakte ESCO-download (CSV).")
    skills_file = find_file(folder, f"skills_{language}.csv", "het bestand met vaardigheden")
    occupations_file = find_file(folder, f"occupations_{language}.csv", "het bestand met beroepen")
    relations_file = find_file(folder, "occupationSkillRelations*.csv", "het bestand met de relaties tussen beroepen en vaardigheden")
    skills = {}
    for row in rows(skills_file):
        uri = clean(row.get("conceptUri"))
        label = clean(row.get("preferredLabel"))
        if not uri:
            continue
        skills[uri] = EscoSkill(
            uri=uri,
            label=label,
            alt_labels=split_labels(row.get("altLabels"), label),
            type=SKILL_TYPES.get(clean(row.get("skillType"))),
            reuse=REUSE_LEVELS.get(clean(row.get("reuseLevel"))),
            description=clean(row.get("description") or row.get("definition")),
            status=clean(row.get("status")),
        )
    occupations = {}
    for row in rows(occupations_file):
        uri = clean(row.get("conceptUri"))
        label = clean(row.get("preferredLabel"))
        if not uri:
            continue
        occupations[uri] = EscoOccupation(
            uri=uri,
            label=label,
            alt_labels=split_labels(row.get("altLabels"), label),
            isco=clean(row.get("iscoGroup"))[:4] or None,
            description=clean(row.get("description") or row.get("definition")),
            status=clean(row.get("status")),
        )
    for row in rows(relations_file):
        occupation = occupations.get(clean(row.get("occupationUri")))
        skill_uri = clean(row.get("skillUri"))
        if occupation is None or not skill_uri:
            continue
        target = occupation.essential if clean(row.get("relationType")) == "essential" else occupation.optional
        if skill_uri not in target:
            target.append(skill_uri)
    return EscoData(skills, occupations, (skills_file, occupations_file, relations_file))


def slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-") or "item"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def existing_uris(content_dir: Path) -> tuple[dict[str, str], set[str], set[str]]:
    """(ESCO skill URI -> skill id, skill ids, occupation ids) already in the content folder."""
    by_uri: dict[str, str] = {}
    skill_ids: set[str] = set()
    for path in sorted((content_dir / "skills").glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for skill_id, skill in (data.get("skills") or {}).items() if isinstance(data, dict) else ():
            skill_ids.add(str(skill_id))
            if isinstance(skill, dict) and skill.get("esco_uri"):
                by_uri[str(skill["esco_uri"]).strip()] = str(skill_id)
    occupation_ids = {p.stem for p in (content_dir / "occupations").glob("*.y*ml")}
    return by_uri, skill_ids, occupation_ids


def description_of(text: str, label: str) -> str:
    """The schema asks 20 to 300 characters; ESCO's texts are longer or sometimes missing."""
    if len(text) > 300:
        cut = text[:297].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + "..."
    return text if len(text) >= 20 else f"{label} (beschrijving nog schrijven)."


@dataclass
class ImportResult:
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


GROUP_NAME = "Uit ESCO (nog indelen)"
GROUP_TEXT = "Vaardigheden die 'scholing import esco' heeft toegevoegd. Controleer de namen en zet ze in de goede groep."
OCCUPATION_HEADER = "# Gemaakt met 'scholing import esco' uit ESCO. Controleer naam, beschrijving en vaardigheden; voeg 'outlook' toe.\n"
GROUP_HEADER = "# Gemaakt met 'scholing import esco'. Verplaats de vaardigheden naar de goede groep.\n"


@dataclass
class SkillFiler:
    """Finds the content skill for an ESCO skill URI, or adds a new one to the import group."""

    data: EscoData
    by_uri: dict[str, str]
    taken: set[str]
    new_skills: dict[str, Any]

    def skill_id(self, uri: str) -> str | None:
        if uri in self.by_uri:
            return self.by_uri[uri]
        skill = self.data.skills.get(uri)
        if skill is None:
            return None
        new_id = slug(skill.label, self.taken)
        entry: dict[str, Any] = {
            "label": skill.label,
            "description": description_of(skill.description, skill.label),
            "type": skill.type or "vaardigheid",
            "reuse": skill.reuse or "sectorspecifiek",
        }
        if skill.alt_labels:
            entry["alt_labels"] = list(skill.alt_labels)
        entry["esco_uri"] = skill.uri
        entry["esco_label"] = skill.label
        self.new_skills[new_id] = entry
        self.by_uri[uri] = new_id
        return new_id


def occupation_uris(content_dir: Path) -> set[str]:
    uris = set()
    for path in (content_dir / "occupations").glob("*.y*ml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("esco_uri"):
            uris.add(str(data["esco_uri"]).strip())
    return uris


def import_occupations(data: EscoData, content_dir: Path, wanted: list[str], sector: str, group: str = IMPORT_GROUP) -> ImportResult:
    """Occupation files for the named occupations; skills not yet in the content go into one group file."""
    if not ID_PATTERN.match(group):
        raise UsageError(f"groep '{group}' mag alleen kleine letters, cijfers en '-' bevatten.")
    chosen = [data.find_occupation(name) for name in wanted]  # every name checked before anything is written
    result = ImportResult()
    by_uri, skill_ids, occupation_ids = existing_uris(content_dir)
    known_occupations = occupation_uris(content_dir)
    group_path = content_dir / "skills" / f"{group}.yaml"
    group_data: dict[str, Any] = {}
    if group_path.is_file():
        group_data = yaml.safe_load(group_path.read_text(encoding="utf-8")) or {}
    group_data.setdefault("name", GROUP_NAME)
    group_data.setdefault("description", GROUP_TEXT)
    group_data["skills"] = group_data.get("skills") or {}
    filer = SkillFiler(data, by_uri, skill_ids, group_data["skills"])
    for occupation in chosen:
        if occupation.uri in known_occupations:
            result.messages.append(f"{occupation.label}: staat al in content/occupations/ (zelfde ESCO-adres); overgeslagen.")
            continue
        known_occupations.add(occupation.uri)
        missing = [uri for uri in occupation.essential + occupation.optional if uri not in data.skills and uri not in by_uri]
        for uri in missing:
            result.messages.append(f"{occupation.label}: vaardigheid {uri} staat niet in {data.files[0].name}; overgeslagen.")
        essential = [s for s in (filer.skill_id(uri) for uri in occupation.essential) if s]
        optional = [s for s in (filer.skill_id(uri) for uri in occupation.optional) if s and s not in essential]
        record: dict[str, Any] = {
            "name": occupation.label[:1].upper() + occupation.label[1:],
            "description": (occupation.description or f"{occupation.label} (beschrijving nog schrijven).") + "\n",
            "sector": sector,
            "skills": {"essential": essential, "optional": optional},
        }
        if occupation.alt_labels:
            record["alt_names"] = list(occupation.alt_labels)
        if occupation.isco:
            record["isco"] = occupation.isco
        record["esco_uri"] = occupation.uri
        record["esco_label"] = occupation.label
        path = content_dir / "occupations" / f"{slug(occupation.label, occupation_ids)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(OCCUPATION_HEADER + dump(record), encoding="utf-8")
        result.created.append(path)
        if not essential:
            result.messages.append(f"{occupation.label}: ESCO noemt geen kernvaardigheden; vul 'skills.essential' zelf in.")
    if group_data["skills"]:
        existed = group_path.is_file()
        group_path.parent.mkdir(parents=True, exist_ok=True)
        group_path.write_text(GROUP_HEADER + dump(group_data), encoding="utf-8")
        (result.updated if existed else result.created).append(group_path)
    return result


def fill_labels(data: EscoData, content_dir: Path) -> ImportResult:
    """Write ESCO's Dutch label next to every `esco_uri` (as `esco_label`) and report URIs ESCO does not know."""
    result = ImportResult()
    files = sorted((content_dir / "skills").glob("*.y*ml")) + sorted((content_dir / "occupations").glob("*.y*ml"))
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        changed = False
        index = 0
        while index < len(lines):
            match = URI_LINE.match(lines[index].rstrip("\n"))
            if not match:
                index += 1
                continue
            uri, indent = match["uri"].strip("'\""), match["indent"]
            concept = data.occupations.get(uri) or data.skills.get(uri)
            relative = path.relative_to(content_dir.parent) if content_dir.parent in path.parents else path
            if concept is None:
                result.messages.append(
                    f"{relative}:{index + 1}: {uri} staat niet in de ESCO-bestanden (verkeerd adres of andere ESCO-versie)."
                )
                index += 1
                continue
            if concept.status and concept.status != "released":
                result.messages.append(f"{relative}:{index + 1}: {uri} heeft in ESCO de status '{concept.status}'.")
            new_line = f"{indent}esco_label: {yaml_scalar(concept.label)}\n"
            # an esco_label right after or right before the URI (same indent) is replaced, otherwise inserted
            neighbours = [i for i in (index + 1, index - 1) if 0 <= i < len(lines) and is_label_line(lines[i], indent)]
            if neighbours:
                if lines[neighbours[0]] != new_line:
                    lines[neighbours[0]] = new_line
                    changed = True
            else:
                lines.insert(index + 1, new_line)
                changed = True
            index += 2
        if changed:
            path.write_text("".join(lines), encoding="utf-8")
            result.updated.append(path)
    return result


def is_label_line(line: str, indent: str) -> bool:
    return bool(LABEL_LINE.match(line)) and line.startswith(indent + "esco_label:")


def yaml_scalar(text: str) -> str:
    """A label as a YAML value on one line, quoted only when YAML needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()

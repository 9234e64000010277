"""Checks that span several content files: skill ids across groups, occupations, courses, transitions."""

from __future__ import annotations

from collections.abc import Mapping

from builder import schema
from builder.problems import Problems
from builder.sources import Document


def skills_of_group(document: Document) -> dict:
    data = document.data if isinstance(document.data, dict) else {}
    skills = data.get("skills")
    return skills if isinstance(skills, dict) else {}


def collect_skill_ids(groups: Mapping[str, Document], unreadable: set[str] | None, problems: Problems) -> set[str]:
    """Every skill id, from all group files; an id may be defined only once, in one group.

    When a group file could not be read, its own error says so and skill references go unchecked.
    """
    if unreadable:
        return schema.UNCHECKED
    owner: dict[str, str] = {}
    for group_id, document in groups.items():
        for skill_id in skills_of_group(document):
            skill_id = str(skill_id)
            if skill_id in owner:
                line, column = document.where(("skills", skill_id), key=True)
                problems.error(
                    document.path,
                    line,
                    column,
                    f"dubbele vaardigheid '{skill_id}': die staat al in groep '{owner[skill_id]}' "
                    f"(content/skills/{owner[skill_id]}.yaml). Een vaardigheid hoort bij één groep.",
                )
                continue
            owner[skill_id] = group_id
    return set(owner)


def check_skill_rules(content, problems: Problems) -> None:
    """Cross-file rules; `content` is a `builder.content.Content`."""
    used_by_occupations: set[str] = set()
    for document in content.occupations.values():
        data = document.data if isinstance(document.data, dict) else {}
        skills = data.get("skills") if isinstance(data.get("skills"), dict) else {}
        essential = [s for s in skills.get("essential") or [] if isinstance(s, str)] if isinstance(skills.get("essential"), list) else []
        optional = [s for s in skills.get("optional") or [] if isinstance(s, str)] if isinstance(skills.get("optional"), list) else []
        used_by_occupations.update(essential, optional)
        for index, skill_id in enumerate(optional):
            if skill_id in essential:
                line, column = document.where(("skills", "optional", index))
                problems.error(
                    document.path,
                    line,
                    column,
                    f"vaardigheid '{skill_id}' staat zowel bij 'essential' als bij 'optional'; kies één van de twee.",
                )
    if content.occupations:
        for document in content.courses.values():
            data = document.data if isinstance(document.data, dict) else {}
            if data.get("draft") is True or not isinstance(data.get("skills"), list):
                continue
            skills = [s for s in data["skills"] if isinstance(s, str)]
            if skills and not used_by_occupations.intersection(skills):
                line, column = document.where(("skills",))
                problems.warning(
                    document.path,
                    line,
                    column,
                    "geen enkel beroep in content/occupations/ vraagt om de vaardigheden van deze opleiding "
                    f"({', '.join(skills)}); de opleiding verschijnt daarom op geen enkele overstappagina. "
                    "Voeg ze toe aan een beroep, of kies vaardigheden die beroepen wel vragen.",
                )
    pairs: dict[tuple[str, str], str] = {}
    for transition_id, document in content.transitions.items():
        data = document.data if isinstance(document.data, dict) else {}
        source, target = data.get("from"), data.get("to")
        if not isinstance(source, str) or not isinstance(target, str):
            continue
        if source == target:
            line, column = document.where(("to",))
            problems.error(document.path, line, column, f"'from' en 'to' zijn allebei '{source}'; een overstap gaat naar een ander beroep.")
        elif (source, target) in pairs:
            line, column = document.where(("from",))
            problems.error(
                document.path,
                line,
                column,
                f"de overstap van '{source}' naar '{target}' staat al in content/transitions/{pairs[(source, target)]}.yaml; "
                "zet alles in één bestand.",
            )
        else:
            pairs[(source, target)] = transition_id

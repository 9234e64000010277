"""The skills vocabulary and occupations in the open data file (data/opleidingen.json)."""

from __future__ import annotations

from typing import Any

from builder import urls
from builder.skills.model import Occupation, Skill, Vocabulary


def skill_record(skill: Skill, links: urls.Links) -> dict[str, Any]:
    return {
        "id": skill.id,
        "url": links.absolute(urls.skill(skill.id)),
        "label": skill.label,
        "description": skill.description,
        "type": skill.type,
        "reuse": skill.reuse,
        "group": {"id": skill.group.id, "name": skill.group.name},
        "alt_labels": list(skill.alt_labels),
        "esco_uri": skill.esco_uri,
        "competentnl_uri": skill.competentnl_uri,
    }


def occupation_record(occupation: Occupation, links: urls.Links) -> dict[str, Any]:
    outlook = occupation.outlook
    return {
        "id": occupation.id,
        "url": links.absolute(urls.occupation(occupation.id)),
        "name": occupation.name,
        "alt_names": list(occupation.alt_names),
        "description": occupation.description.strip(),
        "sector": occupation.sector.id,
        "isco": occupation.isco,
        "esco_uri": occupation.esco_uri,
        "competentnl_uri": occupation.competentnl_uri,
        "outlook": {"kansen": outlook.chances, "source": outlook.source, "source_url": outlook.source_url, "date": outlook.date.isoformat()}
        if outlook
        else None,
        "essential_skills": [s.id for s in occupation.essential],
        "optional_skills": [s.id for s in occupation.optional],
    }


def vocabulary_records(vocabulary: Vocabulary, links: urls.Links) -> dict[str, Any]:
    """Empty when the catalogue has no skills, so older consumers see the same file as before."""
    if not vocabulary.in_use:
        return {}
    return {
        "skills": [skill_record(skill, links) for group in vocabulary.groups for skill in group.skills],
        "occupations": [occupation_record(occupation, links) for occupation in vocabulary.sorted_occupations],
    }

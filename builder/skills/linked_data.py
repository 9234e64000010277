"""schema.org for the skills layer: an Occupation with its skills, and skills as DefinedTerms (for Course.teaches)."""

from __future__ import annotations

from typing import Any

from builder import urls
from builder.formatting import plain_markdown
from builder.skills.model import Occupation, Skill


def defined_term(skill: Skill, links: urls.Links) -> dict[str, Any]:
    term: dict[str, Any] = {"@type": "DefinedTerm", "name": skill.label, "url": links.absolute(urls.skill(skill.id))}
    if skill.esco_uri:
        term["sameAs"] = skill.esco_uri
        term["inDefinedTermSet"] = "http://data.europa.eu/esco/skill"
    return term


def occupation_json_ld(occupation: Occupation, links: urls.Links) -> dict[str, Any]:
    page = links.absolute(urls.occupation(occupation.id))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "@id": page,
        "url": page,
        "name": occupation.name,
        "description": plain_markdown(occupation.description),
        "skills": [defined_term(skill, links) for skill in occupation.essential + occupation.optional],
        "occupationLocation": {"@type": "Country", "name": "Nederland"},
    }
    if occupation.alt_names:
        data["alternateName"] = list(occupation.alt_names)
    if occupation.isco:
        data["occupationalCategory"] = {"@type": "CategoryCode", "codeValue": occupation.isco, "inCodeSet": "ISCO-08"}
    if occupation.esco_uri:
        data["sameAs"] = occupation.esco_uri
    return data

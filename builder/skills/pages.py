"""Pages of the skills layer: skills, occupations and transitions, plus their schema.org data.

`builder.render` imports this module while it loads, hence `render.PageSpec` rather than a name import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from builder import render, urls
from builder.formatting import in_sentence, plain_markdown
from builder.skills import matching, passport
from builder.skills.linked_data import occupation_json_ld
from builder.skills.model import TRANSITION_SITUATION, Vocabulary

HOME = ("Home", urls.HOME)
SKILLS = ("Vaardigheden", urls.SKILLS)
OCCUPATIONS = ("Beroepen", urls.OCCUPATIONS)
TRANSITIONS = ("Overstappen", urls.TRANSITIONS)
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


def skill_pages(vocabulary: Vocabulary, site_name: str) -> Iterator[render.PageSpec]:
    if not vocabulary.in_use:
        return
    yield render.PageSpec(
        urls.SKILLS,
        "skills/skills_index.html",
        "Vaardigheden",
        f"Alle {len(vocabulary.skills)} vaardigheden in {site_name}, per groep: welke beroepen ze vragen en welke opleidingen ze leren.",
        {"vocabulary": vocabulary},
        (HOME,),
    )
    for skill in vocabulary.skills.values():
        essential, optional = vocabulary.occupations_needing(skill)
        yield render.PageSpec(
            urls.skill(skill.id),
            "skills/skill.html",
            skill.label,
            skill.description,
            {"skill": skill, "essential_for": essential, "optional_for": optional, "courses": vocabulary.courses_teaching(skill)},
            (HOME, SKILLS),
        )
    yield passport.page_spec(vocabulary, (HOME, SKILLS))
    if not vocabulary.occupations:
        return
    yield render.PageSpec(
        urls.OCCUPATIONS,
        "skills/occupations_index.html",
        "Beroepen",
        f"{len(vocabulary.occupations)} beroepen: wat je doet, welke vaardigheden nodig zijn en hoe je erin komt.",
        {"vocabulary": vocabulary},
        (HOME,),
    )
    for occupation in vocabulary.sorted_occupations:
        yield render.PageSpec(
            urls.occupation(occupation.id),
            "skills/occupation.html",
            occupation.name,
            plain_markdown(occupation.description)[:200],
            {
                "occupation": occupation,
                "course_fits": vocabulary.courses_preparing_for(occupation),
                "routes_from": vocabulary.routes_from[occupation.id],
                "routes_to": vocabulary.routes_to(occupation),
            },
            (HOME, OCCUPATIONS),
        )
    yield render.PageSpec(
        urls.TRANSITIONS,
        "skills/transitions_index.html",
        "Overstappen naar ander werk",
        "Kies je beroep van nu. Zie welk werk met veel vraag naar mensen dichtbij ligt, wat je nog leert en welke opleidingen helpen.",
        {"vocabulary": vocabulary},
        (HOME,),
    )
    for source in vocabulary.sorted_occupations:
        routes = vocabulary.routes_from[source.id]
        yield render.PageSpec(
            urls.transitions_from(source.id),
            "skills/transitions_from.html",
            f"Overstappen als {in_sentence(source.name)}",
            f"Werk waar je als {in_sentence(source.name)} naartoe kunt, met hoeveel je al kunt en wat je nog leert.",
            {"source": source, "routes": routes},
            (HOME, TRANSITIONS),
        )
        for transition in routes:
            target = transition.target
            yield render.PageSpec(
                urls.transition(source.id, target.id),
                "skills/transition.html",
                f"Van {in_sentence(source.name)} naar {in_sentence(target.name)}",
                f"Je hebt al {len(transition.gap.have_essential)} van de {transition.gap.essential_count} kernvaardigheden van "
                f"{in_sentence(target.name)}. Zie wat je nog leert, welke opleidingen helpen en wie het betaalt.",
                {"transition": transition},
                (HOME, TRANSITIONS, (source.name, urls.transitions_from(source.id))),
            )


def footer_links(vocabulary: Vocabulary) -> dict[str, bool]:
    """What the footer of every page links to; a flag per page type, so the base template never reads the catalogue."""
    return {"skills": vocabulary.in_use, "occupations": bool(vocabulary.occupations), "esco": vocabulary.uses_esco}


def situation_context(vocabulary: Vocabulary, situation_id: str) -> dict[str, Any]:
    """The 'Ik wil overstappen' page asks 'Wat is je beroep nu?'; other situations get nothing extra."""
    if situation_id != TRANSITION_SITUATION or not vocabulary.occupations:
        return {}
    return {"occupation_choices": vocabulary.occupations_by_sector()}


def template_globals(links: urls.Links) -> dict[str, Any]:
    return {
        "occupation_json_ld": lambda occupation: occupation_json_ld(occupation, links),
        "esco_attribution": ESCO_ATTRIBUTION,
        "transition_rule": {
            "min_shared": matching.MIN_SHARED_ESSENTIAL,
            "min_coverage": matching.MIN_COVERAGE,
            "max_targets": matching.MAX_TARGETS,
        },
    }

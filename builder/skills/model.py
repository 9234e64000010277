"""Skills, occupations and transitions as linked objects; built after validation, no HTML here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from builder.skills import matching

if TYPE_CHECKING:
    from builder.content import Content
    from builder.model import Course, Funding, Sector, Situation

TRANSITION_SITUATION = "overstappen"  # the situation page that leads into the transition pages
SKILL_TYPE_LABELS = {"vaardigheid": "Vaardigheid", "kennis": "Kennis"}
REUSE_LABELS = {
    "transversaal": "In bijna elk beroep bruikbaar",
    "sectoroverstijgend": "In beroepen in meer sectoren bruikbaar",
    "sectorspecifiek": "Hoort bij één sector",
    "beroepsspecifiek": "Hoort bij één beroep",
}
CHANCE_LABELS = {"groot": "Grote kans op werk", "redelijk": "Redelijke kans op werk", "klein": "Kleine kans op werk"}


@dataclass(eq=False)
class SkillGroup:
    id: str
    name: str
    description: str
    order: int
    skills: tuple[Skill, ...] = ()


@dataclass(eq=False)
class Skill:
    id: str
    label: str
    description: str
    type: str
    reuse: str
    alt_labels: tuple[str, ...]
    group: SkillGroup
    esco_uri: str | None
    competentnl_uri: str | None

    @property
    def type_label(self) -> str:
        return SKILL_TYPE_LABELS[self.type]

    @property
    def reuse_label(self) -> str:
        return REUSE_LABELS[self.reuse]


@dataclass(frozen=True)
class Outlook:
    chances: str
    source: str
    source_url: str | None
    date: dt.date

    @property
    def label(self) -> str:
        return CHANCE_LABELS[self.chances]


@dataclass(eq=False)
class Occupation:
    id: str
    name: str
    description: str
    sector: Sector
    essential: tuple[Skill, ...]
    optional: tuple[Skill, ...]
    alt_names: tuple[str, ...]
    outlook: Outlook | None
    isco: str | None
    esco_uri: str | None
    competentnl_uri: str | None

    @property
    def in_demand(self) -> bool:
        """A target worth moving to: a growth sector, unless the outlook says otherwise."""
        return self.sector.growth and (self.outlook is None or self.outlook.chances != matching.POOR_OUTLOOK)


@dataclass(frozen=True)
class Contact:
    name: str
    text: str
    url: str | None
    phone: str | None


@dataclass(frozen=True)
class Story:
    name: str
    text: str


@dataclass(frozen=True)
class CuratedTransition:
    id: str
    source_id: str
    target_id: str
    intro: str
    funding_ids: tuple[str, ...]
    contacts: tuple[Contact, ...]
    story: Story | None


@dataclass(frozen=True)
class Transition:
    """One route from an occupation to another, with everything its page shows.

    Compared by value, so an incremental rebuild sees an unchanged route as unchanged.
    """

    source: Occupation
    target: Occupation
    gap: matching.Gap[Skill]
    curated: CuratedTransition | None
    courses: tuple[matching.CourseFit[Course, Skill], ...]
    untaught: tuple[Skill, ...]  # essential skills no course teaches
    funding: tuple[Funding, ...]


@dataclass
class Vocabulary:
    source_key: tuple = ()  # the content it was built from, by value: equal keys mean equal skills and occupations
    groups: tuple[SkillGroup, ...] = ()
    skills: dict[str, Skill] = field(default_factory=dict)
    occupations: dict[str, Occupation] = field(default_factory=dict)
    curated: dict[tuple[str, str], CuratedTransition] = field(default_factory=dict)
    courses: tuple[Course, ...] = ()  # the catalogue's available courses
    situation: Situation | None = None
    funding: tuple[Funding, ...] = ()
    # gap (missing skill ids) -> (candidate courses, ranking): this build's, and the last build's to reuse (serve)
    rankings: dict[tuple, tuple[tuple[Course, ...], list]] = field(default_factory=dict, repr=False, compare=False)
    earlier_rankings: dict[tuple, tuple[tuple[Course, ...], list]] = field(default_factory=dict, repr=False, compare=False)
    earlier_courses: tuple[Course, ...] = field(default=(), repr=False, compare=False)  # the courses those were ranked from

    @property
    def in_use(self) -> bool:
        return bool(self.skills)

    @cached_property
    def uses_esco(self) -> bool:
        return any(s.esco_uri for s in self.skills.values()) or any(o.esco_uri for o in self.occupations.values())

    @property
    def sorted_occupations(self) -> tuple[Occupation, ...]:
        return tuple(sorted(self.occupations.values(), key=lambda o: o.name.casefold()))

    def occupations_by_sector(self) -> list[tuple[Sector, tuple[Occupation, ...]]]:
        sectors: dict[str, list[Occupation]] = {}
        for occupation in self.sorted_occupations:
            sectors.setdefault(occupation.sector.id, []).append(occupation)
        return sorted(
            ((group[0].sector, tuple(group)) for group in sectors.values()),
            key=lambda item: item[0].name.casefold(),
        )

    @cached_property
    def _needed_by(self) -> dict[str, tuple[list[Occupation], list[Occupation]]]:
        needed: dict[str, tuple[list[Occupation], list[Occupation]]] = {s: ([], []) for s in self.skills}
        for occupation in self.sorted_occupations:
            for skill in occupation.essential:
                needed[skill.id][0].append(occupation)
            for skill in occupation.optional:
                needed[skill.id][1].append(occupation)
        return needed

    def occupations_needing(self, skill: Skill) -> tuple[tuple[Occupation, ...], tuple[Occupation, ...]]:
        """(as an essential skill, as an optional skill)."""
        essential, optional = self._needed_by[skill.id]
        return tuple(essential), tuple(optional)

    @cached_property
    def _taught_by(self) -> dict[str, tuple[Course, ...]]:
        """Courses per skill id, in catalogue order: one pass over the catalogue instead of one per page."""
        taught: dict[str, list[Course]] = {}
        for course in self.courses:
            for skill in dict.fromkeys(course.skills):
                taught.setdefault(skill.id, []).append(course)
        return {skill_id: tuple(courses) for skill_id, courses in taught.items()}

    def courses_teaching(self, skill: Skill) -> tuple[Course, ...]:
        return self._taught_by.get(skill.id, ())

    @cached_property
    def _named_for(self) -> dict[str, tuple[Course, ...]]:
        """Occupation id -> the courses that name it, in catalogue order: one pass instead of one per occupation."""
        named: dict[str, list[Course]] = {}
        for course in self.courses:
            for occupation in dict.fromkeys(course.occupations):
                named.setdefault(occupation.id, []).append(course)
        return {occupation_id: tuple(courses) for occupation_id, courses in named.items()}

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(course): n for n, course in enumerate(self.courses)}

    def courses_teaching_any(self, skills: tuple[Skill, ...]) -> tuple[Course, ...]:
        """The only courses that can close a gap of these skills, in catalogue order (ranking ties stay stable)."""
        candidates = {id(course): course for skill in skills for course in self.courses_teaching(skill)}
        positions = self._positions
        return tuple(sorted(candidates.values(), key=lambda course: positions[id(course)]))

    @cached_property
    def _changed_skills(self) -> set[str]:
        """Ids of the skills taught by a course that is new, changed or gone since the earlier rankings."""
        before, now = {id(c) for c in self.earlier_courses}, {id(c) for c in self.courses}
        changed = [c for c in self.earlier_courses if id(c) not in now] + [c for c in self.courses if id(c) not in before]
        return {skill.id for course in changed for skill in course.skills}

    def ranked_courses(self, gap: matching.Gap[Skill]) -> list[matching.CourseFit[Course, Skill]]:
        """`matching.rank_courses` for the courses that teach a missing skill. In `scholing serve` a ranking is
        reused while its candidates are the same course objects: one save re-ranks only the gaps its course is in."""
        key = (tuple(s.id for s in gap.missing_essential), tuple(s.id for s in gap.missing_optional))
        known = self.rankings.get(key)
        if known is None and key in self.earlier_rankings and self._changed_skills.isdisjoint(key[0] + key[1]):
            known = self.earlier_rankings[key]  # no course teaching these skills changed: same candidates, same order
        if known is not None:
            self.rankings[key] = known
            return list(known[1])
        candidates = self.courses_teaching_any(gap.missing)
        known = self.earlier_rankings.get(key)
        if known is None:
            known = (candidates, matching.rank_courses(gap, candidates, lambda c: c.skills, lambda c: c.title))
        elif len(known[0]) != len(candidates) or any(a is not b for a, b in zip(known[0], candidates, strict=False)):
            before, now = {id(c) for c in known[0]}, {id(c) for c in candidates}
            positions = self._positions
            fits = matching.rerank_courses(
                gap,
                known[1],
                lambda c: id(c) not in now,
                [c for c in candidates if id(c) not in before],
                lambda c: c.skills,
                lambda c: c.title,
                lambda c: positions[id(c)],
            )
            known = (candidates, fits)
        self.rankings[key] = known
        return list(known[1])

    def courses_preparing_for(self, occupation: Occupation) -> tuple[matching.CourseFit[Course, Skill], ...]:
        """Courses named for the occupation first, then those teaching its skills (same ranking as a gap from zero)."""
        gap = matching.gap_between((), occupation.essential, occupation.optional)
        fits = self.ranked_courses(gap)
        naming = self._named_for.get(occupation.id, ())
        naming_ids = {id(c) for c in naming}  # by identity: comparing occupations field by field took 60 ms at 10,000 courses
        named = [f for f in fits if id(f.course) in naming_ids]
        ranked = {id(f.course) for f in named}
        named += [matching.CourseFit(c, (), (), 0.0) for c in naming if id(c) not in ranked]
        return tuple(named + [f for f in fits if id(f.course) not in naming_ids])

    def transition(self, source: Occupation, target: Occupation) -> Transition:
        gap = matching.gap_between(source.essential, target.essential, target.optional)
        fits = self.ranked_courses(gap)
        curated = self.curated.get((source.id, target.id))
        funding_by_id = {f.id: f for f in self.funding}
        situation = self.situation
        funding = matching.applicable_funding(
            [funding_by_id[f] for f in curated.funding_ids] if curated else [],
            situation.funding if situation else (),
            [f for f in self.funding if TRANSITION_SITUATION in f.situation_ids],
            is_open=lambda f: f.is_open,
            is_ended=lambda f: f.status == "beeindigd",
        )
        return Transition(source, target, gap, curated, tuple(fits), matching.still_missing_after(gap, fits), tuple(funding))

    @cached_property
    def routes_from(self) -> dict[str, tuple[Transition, ...]]:
        """Per occupation: the generated transitions (the rule in `matching`) plus curated ones."""
        routes: dict[str, tuple[Transition, ...]] = {}
        occupations = self.sorted_occupations
        for source in occupations:
            candidates = []
            for target in occupations:
                if target is source:
                    continue
                gap = matching.gap_between(source.essential, target.essential, target.optional)
                if matching.worth_showing(gap, target.sector.growth, target.outlook.chances if target.outlook else None):
                    candidates.append((target, gap))
            chosen = [target for target, _ in matching.best_targets(candidates)]
            for source_id, target_id in self.curated:
                target = self.occupations[target_id]
                if source_id == source.id and target not in chosen:
                    chosen.append(target)
            transitions = [self.transition(source, target) for target in chosen]
            transitions.sort(key=lambda t: (-t.gap.coverage, len(t.gap.missing_essential), t.target.name.casefold()))
            routes[source.id] = tuple(transitions)
        return routes

    def routes_to(self, target: Occupation) -> tuple[Transition, ...]:
        return tuple(t for routes in self.routes_from.values() for t in routes if t.target is target)

    @property
    def all_transitions(self) -> tuple[Transition, ...]:
        return tuple(t for routes in self.routes_from.values() for t in routes)


def source_key(content: Content, sectors: dict[str, Sector]) -> tuple:
    documents = (content.skill_groups, content.occupations, content.transitions)
    return (
        tuple(tuple((key, repr(document.data)) for key, document in sorted(group.items())) for group in documents),
        tuple(sorted(sectors.items())),
    )


def build_vocabulary(content: Content, sectors: dict[str, Sector], previous: Vocabulary | None = None) -> Vocabulary:
    """Skills and occupations; courses, funding and the situation are attached by `attach`.

    With an unchanged `previous` (same content), its skill and occupation objects are reused: courses and
    pages that show them then compare equal to last time, which incremental rebuilds rely on.
    """
    key = source_key(content, sectors)
    if previous is not None and previous.source_key == key:
        reused = Vocabulary(key, previous.groups, previous.skills, previous.occupations, previous.curated)
        reused.earlier_rankings = previous.rankings  # same skills: the rankings stay valid for the same courses
        reused.earlier_courses = previous.courses
        return reused
    vocabulary = Vocabulary(key)
    groups = []
    for group_id, document in content.skill_groups.items():
        data = document.data
        group = SkillGroup(group_id, data["name"], data["description"].strip(), data.get("order") or 999)
        members = []
        for skill_id, s in (data.get("skills") or {}).items():
            skill = Skill(
                id=skill_id,
                label=s["label"].strip(),
                description=s["description"].strip(),
                type=s["type"],
                reuse=s["reuse"],
                alt_labels=tuple(s.get("alt_labels") or ()),
                group=group,
                esco_uri=s.get("esco_uri"),
                competentnl_uri=s.get("competentnl_uri"),
            )
            vocabulary.skills[skill_id] = skill
            members.append(skill)
        group.skills = tuple(sorted(members, key=lambda s: s.label.casefold()))
        groups.append(group)
    vocabulary.groups = tuple(sorted(groups, key=lambda g: (g.order, g.name.casefold())))
    for occupation_id, document in content.occupations.items():
        data = document.data
        outlook = data.get("outlook")
        vocabulary.occupations[occupation_id] = Occupation(
            id=occupation_id,
            name=data["name"].strip(),
            description=data["description"],
            sector=sectors[data["sector"]],
            essential=tuple(vocabulary.skills[s] for s in data["skills"]["essential"]),
            optional=tuple(vocabulary.skills[s] for s in data["skills"].get("optional") or ()),
            alt_names=tuple(data.get("alt_names") or ()),
            outlook=Outlook(outlook["kansen"], outlook["source"], outlook.get("source_url"), outlook["date"]) if outlook else None,
            isco=str(data["isco"]) if data.get("isco") else None,
            esco_uri=data.get("esco_uri"),
            competentnl_uri=data.get("competentnl_uri"),
        )
    for transition_id, document in content.transitions.items():
        data = document.data
        story = data.get("story")
        vocabulary.curated[(data["from"], data["to"])] = CuratedTransition(
            id=transition_id,
            source_id=data["from"],
            target_id=data["to"],
            intro=data["intro"],
            funding_ids=tuple(data.get("funding") or ()),
            contacts=tuple(Contact(c["name"], c["text"].strip(), c.get("url"), c.get("phone")) for c in data.get("contacts") or ()),
            story=Story(story["name"], story["text"]) if story else None,
        )
    return vocabulary


def attach(vocabulary: Vocabulary, courses: tuple[Course, ...], funding: tuple[Funding, ...], situations: tuple[Situation, ...]) -> None:
    vocabulary.courses = courses
    vocabulary.__dict__.pop("_taught_by", None)  # courses changed: the per-skill index is built again on first use
    vocabulary.__dict__.pop("_positions", None)
    vocabulary.__dict__.pop("_named_for", None)
    vocabulary.__dict__.pop("_changed_skills", None)
    vocabulary.funding = funding
    vocabulary.situation = next((s for s in situations if s.id == TRANSITION_SITUATION), None)

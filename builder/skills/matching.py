"""The rules behind the transition pages, as pure functions (tested on small fixtures).

They work on any hashable skill (ids in tests, `Skill` objects on the site), so the same rule
serves the generated pages now and a visitor's own skills passport later.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

S = TypeVar("S", bound=Hashable)
C = TypeVar("C")

# Which pairs of occupations get a generated transition page (docs/content.md explains this rule).
MIN_COVERAGE = 0.3  # the person already has at least this share of the target's essential skills ...
MIN_SHARED_ESSENTIAL = 3  # ... and at least this many of them
MAX_TARGETS = 8  # per occupation, the best ones
POOR_OUTLOOK = "klein"


@dataclass(frozen=True)
class Gap(Generic[S]):
    """What someone with `have` brings to a target occupation, and what is left to learn."""

    have_essential: tuple[S, ...]
    missing_essential: tuple[S, ...]
    have_optional: tuple[S, ...]
    missing_optional: tuple[S, ...]

    @property
    def essential_count(self) -> int:
        return len(self.have_essential) + len(self.missing_essential)

    @property
    def coverage(self) -> float:
        """Share of the target's essential skills already covered (0..1); optional skills do not count."""
        return len(self.have_essential) / self.essential_count if self.essential_count else 0.0

    @property
    def percent(self) -> int:
        return round(self.coverage * 100)

    @property
    def missing(self) -> tuple[S, ...]:
        """Skills still to learn, essential first."""
        return self.missing_essential + self.missing_optional

    @property
    def shared(self) -> tuple[S, ...]:
        return self.have_essential + self.have_optional


def gap_between(have: Iterable[S], essential: Sequence[S], optional: Sequence[S] = ()) -> Gap[S]:
    owned = set(have)
    return Gap(
        have_essential=tuple(s for s in essential if s in owned),
        missing_essential=tuple(s for s in essential if s not in owned),
        have_optional=tuple(s for s in optional if s in owned),
        missing_optional=tuple(s for s in optional if s not in owned),
    )


@dataclass(frozen=True)
class CourseFit(Generic[C, S]):
    """How much of a gap one course closes."""

    course: C
    closes_essential: tuple[S, ...]
    closes_optional: tuple[S, ...]
    focus: float  # share of the course's skills that are in the gap: a short, focused course ranks above a broad one

    @property
    def closes(self) -> tuple[S, ...]:
        return self.closes_essential + self.closes_optional


def rank_courses(
    gap: Gap[S], courses: Iterable[C], skills_of: Callable[[C], Sequence[S]], name_of: Callable[[C], str]
) -> list[CourseFit[C, S]]:
    """Courses that teach at least one missing skill, most missing essential skills first.

    Ties: more missing optional skills, then the larger share of the course spent on the gap, then name.
    """
    fits = []
    # what a course closes depends only on its skills, and many courses teach the same ones: worked out once
    # per set of skill objects (by identity, so the skills need not be hashed again)
    closing: dict[tuple[int, ...], tuple[tuple[S, ...], tuple[S, ...], float] | None] = {}
    for course in courses:
        skills = skills_of(course)
        key = tuple(map(id, skills))
        if key in closing:
            closes = closing[key]
        else:
            taught = set(skills)
            essential = tuple(s for s in gap.missing_essential if s in taught)
            optional = tuple(s for s in gap.missing_optional if s in taught)
            closes = closing[key] = (essential, optional, (len(essential) + len(optional)) / len(taught)) if essential or optional else None
        if closes is not None:
            fits.append(CourseFit(course, *closes))
    fits.sort(key=lambda f: (-len(f.closes_essential), -len(f.closes_optional), -f.focus, name_of(f.course).casefold()))
    return fits


def rerank_courses(
    gap: Gap[S],
    earlier: Sequence[CourseFit[C, S]],
    gone: Callable[[C], bool],
    added: Iterable[C],
    skills_of: Callable[[C], Sequence[S]],
    name_of: Callable[[C], str],
    position_of: Callable[[C], int],
) -> list[CourseFit[C, S]]:
    """`rank_courses` after a few candidates changed: the earlier ranking without the `gone` courses, with the
    `added` ones put in place. `position_of` is a course's place among the candidates, the tie-break that
    `rank_courses` gets from its stable sort; the result equals a full ranking of the new candidates."""

    def key(fit: CourseFit[C, S]) -> tuple:
        return (-len(fit.closes_essential), -len(fit.closes_optional), -fit.focus, name_of(fit.course).casefold(), position_of(fit.course))

    fits = [fit for fit in earlier if not gone(fit.course)]
    for fit in rank_courses(gap, added, skills_of, name_of):
        bisect.insort(fits, fit, key=key)
    return fits


def still_missing_after(gap: Gap[S], fits: Iterable[CourseFit]) -> tuple[S, ...]:
    """Essential skills that no course in the catalogue teaches: learnt on the job or ask an adviser."""
    taught = {s for fit in fits for s in fit.closes_essential}
    return tuple(s for s in gap.missing_essential if s not in taught)


def worth_showing(gap: Gap, target_in_growth_sector: bool, target_outlook: str | None) -> bool:
    """The generation rule: a target with demand for people, reachable with a real head start."""
    return (
        target_in_growth_sector
        and target_outlook != POOR_OUTLOOK
        and gap.coverage >= MIN_COVERAGE
        and len(gap.have_essential) >= MIN_SHARED_ESSENTIAL
    )


def best_targets(candidates: Iterable[tuple[C, Gap]], limit: int | None = MAX_TARGETS) -> list[tuple[C, Gap]]:
    """Highest coverage first; ties: fewer essential skills to learn, then name order as given."""
    ranked = sorted(enumerate(candidates), key=lambda item: (-item[1][1].coverage, len(item[1][1].missing_essential), item[0]))
    return [candidate for _, candidate in ranked[:limit]]


def fitting_occupations(have: Iterable[S], occupations: Iterable[tuple[C, Sequence[S], Sequence[S]]]) -> list[tuple[C, Gap[S]]]:
    """A person's own skills (the passport) against every occupation, given as (occupation, essential, optional).

    Those sharing at least one essential skill, in the order of `best_targets`, without a limit.
    """
    owned = set(have)
    gaps = [(occupation, gap_between(owned, essential, optional)) for occupation, essential, optional in occupations]
    return best_targets([(occupation, gap) for occupation, gap in gaps if gap.have_essential], limit=None)


def applicable_funding(
    first: Sequence[C], listed: Sequence[C], tagged: Iterable[C], is_open: Callable[[C], bool], is_ended: Callable[[C], bool]
) -> list[C]:
    """Curated funding first, then the situation's own list, then funding tagged with the situation.

    Each scheme once; ended schemes left out; open before closed, otherwise the order above.
    """
    seen: list[C] = []
    for item in [*first, *listed, *tagged]:
        if item not in seen and not is_ended(item):
            seen.append(item)
    return sorted(seen, key=lambda f: not is_open(f))

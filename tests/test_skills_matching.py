"""The transition rules on small fixtures with answers worked out by hand."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from builder.skills import matching


@dataclass(frozen=True)
class FakeCourse:
    title: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class FakeFunding:
    id: str
    open: bool = True
    ended: bool = False


TARGET_ESSENTIAL = ("a", "b", "c", "d", "e")
TARGET_OPTIONAL = ("x", "y")


def test_gap_counts_only_essential_skills_in_the_coverage():
    gap = matching.gap_between({"a", "c", "x", "z"}, TARGET_ESSENTIAL, TARGET_OPTIONAL)
    assert gap.have_essential == ("a", "c")
    assert gap.missing_essential == ("b", "d", "e")
    assert gap.have_optional == ("x",)
    assert gap.missing_optional == ("y",)
    assert gap.essential_count == 5
    assert gap.coverage == pytest.approx(0.4)
    assert gap.percent == 40
    assert gap.missing == ("b", "d", "e", "y")  # essential first, in the target's order
    assert gap.shared == ("a", "c", "x")


def test_gap_of_an_occupation_without_essential_skills_is_zero_not_an_error():
    assert matching.gap_between({"a"}, (), ("a",)).coverage == 0.0


def test_courses_ranked_by_missing_essential_then_optional_then_focus_then_name():
    gap = matching.gap_between({"a"}, TARGET_ESSENTIAL, TARGET_OPTIONAL)  # missing b c d e, y
    courses = [
        FakeCourse("Breed", ("b", "c", "p", "q", "r", "s")),  # 2 essential, focus 2/6
        FakeCourse("Gericht", ("b", "c")),  # 2 essential, focus 1
        FakeCourse("Met extra", ("d", "e", "y", "q")),  # 2 essential + 1 optional
        FakeCourse("Alleen optioneel", ("y",)),
        FakeCourse("Niets nieuws", ("a",)),  # teaches only what you have
        FakeCourse("Geen vaardigheden", ()),
        FakeCourse("Al gekund b", ("b", "c")),  # same as Gericht: name decides
    ]
    fits = matching.rank_courses(gap, courses, lambda c: c.skills, lambda c: c.title)
    assert [f.course.title for f in fits] == ["Met extra", "Al gekund b", "Gericht", "Breed", "Alleen optioneel"]
    assert fits[0].closes_essential == ("d", "e") and fits[0].closes_optional == ("y",)
    assert fits[0].focus == pytest.approx(3 / 4)
    assert fits[3].focus == pytest.approx(2 / 6)
    assert fits[4].closes == ("y",)


def test_courses_with_the_same_skills_rank_as_if_each_were_worked_out_alone():
    """rank_courses works out a set of skills once; equal skills that are other objects give the same fits."""
    gap = matching.gap_between({"a"}, TARGET_ESSENTIAL, TARGET_OPTIONAL)
    shared = ("b", "y", "q")
    copies = [FakeCourse(f"Kopie {n}", shared) for n in range(5)]
    rebuilt = [FakeCourse(f"Los {n}", tuple("".join(letter) for letter in (["b"], ["y"], ["q"]))) for n in range(3)]
    other = [FakeCourse("Anders", ("b", "q")), FakeCourse("Niets", ("q",))]
    courses = copies + rebuilt + other
    together = matching.rank_courses(gap, courses, lambda c: c.skills, lambda c: c.title)
    alone = [fit for course in courses for fit in matching.rank_courses(gap, [course], lambda c: c.skills, lambda c: c.title)]
    assert sorted(together, key=lambda f: f.course.title) == sorted(alone, key=lambda f: f.course.title)
    assert [f.course.title for f in together][:2] == ["Kopie 0", "Kopie 1"] and together[-1].course.title == "Anders"


def test_skills_no_course_teaches_are_named():
    gap = matching.gap_between((), TARGET_ESSENTIAL, TARGET_OPTIONAL)
    fits = matching.rank_courses(gap, [FakeCourse("K", ("a", "b", "y"))], lambda c: c.skills, lambda c: c.title)
    assert matching.still_missing_after(gap, fits) == ("c", "d", "e")


@pytest.mark.parametrize(
    ("have", "growth", "outlook", "shown"),
    [
        ({"a", "b", "c"}, True, "groot", True),  # 3 of 5 = 60 %
        ({"a", "b", "c"}, False, "groot", False),  # no growth sector
        ({"a", "b", "c"}, True, "klein", False),  # poor outlook
        ({"a", "b", "c"}, True, None, True),  # no outlook given: the sector decides
        ({"a", "b"}, True, "groot", False),  # only 2 shared
    ],
)
def test_generation_rule(have, growth, outlook, shown):
    gap = matching.gap_between(have, TARGET_ESSENTIAL)
    assert matching.worth_showing(gap, growth, outlook) is shown


def test_generation_rule_needs_the_minimum_share_too():
    essential = tuple(f"s{i}" for i in range(11))
    assert matching.worth_showing(matching.gap_between({"s0", "s1", "s2"}, essential), True, None) is False  # 27 %
    assert matching.worth_showing(matching.gap_between({"s0", "s1", "s2", "s3"}, essential), True, None) is True  # 36 %


def test_best_targets_by_coverage_then_fewest_to_learn_then_given_order_and_capped():
    def gap(have: int, total: int):
        essential = tuple(str(i) for i in range(total))
        return matching.gap_between(essential[:have], essential)

    candidates = [("p", gap(3, 10)), ("q", gap(5, 10)), ("r", gap(1, 2)), ("s", gap(4, 8)), ("t", gap(9, 10))]
    # q, r and s all cover 50 %: r has 1 skill left to learn, s 4, q 5
    assert [name for name, _ in matching.best_targets(candidates)] == ["t", "r", "s", "q", "p"]
    assert [name for name, _ in matching.best_targets(candidates, limit=2)] == ["t", "r"]


def test_funding_curated_first_then_situation_list_then_tagged_open_before_closed_ended_dropped():
    curated = [FakeFunding("fonds")]
    listed = [FakeFunding("dicht", open=False), FakeFunding("krediet"), FakeFunding("fonds")]
    tagged = [FakeFunding("weg", ended=True, open=False), FakeFunding("budget"), FakeFunding("krediet")]
    result = matching.applicable_funding(curated, listed, tagged, lambda f: f.open, lambda f: f.ended)
    assert [f.id for f in result] == ["fonds", "krediet", "budget", "dicht"]


def test_reranking_after_a_few_changed_courses_equals_ranking_them_all():
    """serve re-ranks only the changed courses of a gap: the order (ties included) must be a full ranking's."""
    rng = random.Random(5)
    skills = [f"s{n}" for n in range(12)]
    gap = matching.gap_between(skills[:2], skills[:8], skills[8:])
    courses = [(f"c{n}", rng.choice(["Alpha", "Beta", "beta", "Gamma"]), tuple(rng.sample(skills, rng.randint(0, 4)))) for n in range(300)]
    skills_of, name_of = (lambda c: c[2]), (lambda c: c[1])
    earlier = matching.rank_courses(gap, courses, skills_of, name_of)
    for _ in range(20):
        changed = rng.sample(range(len(courses)), 3)
        new = list(courses)
        for n in changed:
            new[n] = (courses[n][0], rng.choice(["Alpha", "Beta", "Delta"]), tuple(rng.sample(skills, rng.randint(0, 4))))
        gone = {id(courses[n]) for n in changed}
        order = {id(c): n for n, c in enumerate(new)}
        position = lambda c, order=order: order[id(c)]  # noqa: E731
        fits = matching.rerank_courses(
            gap, earlier, lambda c, gone=gone: id(c) in gone, [new[n] for n in changed], skills_of, name_of, position
        )
        assert fits == matching.rank_courses(gap, new, skills_of, name_of)
        courses, earlier = new, fits

"""The assignment flow on plain data: k each, no excluded pair, even loads, expertise."""

import random
from collections import Counter

from ieum.programs.assignment_solver import (
    ApplicationSpec,
    AssignmentProblem,
    ReviewerSpec,
    balance_weight,
    expertise_cost,
    solve,
)


def apps(count: int, fields=frozenset(), start: int = 1) -> tuple[ApplicationSpec, ...]:
    return tuple(ApplicationSpec(id=start + i, fields=frozenset(fields)) for i in range(count))


def reviewers(count: int, start: int = 101, **kwargs) -> tuple[ReviewerSpec, ...]:
    return tuple(ReviewerSpec(id=start + i, **kwargs) for i in range(count))


def loads_of(plan) -> list[int]:
    return sorted(plan.loads.values())


def test_every_application_gets_k_distinct_reviewers_and_loads_differ_by_at_most_one():
    plan = solve(AssignmentProblem(apps(10), reviewers(4), per_application=3))
    per_application = Counter(a for a, _r in plan.pairs)
    assert set(per_application.values()) == {3}
    assert len(set(plan.pairs)) == 30
    # 30 reviews over 4 reviewers: two get 7, two get 8.
    assert loads_of(plan) == [7, 7, 8, 8]
    assert plan.unfilled == ()


def test_excluded_pairs_are_never_made():
    excluded = frozenset({(1, 101), (2, 102), (3, 101), (3, 102)})
    plan = solve(AssignmentProblem(apps(5), reviewers(4), per_application=2, excluded=excluded))
    assert not excluded & set(plan.pairs)
    assert {r for a, r in plan.pairs if a == 3} == {103, 104}


def test_an_application_with_too_many_conflicts_is_reported_unfilled_with_what_it_could_get():
    excluded = frozenset({(1, 101), (1, 102), (1, 103)})
    plan = solve(AssignmentProblem(apps(3), reviewers(4), per_application=3, excluded=excluded))
    assert plan.unfilled == (1,)
    assert [r for a, r in plan.pairs if a == 1] == [104]
    assert Counter(a for a, _r in plan.pairs) == {1: 1, 2: 3, 3: 3}


def test_expertise_is_preferred_when_balance_allows():
    applications = (
        ApplicationSpec(id=1, fields=frozenset({10})),
        ApplicationSpec(id=2, fields=frozenset({20})),
    )
    pool = (
        ReviewerSpec(id=101),
        ReviewerSpec(id=102, expertise=frozenset({10})),
        ReviewerSpec(id=103, expertise=frozenset({20})),
        ReviewerSpec(id=104),
    )
    plan = solve(AssignmentProblem(applications, pool, per_application=1))
    assert plan.pairs == ((1, 102), (2, 103))
    assert plan.matched == {(1, 102), (2, 103)}
    assert plan.expertise_share == 1.0


def test_two_shared_fields_beat_one():
    applications = (ApplicationSpec(id=1, fields=frozenset({10, 20})),)
    pool = (
        ReviewerSpec(id=101, expertise=frozenset({10})),
        ReviewerSpec(id=102, expertise=frozenset({10, 20, 30})),
    )
    plan = solve(AssignmentProblem(applications, pool, per_application=1))
    assert plan.pairs == ((1, 102),)
    assert [expertise_cost(n) for n in (0, 1, 2, 3)] == [3, 1, 0, 0]


def test_balance_outweighs_expertise():
    # Four cardiology applications, one cardiologist: the loads stay 2 and 2, and the
    # cardiologist takes their share, not all four.
    plan = solve(
        AssignmentProblem(
            apps(4, fields={10}),
            (ReviewerSpec(id=101, expertise=frozenset({10})), ReviewerSpec(id=102)),
            per_application=1,
        )
    )
    assert plan.loads == {101: 2, 102: 2}
    assert len(plan.matched) == 2
    assert balance_weight(4) * 2 > 3 * 4


def test_caps_are_respected_and_the_rest_spread_evenly():
    pool = (ReviewerSpec(id=101, max_reviews=1), *reviewers(3, start=102))
    plan = solve(AssignmentProblem(apps(10), pool, per_application=2))
    assert plan.loads[101] == 1
    # 19 reviews left for three reviewers: 6, 6, 7.
    assert sorted(plan.loads[r] for r in (102, 103, 104)) == [6, 6, 7]
    assert plan.unfilled == ()


def test_a_full_cap_leaves_applications_unfilled():
    pool = (ReviewerSpec(id=101, max_reviews=2), ReviewerSpec(id=102, max_reviews=2))
    plan = solve(AssignmentProblem(apps(3), pool, per_application=2))
    assert len(plan.pairs) == 4
    assert plan.loads == {101: 2, 102: 2}
    assert len(plan.unfilled) == 1


def test_existing_reviews_count_toward_k_and_toward_the_load():
    applications = (
        ApplicationSpec(id=1, assigned=2),
        ApplicationSpec(id=2, assigned=3),
        *apps(2, start=3),
    )
    pool = (ReviewerSpec(id=101, load=4), *reviewers(3, start=102))
    excluded = frozenset({(1, 101), (1, 102), (2, 101), (2, 102), (2, 103)})
    plan = solve(AssignmentProblem(applications, pool, per_application=3, excluded=excluded))
    assert Counter(a for a, _r in plan.pairs) == {1: 1, 3: 3, 4: 3}
    # Reviewer 101 already holds 4; the 7 new reviews go to the others first.
    assert plan.loads[101] == 4
    assert sorted(plan.loads[r] for r in (102, 103, 104)) == [2, 2, 3]


def test_the_same_input_gives_the_same_pairs_in_any_order():
    rng = random.Random(7)
    applications = [
        ApplicationSpec(id=i, fields=frozenset(rng.sample(range(6), rng.randint(1, 2))))
        for i in range(1, 41)
    ]
    pool = [
        ReviewerSpec(id=100 + j, expertise=frozenset(rng.sample(range(6), 2))) for j in range(9)
    ]
    excluded = frozenset((a.id, r.id) for a in applications for r in pool if rng.random() < 0.1)
    first = solve(AssignmentProblem(tuple(applications), tuple(pool), 3, excluded))
    rng.shuffle(applications)
    rng.shuffle(pool)
    second = solve(AssignmentProblem(tuple(applications), tuple(pool), 3, excluded))
    assert first == second


def test_a_medium_instance_with_conflicts_is_filled_and_balanced():
    rng = random.Random(3)
    applications = tuple(
        ApplicationSpec(id=i, fields=frozenset(rng.sample(range(12), rng.randint(1, 2))))
        for i in range(1, 201)
    )
    pool = tuple(
        ReviewerSpec(id=1000 + j, expertise=frozenset(rng.sample(range(12), rng.randint(2, 3))))
        for j in range(30)
    )
    excluded = frozenset((a.id, r.id) for a in applications for r in pool if rng.random() < 0.05)
    plan = solve(AssignmentProblem(applications, pool, 3, excluded))
    assert len(plan.pairs) == 600 and plan.unfilled == ()
    assert not excluded & set(plan.pairs)
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
    assert plan.expertise_share > 0.9


def test_nothing_to_do_and_nobody_to_do_it():
    assert solve(AssignmentProblem((), reviewers(3), 3)).pairs == ()
    plan = solve(AssignmentProblem(apps(2), (), 3))
    assert plan.pairs == () and plan.unfilled == (1, 2)
    done = solve(AssignmentProblem((ApplicationSpec(id=1, assigned=3),), reviewers(2), 3))
    assert done.pairs == () and done.unfilled == ()

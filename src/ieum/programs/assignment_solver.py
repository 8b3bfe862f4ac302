"""Which reviewer reads which application: a minimum-cost flow, on plain data.

This module knows nothing of Django; `assignment.py` reads the database into the
dataclasses below and writes the pairs back. The network is

    source ─need─▶ application ─1─▶ reviewer ─1 per unit─▶ sink

- source → application: capacity = reviews still needed (k minus live reviews it has).
- application → reviewer: capacity 1, only for pairs that are neither in conflict nor
  already assigned; cost by expertise overlap (`expertise_cost`).
- reviewer → sink: one arc per further review the reviewer may take (up to their cap),
  the arc of their j-th review in the stage costing BALANCE × (2j − 1). The sum over
  a reviewer's arcs is BALANCE × load², so the flow minimises the sum of squared loads,
  which spreads the work as evenly as the conflicts and caps allow: when every reviewer
  can reach floor(total / n) and ceil(total / n), the loads differ by at most one.

OR-Tools' `solve_max_flow_with_min_cost` first fills as many reviews as possible and
among those fillings picks the cheapest. BALANCE is chosen so that any improvement of
balance outweighs every expertise preference put together (`balance_weight`): balance
is the rule, expertise the preference. Applications and reviewers are added in id order,
so the same input gives the same pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow

# Cost of one review by expertise overlap (shared fields between the application and
# the reviewer): two or more shared fields 0, one shared field 1, none 3. Costs only
# compare the choices for one application, so an application with a single field is not
# disadvantaged: each of its matching reviewers costs 1 and each other reviewer 3. The gap
# of 2 between one and no overlap (against 1 between one and two) makes a first match
# matter more than a second one.
COST_BY_SHARED_TERMS = {0: 3, 1: 1}
COST_FOR_MANY_SHARED_TERMS = 0
MOST_EXPERTISE_COST = max(COST_BY_SHARED_TERMS.values())


@dataclass(frozen=True)
class ApplicationSpec:
    id: int
    fields: frozenset[int] = frozenset()
    # Live reviews the application already has in the stage (kept, and counted toward k).
    assigned: int = 0


@dataclass(frozen=True)
class ReviewerSpec:
    id: int
    expertise: frozenset[int] = frozenset()
    # Live reviews the reviewer already holds in the stage.
    load: int = 0
    # The most reviews in the stage, those already held included; None means no cap.
    max_reviews: int | None = None

    @property
    def room(self) -> int | None:
        if self.max_reviews is None:
            return None
        return max(0, self.max_reviews - self.load)


@dataclass(frozen=True)
class AssignmentProblem:
    applications: tuple[ApplicationSpec, ...]
    reviewers: tuple[ReviewerSpec, ...]
    per_application: int
    # (application id, reviewer id) pairs that must not be made: conflicts of interest
    # and pairs that already exist in the stage.
    excluded: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class AssignmentPlan:
    # New (application id, reviewer id) pairs, sorted.
    pairs: tuple[tuple[int, int], ...]
    # Of those, the pairs where the reviewer's expertise shares a field with the application.
    matched: frozenset[tuple[int, int]]
    # Every reviewer's load afterwards: the reviews held before plus the new ones.
    loads: dict[int, int] = field(default_factory=dict)
    # Applications still short of `per_application` live reviews, by id.
    unfilled: tuple[int, ...] = ()

    @property
    def expertise_share(self) -> float:
        return len(self.matched) / len(self.pairs) if self.pairs else 0.0


def shared_terms(fields: Iterable[int], expertise: Iterable[int]) -> int:
    return len(set(fields) & set(expertise))


def expertise_cost(shared: int) -> int:
    return COST_BY_SHARED_TERMS.get(shared, COST_FOR_MANY_SHARED_TERMS)


def balance_weight(reviews_needed: int) -> int:
    """The cost unit of load balance.

    Two load vectors of the same total differ in their sum of squares by an even number,
    so by at least 2 when they differ at all; all expertise costs together differ by at
    most MOST_EXPERTISE_COST per review. A weight above half of that total makes the
    fairest load always win over any gain in expertise.
    """
    return MOST_EXPERTISE_COST * reviews_needed // 2 + 1


def solve(problem: AssignmentProblem) -> AssignmentPlan:
    applications = sorted(problem.applications, key=lambda a: a.id)
    reviewers = sorted(problem.reviewers, key=lambda r: r.id)
    needs = {a.id: max(0, problem.per_application - a.assigned) for a in applications}
    total_need = sum(needs.values())
    loads = {r.id: r.load for r in reviewers}

    candidates: dict[int, list[tuple[ReviewerSpec, int]]] = {}
    reviewer_options = {r.id: 0 for r in reviewers}
    for application in applications:
        if not needs[application.id]:
            continue
        options = []
        for reviewer in reviewers:
            if (application.id, reviewer.id) in problem.excluded or reviewer.room == 0:
                continue
            options.append((reviewer, shared_terms(application.fields, reviewer.expertise)))
            reviewer_options[reviewer.id] += 1
        candidates[application.id] = options

    if not total_need or not reviewers:
        return _plan((), set(), loads, needs)

    network = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    node_of_application = {a.id: 2 + i for i, a in enumerate(applications)}
    first_reviewer_node = 2 + len(applications)
    node_of_reviewer = {r.id: first_reviewer_node + i for i, r in enumerate(reviewers)}
    balance = balance_weight(total_need)

    pair_arcs: list[tuple[int, int, int, int]] = []  # (arc, application id, reviewer id, shared)
    for application in applications:
        need = needs[application.id]
        if not need or not candidates[application.id]:
            continue
        node = node_of_application[application.id]
        network.add_arc_with_capacity_and_unit_cost(source, node, need, 0)
        for reviewer, shared in candidates[application.id]:
            arc = network.add_arc_with_capacity_and_unit_cost(
                node, node_of_reviewer[reviewer.id], 1, expertise_cost(shared)
            )
            pair_arcs.append((arc, application.id, reviewer.id, shared))

    for reviewer in reviewers:
        room = reviewer.room
        units = reviewer_options[reviewer.id] if room is None else room
        units = min(units, reviewer_options[reviewer.id], total_need)
        for unit in range(1, units + 1):
            load = reviewer.load + unit
            network.add_arc_with_capacity_and_unit_cost(
                node_of_reviewer[reviewer.id], sink, 1, balance * (2 * load - 1)
            )

    network.set_node_supply(source, total_need)
    network.set_node_supply(sink, -total_need)
    status = network.solve_max_flow_with_min_cost()
    if status != network.OPTIMAL:
        raise RuntimeError(f"The assignment flow could not be solved (status {status}).")

    pairs, matched = [], set()
    for arc, application_id, reviewer_id, shared in pair_arcs:
        if network.flow(arc):
            pairs.append((application_id, reviewer_id))
            loads[reviewer_id] += 1
            needs[application_id] -= 1
            if shared:
                matched.add((application_id, reviewer_id))
    return _plan(pairs, matched, loads, needs)


def _plan(pairs, matched, loads: dict[int, int], needs: dict[int, int]) -> AssignmentPlan:
    return AssignmentPlan(
        pairs=tuple(sorted(pairs)),
        matched=frozenset(matched),
        loads=loads,
        unfilled=tuple(sorted(a for a, missing in needs.items() if missing > 0)),
    )

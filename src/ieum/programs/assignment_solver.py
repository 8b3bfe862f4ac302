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

import numpy
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
    open_reviewers = [(i, r) for i, r in enumerate(reviewers) if r.room != 0]
    if not total_need or not open_reviewers:
        return _plan((), set(), loads, needs)

    # Nodes: 0 source, 1 sink, then applications, then reviewers (both in id order).
    source, sink = 0, 1
    first_reviewer_node = 2 + len(applications)
    arcs = _Arcs()
    # (position of the arc, application id, reviewer id, shared terms)
    pairs: list[tuple[int, int, int, int]] = []
    options = [0] * len(reviewers)
    for index, application in enumerate(applications):
        need = needs[application.id]
        if not need:
            continue
        node = 2 + index
        first_pair = len(pairs)
        for reviewer_index, reviewer in open_reviewers:
            if (application.id, reviewer.id) in problem.excluded:
                continue
            shared = len(application.fields & reviewer.expertise)
            position = arcs.add(
                node, first_reviewer_node + reviewer_index, 1, expertise_cost(shared)
            )
            pairs.append((position, application.id, reviewer.id, shared))
            options[reviewer_index] += 1
        if len(pairs) > first_pair:
            arcs.add(source, node, need, 0)

    balance = balance_weight(total_need)
    for reviewer_index, reviewer in open_reviewers:
        room = reviewer.room
        units = min(options[reviewer_index], total_need)
        if room is not None:
            units = min(units, room)
        for load in range(reviewer.load + 1, reviewer.load + units + 1):
            arcs.add(first_reviewer_node + reviewer_index, sink, 1, balance * (2 * load - 1))

    network = min_cost_flow.SimpleMinCostFlow()
    arc_ids = arcs.into(network)
    network.set_node_supply(source, total_need)
    network.set_node_supply(sink, -total_need)
    status = network.solve_max_flow_with_min_cost()
    if status != network.OPTIMAL:
        raise RuntimeError(f"The assignment flow could not be solved (status {status}).")

    chosen, matched = [], set()
    pair_arcs = numpy.array([arc_ids[position] for position, *_ in pairs], dtype=numpy.int32)
    for (_position, application_id, reviewer_id, shared), flow in zip(
        pairs, network.flows(pair_arcs), strict=True
    ):
        if flow:
            chosen.append((application_id, reviewer_id))
            loads[reviewer_id] += 1
            needs[application_id] -= 1
            if shared:
                matched.add((application_id, reviewer_id))
    return _plan(chosen, matched, loads, needs)


class _Arcs:
    """Arcs gathered in Python lists and handed to OR-Tools in one call."""

    def __init__(self) -> None:
        self.tails: list[int] = []
        self.heads: list[int] = []
        self.capacities: list[int] = []
        self.costs: list[int] = []

    def add(self, tail: int, head: int, capacity: int, cost: int) -> int:
        """Adds an arc; returns its position among the arcs gathered."""
        self.tails.append(tail)
        self.heads.append(head)
        self.capacities.append(capacity)
        self.costs.append(cost)
        return len(self.tails) - 1

    def into(self, network) -> list[int]:
        return list(
            network.add_arcs_with_capacity_and_unit_cost(
                numpy.array(self.tails, dtype=numpy.int32),
                numpy.array(self.heads, dtype=numpy.int32),
                numpy.array(self.capacities, dtype=numpy.int64),
                numpy.array(self.costs, dtype=numpy.int64),
            )
        )


def _plan(pairs, matched, loads: dict[int, int], needs: dict[int, int]) -> AssignmentPlan:
    return AssignmentPlan(
        pairs=tuple(sorted(pairs)),
        matched=frozenset(matched),
        loads=loads,
        unfilled=tuple(sorted(a for a, missing in needs.items() if missing > 0)),
    )

"""Exact location assignment: a bipartite b-matching per slot between meetings and locations.

A meeting goes to one of its allowed locations and a location holds at most `capacity`
meetings per slot. Whether a set of meetings fits in a slot is decided exactly with
augmenting paths (a meeting may be moved to another of its allowed locations to make
room), so a booth or hall is never overfilled and no meeting is refused while a
rearrangement would seat it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence


class LocationBook:
    """The location of every placed meeting, slot by slot, kept as a valid b-matching."""

    __slots__ = ("_every", "cap", "load", "locs", "members", "n_slots", "where")

    def __init__(
        self, capacities: Sequence[int], meeting_locs: Sequence[Sequence[int]], n_slots: int
    ) -> None:
        self.cap = list(capacities)
        self.locs = meeting_locs
        self.n_slots = n_slots
        self.load = [0] * (len(self.cap) * n_slots)
        self.members: dict[int, set[int]] = {}
        self.where: dict[int, int] = {}  # meeting -> location
        self._every = tuple(range(len(self.cap)))

    def _key(self, loc: int, slot: int) -> int:
        return loc * self.n_slots + slot

    def has_room(self, meeting: int, slot: int) -> bool:
        """True when some allowed location has spare capacity, without moving anything."""
        load, cap, n = self.load, self.cap, self.n_slots
        return any(load[loc * n + slot] < cap[loc] for loc in self.locs[meeting])

    def _augmenting_path(self, meeting: int, slot: int) -> list[tuple[int, int]] | None:
        """Moves [(meeting, new location), ...] seating `meeting`, or None if impossible."""
        load, cap, n = self.load, self.cap, self.n_slots
        parent: dict[int, tuple[int, int]] = {}  # location -> (meeting moved in, previous loc)
        queue: deque[int] = deque()
        for loc in self.locs[meeting]:
            if loc not in parent:
                parent[loc] = (meeting, -1)
                queue.append(loc)
        while queue:
            loc = queue.popleft()
            if load[loc * n + slot] < cap[loc]:
                moves = []
                while loc != -1:
                    mover, prev = parent[loc]
                    moves.append((mover, loc))
                    loc = prev
                return moves
            for other in self.members.get(self._key(loc, slot), ()):
                for loc2 in self.locs[other]:
                    if loc2 not in parent:
                        parent[loc2] = (other, loc)
                        queue.append(loc2)
        return None

    def can_place(self, meeting: int, slot: int) -> bool:
        return self.has_room(meeting, slot) or self._augmenting_path(meeting, slot) is not None

    def place(self, meeting: int, slot: int) -> bool:
        """Seat `meeting` in `slot`, rearranging others of that slot if needed."""
        moves = self._augmenting_path(meeting, slot)
        if moves is None:
            return False
        for mover, loc in moves:
            if mover != meeting:
                self._unseat(mover, slot)
            self._seat(mover, loc, slot)
        return True

    def remove(self, meeting: int, slot: int) -> None:
        self._unseat(meeting, slot)

    def _seat(self, meeting: int, loc: int, slot: int) -> None:
        k = self._key(loc, slot)
        self.load[k] += 1
        self.members.setdefault(k, set()).add(meeting)
        self.where[meeting] = loc

    def _unseat(self, meeting: int, slot: int) -> None:
        loc = self.where.pop(meeting)
        k = self._key(loc, slot)
        self.load[k] -= 1
        self.members[k].discard(meeting)


def assign_locations(
    meetings: Sequence[int],
    capacities: Sequence[int],
    meeting_locs: Sequence[Sequence[int]],
) -> dict[int, int] | None:
    """Seat `meetings` (all in one slot) exactly, or None when no seating exists."""
    book = LocationBook(capacities, meeting_locs, 1)
    # Most constrained first keeps augmenting paths short; the result is exact either way.
    for m in sorted(meetings, key=lambda m: len(meeting_locs[m])):
        if not book.place(m, 0):
            return None
    return dict(book.where)

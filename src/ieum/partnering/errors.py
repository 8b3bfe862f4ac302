from ieum.core.errors import Conflict


class SchedulingConflict(Conflict):
    """A party's team, a table or a blocked time is already taken in that slot (409)."""


class IllegalStep(Conflict):
    """The record's state does not allow this step, e.g. answering a cancelled request (409)."""

from ieum.core.errors import Conflict


class BookingConflict(Conflict):
    """The time is taken: by another booking, its buffer, or a blackout. The API answers 409."""

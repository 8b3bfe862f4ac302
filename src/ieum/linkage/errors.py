from ieum.core.errors import Conflict


class IllegalTransition(Conflict):
    """The request's state does not allow this step, e.g. accepting a closed request (409)."""

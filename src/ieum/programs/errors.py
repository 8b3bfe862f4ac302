from django.core.exceptions import ValidationError

from ieum.core.errors import Conflict


class CallClosed(Conflict):
    """The call does not take applications now (by the server clock). API: 409."""


class IllegalStep(Conflict):
    """The record's state does not allow this step (a submitted application edited, a
    decided stage re-assigned). API: 409."""


class NotEligible(ValidationError):
    """The company does not meet the call's eligibility; the messages say why. API: 400."""


class Incomplete(ValidationError):
    """Required answers or documents are missing; the messages list them. API: 400."""


class ConflictOfInterestError(Conflict):
    """A reviewer has a conflict of interest with the application. API: 409."""

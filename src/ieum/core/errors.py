from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The request is well formed but clashes with the current state (taken time, a
    double booking, a step the record's state does not allow). The API answers 409."""

from django.core.exceptions import ValidationError


class BookingConflict(ValidationError):
    """The time is taken: by another booking, its buffer, or a blackout. The API answers 409."""

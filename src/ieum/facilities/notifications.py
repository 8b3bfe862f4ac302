"""Tell people about bookings. Work is queued for the worker once the transaction commits."""

from __future__ import annotations

from datetime import datetime


def booking_changed(booking, *, event: str) -> None:
    pass


def time_freed(resource, *, start: datetime, end: datetime) -> None:
    pass

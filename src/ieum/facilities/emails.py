"""The e-mails about bookings and the waiting list, each in its recipient's language.

Every message is composed inside `translation.override(recipient.preferred_language)`,
so names, labels and dates come out in Korean or English, and times are shown in
Asia/Seoul whatever the server's clock says.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ieum.facilities.enums import BookingStatus
from ieum.facilities.timeline import SEOUL

SUBJECTS = {
    "requested": gettext_lazy("Booking request received: %(resource)s"),
    "approved": gettext_lazy("Booking confirmed: %(resource)s"),
    "rejected": gettext_lazy("Booking not approved: %(resource)s"),
    "cancelled": gettext_lazy("Booking cancelled: %(resource)s"),
    "rescheduled": gettext_lazy("Booking moved: %(resource)s"),
}

MESSAGES = {
    "requested": gettext_lazy(
        "Your booking request has been received. The cluster staff will approve or "
        "reject it, and we will e-mail you either way."
    ),
    "approved": gettext_lazy("Your booking is confirmed."),
    "rejected": gettext_lazy("Your booking request was not approved."),
    "cancelled": gettext_lazy("Your booking has been cancelled."),
    "rescheduled": gettext_lazy("Your booking has been moved to a new time."),
}


def site_link(path: str) -> str:
    return settings.IEUM_SITE_URL.rstrip("/") + path


def local_time(moment: datetime, *, with_day: bool = True) -> str:
    """A time in Seoul, with the weekday in the active language: `2025-06-02 (월요일) 10:00`."""
    return date_format(moment.astimezone(SEOUL), "Y-m-d (D) H:i" if with_day else "H:i")


def local_span(start: datetime, end: datetime) -> str:
    same_day = start.astimezone(SEOUL).date() == end.astimezone(SEOUL).date()
    return f"{local_time(start)}–{local_time(end, with_day=not same_day)}"


def _message(*, recipient, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {"recipient": recipient, **context})
    return EmailMessage(subject, body, None, [recipient.email])


def _booking_context(booking) -> dict:
    return {
        "booking": booking,
        "resource": booking.resource.name,
        "organization": booking.organization.name,
        "when": local_span(booking.start, booking.end),
        "link": site_link(booking.get_absolute_url()),
    }


def booking_email(*, booking, event: str, recipient) -> EmailMessage:
    """Tell the person who booked that their booking was requested, decided or changed."""
    with translation.override(recipient.preferred_language):
        message = str(MESSAGES[event])
        if event == "rescheduled" and booking.status == BookingStatus.REQUESTED:
            message += " " + _("It awaits the cluster staff's approval again.")
        return _message(
            recipient=recipient,
            subject=SUBJECTS[event] % {"resource": booking.resource.name},
            template="facilities/email/booking.txt",
            context={
                **_booking_context(booking),
                "message": message,
                # The reason of a rejection or cancellation, if staff gave one.
                "reason": booking.decision_reason if event in ("rejected", "cancelled") else "",
            },
        )


def booking_request_for_staff(*, booking, recipient) -> EmailMessage:
    """Ask the cluster staff to approve or reject a request."""
    with translation.override(recipient.preferred_language):
        return _message(
            recipient=recipient,
            subject=_("Booking request to decide: %(resource)s")
            % {"resource": booking.resource.name},
            template="facilities/email/booking_request_staff.txt",
            context={
                **_booking_context(booking),
                "person": booking.booked_by.get_full_name(),
                "person_email": booking.booked_by.email,
                "mode": booking.get_mode_display(),
            },
        )


def reminder_email(*, booking, recipient) -> EmailMessage:
    with translation.override(recipient.preferred_language):
        return _message(
            recipient=recipient,
            subject=_("Reminder: %(resource)s at %(time)s")
            % {"resource": booking.resource.name, "time": local_time(booking.start)},
            template="facilities/email/reminder.txt",
            context=_booking_context(booking),
        )


def waitlist_offer_email(*, entry, recipient) -> EmailMessage:
    """Offer the time someone waited for; the link leads to the resource to book it."""
    with translation.override(recipient.preferred_language):
        return _message(
            recipient=recipient,
            subject=_("The time you waited for is free: %(resource)s")
            % {"resource": entry.resource.name},
            template="facilities/email/waitlist_offer.txt",
            context={
                "entry": entry,
                "resource": entry.resource.name,
                "when": local_span(entry.start, entry.end),
                "expires": local_time(entry.offer_expires_at),
                "link": site_link(reverse("facilities:my_bookings") + "#waitlist"),
            },
        )

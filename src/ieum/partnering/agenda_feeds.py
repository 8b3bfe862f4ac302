"""A delegate's private calendar feed of their published meetings.

Each meeting keeps the UID `meeting-<pk>@host` for life and sends its `sequence`, so a
moved meeting is updated in place in the subscriber's calendar instead of appearing
twice; a published meeting that was cancelled (or taken off the schedule) stays in the
feed as cancelled for a while so that calendars holding it drop it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.core.ical import CalendarEvent, event_uid
from ieum.partnering.agendas import place_label, team_meetings
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Delegate, Meeting
from ieum.partnering.models.events import new_agenda_token

CANCELLED_KEPT_DAYS = 30


def delegate_for_token(token: str) -> Delegate | None:
    """The delegate whose agenda a secret opens; none for old or unknown secrets."""
    return (
        Delegate.objects.select_related("registration__event", "registration__organization")
        .filter(agenda_token=token, registration__is_cancelled=False)
        .first()
    )


@transaction.atomic
def reset_agenda_token(*, delegate: Delegate, by) -> Delegate:
    """A new secret: the feed address and check-in codes handed out before stop working."""
    delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    delegate.agenda_token = new_agenda_token()
    delegate.save(update_fields=["agenda_token", "updated_at"])
    return delegate


def feed_meetings(*, delegate: Delegate):
    since = timezone.now() - timedelta(days=CANCELLED_KEPT_DAYS)
    return (
        team_meetings(registration=delegate.registration, team=delegate.team)
        .filter(published_at__isnull=False, slot__isnull=False)
        .annotate(dropped_at=Coalesce("cancelled_at", "updated_at"))
        .filter(Q(status=MeetingStatus.SCHEDULED) | Q(dropped_at__gte=since))
        .select_related(
            "slot",
            "location",
            "event",
            "request__requester__organization",
            "request__recipient__organization",
        )
        .order_by("slot__start", "pk")
    )


def _calendar_event(meeting: Meeting, *, delegate: Delegate) -> CalendarEvent:
    request = meeting.request
    mine = request.requester_id == delegate.registration_id
    other = request.recipient if mine else request.requester
    place = place_label(meeting) if meeting.location else ""
    link = meeting.location.meeting_link if meeting.location else ""
    agenda = reverse("partnering:my_agenda", kwargs={"slug": meeting.event.slug})
    return CalendarEvent(
        uid=event_uid("meeting", meeting.pk),
        sequence=meeting.sequence,
        start=meeting.slot.start,
        end=meeting.slot.end,
        summary=_("Meeting: %(party)s") % {"party": other.organization.name},
        modified=meeting.updated_at,
        description="\n".join(part for part in (meeting.event.name, link) if part),
        location=link or f"{meeting.event.venue} {place}".strip(),
        url=settings.IEUM_SITE_URL.rstrip("/") + agenda,
        cancelled=meeting.status != MeetingStatus.SCHEDULED,
    )


def feed_events(*, delegate: Delegate) -> list[CalendarEvent]:
    return [
        _calendar_event(meeting, delegate=delegate) for meeting in feed_meetings(delegate=delegate)
    ]

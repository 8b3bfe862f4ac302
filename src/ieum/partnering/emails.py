"""The partnering e-mails, each in its recipient's language and time zone.

Every message is composed inside `translation.override(recipient.language)`, so
names, labels and dates come out in Korean or English; times are shown in the
recipient's time zone, and at the venue too when its clock differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ieum.accounts.enums import Role
from ieum.accounts.models import User
from ieum.partnering.agendas import AgendaEntry, clock_label, place_label
from ieum.partnering.enums import PartyKind
from ieum.partnering.models import Delegate, Event, Registration

# Who speaks for a party that named no delegates: its members in the matching role.
PARTY_ROLES = {
    PartyKind.DEMAND_COMPANY: (Role.DEMAND_COMPANY_MEMBER,),
    PartyKind.STARTUP: (Role.COMPANY_MEMBER,),
    PartyKind.INVESTOR: (Role.INVESTOR,),
    PartyKind.HOSPITAL: (Role.HOSPITAL_COORDINATOR,),
}


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    time_zone: str
    delegate: Delegate | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def delegate_recipient(delegate: Delegate) -> Recipient:
    language = delegate.language or (delegate.user.preferred_language if delegate.user else "ko")
    return Recipient(
        email=delegate.email,
        name=delegate.full_name,
        language=language,
        time_zone=delegate.time_zone,
        delegate=delegate,
    )


def user_recipient(user: User, *, event: Event) -> Recipient:
    return Recipient(
        email=user.email,
        name=user.get_full_name(),
        language=user.preferred_language or "ko",
        time_zone=event.time_zone,
    )


def party_recipients(*, registration: Registration, team: int | None = None) -> list[Recipient]:
    """The delegates of the party (of one team when it has delegates for it), or else its
    members in the role that fits the party, or else all its members."""
    delegates = list(registration.delegates.select_related("user").order_by("pk"))
    chosen = [d for d in delegates if team is None or d.team == team] or delegates
    if chosen:
        return _unique([delegate_recipient(d) for d in chosen])
    members = User.objects.filter(is_active=True).order_by("pk")
    roles = PARTY_ROLES.get(registration.kind)
    people = []
    if roles:
        people = list(
            members.filter(
                memberships__organization_id=registration.organization_id,
                memberships__role__in=roles,
            ).distinct()
        )
    if not people:
        people = list(
            members.filter(memberships__organization_id=registration.organization_id).distinct()
        )
    return _unique([user_recipient(person, event=registration.event) for person in people])


def _unique(recipients: list[Recipient]) -> list[Recipient]:
    seen, unique = set(), []
    for recipient in recipients:
        if recipient.email.lower() not in seen:
            seen.add(recipient.email.lower())
            unique.append(recipient)
    return unique


def site_link(path: str) -> str:
    return settings.IEUM_SITE_URL.rstrip("/") + path


def page_link(obj, *, event: Event) -> str:
    """The object's page, or the event's while that kind of page is not routed."""
    try:
        return site_link(obj.get_absolute_url())
    except NoReverseMatch:
        return site_link(reverse("partnering:my_agenda", kwargs={"slug": event.slug}))


def when_labels(start, end, *, zone: ZoneInfo, event_zone: ZoneInfo) -> tuple[str, str]:
    """`2025-06-01 (Sun) 20:00–20:30 EDT` for the reader, and the same at the venue when
    its clock differs (else "")."""

    def label(where: ZoneInfo) -> str:
        return (
            f"{date_format(start.astimezone(where), 'Y-m-d (D)')} {clock_label(start, end, where)}"
        )

    at_venue = ""
    if start.astimezone(zone).utcoffset() != start.astimezone(event_zone).utcoffset():
        at_venue = label(event_zone)
    return label(zone), at_venue


def _message(*, recipient: Recipient, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {"recipient": recipient, **context})
    return EmailMessage(subject, body, None, [recipient.email])


REQUEST_SUBJECTS = {
    "sent": gettext_lazy("Meeting request from %(party)s"),
    "accepted": gettext_lazy("%(party)s accepted your meeting request"),
    "declined": gettext_lazy("%(party)s declined your meeting request"),
    "cancelled": gettext_lazy("Meeting request cancelled: %(party)s"),
}

REQUEST_MESSAGES = {
    "sent": gettext_lazy("%(party)s asks to meet you at %(event)s. Please accept or decline."),
    "accepted": gettext_lazy(
        "%(party)s accepted your request to meet at %(event)s. The meeting will be on your "
        "agenda once it is scheduled."
    ),
    "declined": gettext_lazy("%(party)s declined your request to meet at %(event)s."),
    "cancelled": gettext_lazy("The meeting request between you and %(party)s was cancelled."),
}


def request_email(*, request, event: str, recipient: Recipient, other: Registration):
    """About a meeting request; `other` is the party on the other side from the recipient."""
    with translation.override(recipient.language):
        names = {"party": other.organization.name, "event": request.event.name}
        return _message(
            recipient=recipient,
            subject=REQUEST_SUBJECTS[event] % names,
            template="partnering/email/request.txt",
            context={
                "message": REQUEST_MESSAGES[event] % names,
                "note": request.message if event == "sent" else "",
                "reason": request.decline_reason if event in ("declined", "cancelled") else "",
                "link": page_link(request, event=request.event),
            },
        )


PROPOSAL_SUBJECTS = {
    "submitted": gettext_lazy("New proposal to your need: %(title)s"),
    "shortlisted": gettext_lazy("Your proposal was shortlisted: %(title)s"),
    "accepted": gettext_lazy("Your proposal was accepted: %(title)s"),
    "declined": gettext_lazy("Your proposal was declined: %(title)s"),
    "withdrawn": gettext_lazy("Proposal withdrawn: %(title)s"),
}

PROPOSAL_MESSAGES = {
    "submitted": gettext_lazy(
        "%(startup)s submitted a proposal to your technology need “%(need)s”. Please screen it."
    ),
    "shortlisted": gettext_lazy("%(company)s shortlisted your proposal to “%(need)s”."),
    "accepted": gettext_lazy(
        "%(company)s accepted your proposal to “%(need)s” and wants to meet you. The meeting "
        "will be on your agenda once it is scheduled."
    ),
    "declined": gettext_lazy("%(company)s declined your proposal to “%(need)s”."),
    "withdrawn": gettext_lazy("%(startup)s withdrew its proposal to “%(need)s”."),
}


def proposal_email(*, proposal, event: str, recipient: Recipient):
    need = proposal.need
    with translation.override(recipient.language):
        names = {
            "title": proposal.title,
            "need": need.title,
            "startup": proposal.registration.organization.name,
            "company": need.registration.organization.name,
        }
        return _message(
            recipient=recipient,
            subject=PROPOSAL_SUBJECTS[event] % names,
            template="partnering/email/proposal.txt",
            context={
                "message": PROPOSAL_MESSAGES[event] % names,
                "proposal": proposal,
                "reason": proposal.decision_reason if event == "declined" else "",
                "link": page_link(proposal, event=need.event),
            },
        )


MEETING_SUBJECTS = {
    "scheduled": gettext_lazy("Meeting scheduled with %(party)s: %(time)s"),
    "moved": gettext_lazy("Meeting with %(party)s moved to %(time)s"),
    "cancelled": gettext_lazy("Meeting cancelled: %(party)s"),
}

MEETING_MESSAGES = {
    "scheduled": gettext_lazy("Your meeting with %(party)s is scheduled."),
    "moved": gettext_lazy("Your meeting with %(party)s has moved. Here is the new time and place."),
    "cancelled": gettext_lazy("Your meeting with %(party)s is cancelled."),
}


def meeting_email(*, meeting, event: str, recipient: Recipient, other: Registration):
    with translation.override(recipient.language):
        when, at_venue = ("", "")
        if meeting.slot is not None:
            when, at_venue = when_labels(
                meeting.slot.start,
                meeting.slot.end,
                zone=recipient.zone,
                event_zone=meeting.event.zone,
            )
        names = {"party": other.organization.name, "time": when}
        return _message(
            recipient=recipient,
            subject=MEETING_SUBJECTS[event] % names,
            template="partnering/email/meeting.txt",
            context={
                "message": MEETING_MESSAGES[event] % names,
                "event_name": meeting.event.name,
                "cancelled": event == "cancelled",
                "when": when,
                "at_venue": at_venue,
                "place": place_label(meeting) if meeting.location else "",
                "online": meeting.location.meeting_link if meeting.location else "",
                "link": site_link(
                    reverse("partnering:my_agenda", kwargs={"slug": meeting.event.slug})
                ),
            },
        )


def _agenda_links(delegate: Delegate) -> dict:
    event = delegate.registration.event
    return {
        "agenda_link": site_link(reverse("partnering:my_agenda", kwargs={"slug": event.slug})),
        "feed_link": site_link(
            reverse("partnering:agenda_feed", kwargs={"token": delegate.agenda_token})
        ),
    }


def agenda_email(*, delegate: Delegate, meetings: list[AgendaEntry]) -> EmailMessage:
    """The agenda as published: the delegate's meetings, and where to find it all."""
    recipient = delegate_recipient(delegate)
    event = delegate.registration.event
    with translation.override(recipient.language):
        return _message(
            recipient=recipient,
            subject=_("Your agenda for %(event)s") % {"event": event.name},
            template="partnering/email/agenda.txt",
            context={"event_name": event.name, "meetings": meetings, **_agenda_links(delegate)},
        )


def reminder_email(*, recipient: Recipient, delegate: Delegate | None, meetings) -> EmailMessage:
    """The day's meetings, a couple of hours before the first; `meetings` are AgendaEntries."""
    event = meetings[0].meeting.event
    with translation.override(recipient.language):
        links = (
            _agenda_links(delegate)
            if delegate
            else {
                "agenda_link": site_link(
                    reverse("partnering:my_agenda", kwargs={"slug": event.slug})
                )
            }
        )
        return _message(
            recipient=recipient,
            subject=_("Today at %(event)s: your first meeting at %(time)s")
            % {"event": event.name, "time": meetings[0].time_label},
            template="partnering/email/reminder.txt",
            context={"event_name": event.name, "meetings": meetings, **links},
        )


MENTOR_SUBJECTS = {
    "booked": gettext_lazy("Mentoring booked: %(time)s"),
    "cancelled": gettext_lazy("Mentoring booking cancelled: %(time)s"),
}


def mentor_slot_email(*, slot, event: str, recipient: Recipient, for_mentor: bool):
    session = slot.session
    with translation.override(recipient.language):
        when, at_venue = when_labels(
            slot.start, slot.end, zone=recipient.zone, event_zone=session.event.zone
        )
        return _message(
            recipient=recipient,
            subject=MENTOR_SUBJECTS[event] % {"time": when},
            template="partnering/email/mentor_slot.txt",
            context={
                "slot": slot,
                "booked": event == "booked",
                "for_mentor": for_mentor,
                "session_title": session.title,
                "event_name": session.event.name,
                "when": when,
                "at_venue": at_venue,
                "mentor": slot.mentor.get_full_name(),
                "startup": slot.booked_organization.name if slot.booked_organization else "",
                "room": session.room,
                "link": site_link(reverse("partnering:cafe", kwargs={"slug": session.event.slug})),
            },
        )

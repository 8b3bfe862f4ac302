"""Who may see and do what at partnering events: one definition for pages, API and feeds.

Organizers are the event organizers of the organizing organization, the staff of the
event's cluster and platform admins. Parties are the members of a registered
organization; they see their own needs, proposals, requests and meetings, and those
addressed to them, and nothing of other parties' dealings.
"""

import rules

from ieum.accounts.access import access_for
from ieum.directory.rules import is_platform_admin
from ieum.partnering.enums import EventStatus, ProposalStatus


@rules.predicate
def organizes_event(user, event) -> bool:
    if event is None:
        return False
    access = access_for(user)
    return event.organizer_id in access.organizer_organization_ids or (
        event.cluster_id is not None and event.cluster_id in access.staffed_cluster_ids
    )


@rules.predicate
def is_visible_event(user, event) -> bool:
    return event is not None and event.is_public and event.status != EventStatus.DRAFT


@rules.predicate
def is_open_event(user, event) -> bool:
    return event is not None and event.status in (EventStatus.OPEN, EventStatus.PUBLISHED)


@rules.predicate
def is_signed_in_member(user) -> bool:
    return bool(access_for(user).organization_ids)


@rules.predicate
def can_organize_any_event(user) -> bool:
    access = access_for(user)
    return bool(access.organizer_organization_ids or access.staffed_cluster_ids)


def _belongs(user, organization_id: int | None) -> bool:
    return organization_id is not None and organization_id in access_for(user).organization_ids


@rules.predicate
def represents_registration(user, registration) -> bool:
    return registration is not None and _belongs(user, registration.organization_id)


@rules.predicate
def owns_need(user, need) -> bool:
    return need is not None and _belongs(user, need.registration.organization_id)


@rules.predicate
def is_published_need(user, need) -> bool:
    return (
        need is not None
        and need.is_published
        and need.event.is_public
        and need.event.status != EventStatus.DRAFT
    )


@rules.predicate
def organizes_need_event(user, need) -> bool:
    return need is not None and organizes_event(user, need.event)


@rules.predicate
def made_proposal(user, proposal) -> bool:
    return proposal is not None and _belongs(user, proposal.registration.organization_id)


@rules.predicate
def received_proposal(user, proposal) -> bool:
    return proposal is not None and _belongs(user, proposal.need.registration.organization_id)


@rules.predicate
def is_open_proposal(user, proposal) -> bool:
    return proposal is not None and proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.SHORTLISTED,
    )


@rules.predicate
def organizes_proposal_event(user, proposal) -> bool:
    return proposal is not None and organizes_event(user, proposal.need.event)


@rules.predicate
def sent_request(user, request) -> bool:
    return request is not None and _belongs(user, request.requester.organization_id)


@rules.predicate
def received_request(user, request) -> bool:
    return request is not None and _belongs(user, request.recipient.organization_id)


@rules.predicate
def organizes_request_event(user, request) -> bool:
    return request is not None and organizes_event(user, request.event)


@rules.predicate
def takes_part_in_meeting(user, meeting) -> bool:
    if meeting is None:
        return False
    request = meeting.request
    return _belongs(user, request.requester.organization_id) or _belongs(
        user, request.recipient.organization_id
    )


@rules.predicate
def organizes_meeting_event(user, meeting) -> bool:
    return meeting is not None and organizes_event(user, meeting.event)


manages_event = is_platform_admin | organizes_event

rules.add_perm("partnering.view_event", is_visible_event | manages_event)
rules.add_perm("partnering.manage_event", manages_event)
rules.add_perm("partnering.create_event", is_platform_admin | can_organize_any_event)
rules.add_perm("partnering.register", is_signed_in_member & is_open_event)
rules.add_perm("partnering.act_for_registration", represents_registration)

rules.add_perm(
    "partnering.view_need", is_published_need | owns_need | is_platform_admin | organizes_need_event
)
rules.add_perm("partnering.change_need", owns_need)
rules.add_perm("partnering.screen_proposals", owns_need)

rules.add_perm(
    "partnering.view_proposal",
    made_proposal | received_proposal | is_platform_admin | organizes_proposal_event,
)
rules.add_perm("partnering.withdraw_proposal", made_proposal & is_open_proposal)
rules.add_perm("partnering.decide_proposal", received_proposal & is_open_proposal)

rules.add_perm(
    "partnering.view_request",
    sent_request | received_request | is_platform_admin | organizes_request_event,
)
rules.add_perm("partnering.answer_request", received_request)
rules.add_perm("partnering.cancel_request", sent_request | received_request)

rules.add_perm(
    "partnering.view_meeting",
    takes_part_in_meeting | is_platform_admin | organizes_meeting_event,
)
rules.add_perm(
    "partnering.check_in", takes_part_in_meeting | is_platform_admin | organizes_meeting_event
)
rules.add_perm("partnering.give_feedback", takes_part_in_meeting)
rules.add_perm("partnering.move_meeting", is_platform_admin | organizes_meeting_event)
# Outcomes are what the parties agreed after the meeting; organizers record them too.
rules.add_perm(
    "partnering.record_outcome",
    takes_part_in_meeting | is_platform_admin | organizes_meeting_event,
)


@rules.predicate
def organizes_registration_event(user, registration) -> bool:
    return registration is not None and organizes_event(user, registration.event)


# Delegates and blocked times: the party itself, and the organizers who help it.
rules.add_perm(
    "partnering.change_registration",
    represents_registration | is_platform_admin | organizes_registration_event,
)


# Venture cafe.
@rules.predicate
def mentors_slot(user, slot) -> bool:
    return slot is not None and user.is_authenticated and slot.mentor_id == user.pk


@rules.predicate
def booked_slot(user, slot) -> bool:
    return slot is not None and _belongs(user, slot.booked_organization_id)


@rules.predicate
def organizes_slot_event(user, slot) -> bool:
    return slot is not None and organizes_event(user, slot.session.event)


@rules.predicate
def holds_cafe_place(user, attendance) -> bool:
    return attendance is not None and user.is_authenticated and attendance.user_id == user.pk


@rules.predicate
def organizes_cafe_place(user, attendance) -> bool:
    return attendance is not None and organizes_event(user, attendance.session.event)


rules.add_perm(
    "partnering.cancel_mentor_booking",
    booked_slot | mentors_slot | is_platform_admin | organizes_slot_event,
)
rules.add_perm(
    "partnering.withdraw_mentor_slot", mentors_slot | is_platform_admin | organizes_slot_event
)
rules.add_perm(
    "partnering.cancel_cafe_registration",
    holds_cafe_place | is_platform_admin | organizes_cafe_place,
)


# Agendas: the delegate, their colleagues in the party, and the organizers.
@rules.predicate
def is_the_delegate(user, delegate) -> bool:
    return delegate is not None and user.is_authenticated and delegate.user_id == user.pk


@rules.predicate
def represents_delegate_party(user, delegate) -> bool:
    return delegate is not None and _belongs(user, delegate.registration.organization_id)


@rules.predicate
def organizes_delegate_event(user, delegate) -> bool:
    return delegate is not None and organizes_event(user, delegate.registration.event)


rules.add_perm(
    "partnering.view_agenda",
    is_the_delegate | represents_delegate_party | is_platform_admin | organizes_delegate_event,
)


# Who takes part: the registered organizations' own members, and the organizers.
@rules.predicate
def is_registered_at_event(user, event) -> bool:
    organizations = access_for(user).organization_ids
    return (
        event is not None
        and bool(organizations)
        and event.registrations.filter(
            organization_id__in=organizations, is_cancelled=False
        ).exists()
    )


rules.add_perm("partnering.view_participants", is_registered_at_event | manages_event)

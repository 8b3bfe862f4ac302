"""Needs and proposals: who may post, answer and decide, and that refusals write nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ieum.partnering import job_names
from ieum.partnering.enums import MeetingStatus, ProposalStatus, RequestStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Meeting, MeetingRequest, Proposal, TechnologyNeed
from ieum.partnering.needs import post_need, update_need
from ieum.partnering.proposals import (
    accept_proposal,
    decline_proposal,
    shortlist_proposal,
    submit_proposal,
    withdraw_proposal,
)
from tests.factories import EventFactory, TechnologyNeedFactory, UserFactory, term
from tests.partnering.factories_needs import (
    MeetingRequestFactory,
    ProposalFactory,
    demand_party,
    queued,
    startup_party,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused(call, match: str, error=ValidationError):
    with pytest.raises(error) as caught:
        call()
    assert match in " ".join(caught.value.messages)


def test_a_demand_company_posts_a_need_with_terms_and_deal_types():
    event = EventFactory()
    demand = demand_party(event)
    need = post_need(
        registration=demand,
        by=UserFactory(),
        title_ko="  비만 치료 신규 기전  ",
        description_ko="GLP-1 이후의 기전을 찾습니다.",
        areas=[term("therapeutic_area", "oncology")],
        modalities=[term("modality", "antibody")],
        deal_types=["licensing", "licensing", "poc"],
    )
    assert need.title_ko == "비만 치료 신규 기전"
    assert need.deal_types == ["licensing", "poc"]
    assert need.event == event and need.is_published
    assert [t.code for t in need.areas.all()] == ["oncology"]
    assert [t.code for t in need.modalities.all()] == ["antibody"]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda e: startup_party(e), "Only demand companies"),
        (lambda e: demand_party(e, is_cancelled=True), "cancelled"),
    ],
)
def test_only_a_live_demand_registration_posts_needs(setup, message):
    registration = setup(EventFactory())
    refused(
        lambda: post_need(
            registration=registration, by=UserFactory(), title_ko="제목", description_ko="설명"
        ),
        message,
    )
    assert not TechnologyNeed.objects.exists()


def test_needs_are_posted_only_at_open_events_and_with_known_values():
    demand = demand_party(EventFactory(status="published"))
    post = lambda **kw: post_need(  # noqa: E731
        registration=demand, by=None, **{"title_ko": "제목", "description_ko": "설명", **kw}
    )
    refused(post, "does not take new needs")
    demand.event.status = "open"
    demand.event.save()
    refused(lambda: post(title_ko=" "), "Korean title")
    refused(lambda: post(deal_types=["barter"]), "Unknown deal type")
    refused(lambda: post(stages=[term("region", "gyeongnam")]), "offered list")
    refused(lambda: post(proposals_close_at=timezone.now() - timedelta(hours=1)), "future")
    assert not TechnologyNeed.objects.exists()


def test_update_need_changes_allowed_fields_only():
    need = TechnologyNeedFactory()
    update_need(need=need, by=None, title_en="New title", is_published=False, deal_types=["poc"])
    need.refresh_from_db()
    assert (need.title_en, need.is_published, need.deal_types) == ("New title", False, ["poc"])
    refused(lambda: update_need(need=need, by=None, registration=None), "cannot be changed")
    refused(lambda: update_need(need=need, by=None, title_ko=""), "Korean title")
    need.refresh_from_db()
    assert need.title_ko


def test_a_startup_submits_one_proposal_per_need(django_capture_on_commit_callbacks):
    need = TechnologyNeedFactory()
    startup = startup_party(need.event)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(
            need=need, registration=startup, by=None, title="항체", summary="요약"
        )
    assert proposal.status == ProposalStatus.SUBMITTED
    assert queued(job_names.PROPOSAL_EMAIL) == [{"proposal_id": proposal.pk, "event": "submitted"}]
    refused(
        lambda: submit_proposal(need=need, registration=startup, by=None, title="b", summary="c"),
        "already answered",
    )
    assert Proposal.objects.count() == 1


def test_proposals_are_refused_from_the_wrong_parties_and_after_closing():
    need = TechnologyNeedFactory()
    other_event_startup = startup_party(EventFactory())
    cancelled = startup_party(need.event, is_cancelled=True)
    other_demand = demand_party(need.event)
    submit = lambda registration: submit_proposal(  # noqa: E731
        need=need, registration=registration, by=None, title="t", summary="s"
    )
    refused(lambda: submit(need.registration), "your own need")
    refused(lambda: submit(other_event_startup), "Register at the need's event")
    refused(lambda: submit(cancelled), "cancelled")
    refused(lambda: submit(other_demand), "Demand companies do not answer")
    need.proposals_close_at = timezone.now() - timedelta(minutes=1)
    need.save()
    refused(lambda: submit(startup_party(need.event)), "no longer takes proposals")
    assert not Proposal.objects.exists()


def test_screening_steps_only_from_open_states():
    proposal = ProposalFactory()
    shortlist_proposal(proposal=proposal, by=None)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SHORTLISTED
    refused(lambda: shortlist_proposal(proposal=proposal, by=None), "already", IllegalStep)
    refused(lambda: decline_proposal(proposal=proposal, by=None, reason=" "), "Say why")
    decline_proposal(proposal=proposal, by=None, reason="범위 밖")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_reason) == (ProposalStatus.DECLINED, "범위 밖")
    for step in (
        lambda: withdraw_proposal(proposal=proposal, by=None),
        lambda: shortlist_proposal(proposal=proposal, by=None),
        lambda: decline_proposal(proposal=proposal, by=None, reason="x"),
        lambda: accept_proposal(proposal=proposal, by=None),
    ):
        refused(step, "already Declined", IllegalStep)
    proposal.refresh_from_db()
    assert proposal.decision_reason == "범위 밖"
    assert not MeetingRequest.objects.exists()


def test_accepting_a_proposal_makes_an_accepted_request_and_its_meeting(
    django_capture_on_commit_callbacks,
):
    proposal = ProposalFactory()
    demand_user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = accept_proposal(proposal=proposal, by=demand_user, priority=3)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == demand_user
    assert request.status == RequestStatus.ACCEPTED and request.proposal == proposal
    assert (request.requester, request.recipient) == (
        proposal.need.registration,
        proposal.registration,
    )
    meeting = Meeting.objects.get(request=request)
    assert meeting.status == MeetingStatus.UNSCHEDULED and meeting.weight == 3
    assert queued(job_names.PROPOSAL_EMAIL)[-1] == {"proposal_id": proposal.pk, "event": "accepted"}
    assert queued(job_names.PLACE_LATE_MEETINGS) == []


def test_accepting_when_the_pair_already_has_a_live_request_writes_nothing():
    proposal = ProposalFactory()
    MeetingRequestFactory(requester=proposal.registration, recipient=proposal.need.registration)
    refused(lambda: accept_proposal(proposal=proposal, by=None), "already have a meeting request")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert MeetingRequest.objects.count() == 1 and not Meeting.objects.exists()


def test_accepting_after_publication_queues_late_placement(django_capture_on_commit_callbacks):
    proposal = ProposalFactory(need__registration__event__status="published")
    with django_capture_on_commit_callbacks(execute=True):
        accept_proposal(proposal=proposal, by=None, priority=1)
    assert queued(job_names.PLACE_LATE_MEETINGS) == [{"event_id": proposal.need.event_id}]
    assert Meeting.objects.get().weight == 2


def test_a_bad_priority_is_refused():
    proposal = ProposalFactory()
    refused(lambda: accept_proposal(proposal=proposal, by=None, priority=4), "priority")
    assert not MeetingRequest.objects.exists()

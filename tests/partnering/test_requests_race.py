"""Two people acting on the same pair or proposal at once: exactly one of them wins."""

import pytest
from django.core.exceptions import ValidationError

from ieum.partnering.enums import LIVE_REQUEST_STATUSES, ProposalStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Meeting, MeetingRequest
from ieum.partnering.proposals import accept_proposal, decline_proposal
from ieum.partnering.requests import send_request
from tests.factories import EventFactory
from tests.partnering.factories_needs import ProposalFactory, demand_party, startup_party
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 6


def sorted_race(*actions) -> list[str]:
    return sorted(race(*actions, refusals={IllegalStep: "illegal", ValidationError: "refused"}))


def test_two_parties_asking_each_other_at_once_make_one_live_request():
    event = EventFactory()
    for _ in range(ROUNDS):
        startup, demand = startup_party(event), demand_party(event)
        outcomes = sorted_race(
            lambda s=startup, d=demand: send_request(requester=s, recipient=d, by=None),
            lambda s=startup, d=demand: send_request(requester=d, recipient=s, by=None),
            lambda s=startup, d=demand: send_request(requester=s, recipient=d, by=None),
        )
        assert outcomes == ["done", "illegal", "illegal"]
        live = MeetingRequest.objects.filter(
            requester__in=[startup, demand], status__in=LIVE_REQUEST_STATUSES
        )
        assert live.count() == 1


def test_accepting_and_declining_one_proposal_at_once_lets_one_win():
    for _ in range(ROUNDS):
        proposal = ProposalFactory()
        outcomes = sorted_race(
            lambda p=proposal: accept_proposal(proposal=p, by=None, priority=3),
            lambda p=proposal: decline_proposal(proposal=p, by=None, reason="범위 밖"),
        )
        assert outcomes == ["done", "illegal"]
        proposal.refresh_from_db()
        made = Meeting.objects.filter(request__proposal=proposal).count()
        if proposal.status == ProposalStatus.ACCEPTED:
            assert made == 1
        else:
            assert proposal.status == ProposalStatus.DECLINED and made == 0
            assert not MeetingRequest.objects.filter(proposal=proposal).exists()

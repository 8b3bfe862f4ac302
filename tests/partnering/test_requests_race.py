"""Two people acting on the same pair or proposal at once: exactly one of them wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ieum.partnering.enums import LIVE_REQUEST_STATUSES, ProposalStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Meeting, MeetingRequest
from ieum.partnering.proposals import accept_proposal, decline_proposal
from ieum.partnering.requests import send_request
from tests.factories import EventFactory
from tests.partnering.factories_needs import ProposalFactory, demand_party, startup_party

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 6


def _race(*actions) -> list[str]:
    """Run the actions in threads released together; each returns or raises."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def run(action) -> None:
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except IllegalStep:
            outcomes.append("illegal")
        except ValidationError:
            outcomes.append("refused")
        except BaseException as error:  # Reported by the assertion below.
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return sorted(outcomes)


def test_two_parties_asking_each_other_at_once_make_one_live_request():
    event = EventFactory()
    for _ in range(ROUNDS):
        startup, demand = startup_party(event), demand_party(event)
        outcomes = _race(
            lambda s=startup, d=demand: send_request(requester=s, recipient=d, by=None),
            lambda s=startup, d=demand: send_request(requester=d, recipient=s, by=None),
            lambda s=startup, d=demand: send_request(requester=s, recipient=d, by=None),
        )
        assert outcomes == ["done", "refused", "refused"]
        live = MeetingRequest.objects.filter(
            requester__in=[startup, demand], status__in=LIVE_REQUEST_STATUSES
        )
        assert live.count() == 1


def test_accepting_and_declining_one_proposal_at_once_lets_one_win():
    for _ in range(ROUNDS):
        proposal = ProposalFactory()
        outcomes = _race(
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

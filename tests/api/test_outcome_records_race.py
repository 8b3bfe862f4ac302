"""Two staff deciding the same record through the API at the same moment: one decision
stands, the other is answered 409 and changes nothing."""

import pytest

from ieum.accounts.enums import Role
from ieum.outcomes.enums import VerificationStatus
from tests.factories import MembershipFactory
from tests.outcomes.factories import make_outcome_world
from tests.partnering.factories_api import client_for
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_verification_and_a_rejection_at_once_leave_one_decision():
    world = make_outcome_world()
    second = MembershipFactory(organization=world.cluster.operator, role=Role.CLUSTER_STAFF).user
    entry = world.record(status=VerificationStatus.PENDING)
    url = f"/api/v1/outcome-records/{entry.pk}/"
    verifier, rejecter = client_for(world.staff), client_for(second)
    answers = race(
        lambda: str(verifier.post(f"{url}verify/").status_code),
        lambda: str(
            rejecter.post(f"{url}reject/", {"reason": "증빙 불충분"}, format="json").status_code
        ),
    )
    assert sorted(answers) == ["200", "409"]
    entry.refresh_from_db()
    assert entry.status == ("verified" if answers[0] == "200" else "rejected")
    assert entry.reviewed_by == (world.staff if answers[0] == "200" else second)

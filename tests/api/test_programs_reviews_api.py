"""The review assignments API. Must hold: a reviewer with a conflict of interest, found
(a recent affiliation with the applicant) or declared (a recusal), never sees that
application or its assignment, in details or lists, and cannot score it; another
reviewer's scores stay out of the answers until one's own review is submitted."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.programs.conflicts import record_conflicts
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, ConflictKind
from ieum.programs.models import (
    Affiliation,
    ConflictOfInterest,
    ReviewAssignment,
    ReviewerProfile,
    Score,
)
from tests.factories import CompanyFactory
from tests.partnering.factories_api import client_for
from tests.programs.factories import make_program_world

pytestmark = pytest.mark.django_db

ASSIGNMENTS = "/api/v1/review-assignments/"
APPLICATIONS = "/api/v1/applications/"


@pytest.fixture
def world(db):
    return make_program_world()


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json()


def ids(response) -> list[int]:
    return [row["id"] for row in ok(response)["results"]]


def scores_of(world, values) -> dict:
    return {str(c.pk): str(v) for c, v in zip(world.criteria, values, strict=True)}


def assert_out_of_sight(client, application, assignment) -> None:
    """Neither the application nor the assignment exists for this reviewer."""
    assert client.get(f"{APPLICATIONS}{application.pk}/").status_code == 404
    assert client.get(f"{ASSIGNMENTS}{assignment.pk}/").status_code == 404
    assert application.pk not in ids(client.get(APPLICATIONS))
    assert application.pk not in ids(client.get(f"{APPLICATIONS}?role=reviewer"))
    assert assignment.pk not in ids(client.get(ASSIGNMENTS))
    for status in ("assigned", "submitted", "recused"):
        assert assignment.pk not in ids(client.get(f"{ASSIGNMENTS}?status={status}"))
    text = str(ok(client.get(ASSIGNMENTS))) + str(ok(client.get(APPLICATIONS)))
    assert application.title not in text and application.reference not in text
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    scored = client.post(f"{url}scores/", {"scores": {}}, format="json")
    assert scored.status_code == 404
    assert client.post(f"{url}submit/").status_code == 404
    assert client.post(f"{url}recuse/", {"reason": "again"}, format="json").status_code == 404


def test_a_found_conflict_hides_the_application_and_its_assignment(world):
    application = world.application(title="동일 기관 출신 심사 대상")
    reviewer = world.reviewers[0]
    assignment = world.assign(application, reviewer)
    client = client_for(reviewer)
    assert ok(client.get(f"{APPLICATIONS}{application.pk}/"))["title"] == application.title
    # The reviewer left the applicant a year ago: a recent affiliation.
    Affiliation.objects.create(
        profile=ReviewerProfile.objects.get(user=reviewer),
        organization=world.company,
        ended_on=timezone.localdate() - timedelta(days=365),
    )
    assert record_conflicts(call=world.call) >= 1
    conflict = ConflictOfInterest.objects.get(application=application, reviewer=reviewer)
    assert conflict.kind == ConflictKind.PAST_AFFILIATION
    # The assignment row is still there; the conflict wins over it.
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    assert_out_of_sight(client, application, assignment)
    assert not Score.objects.filter(assignment=assignment).exists()
    # Another reviewer of the same application still reviews it.
    other = world.assign(application, world.reviewers[1])
    assert ok(client_for(world.reviewers[1]).get(f"{ASSIGNMENTS}{other.pk}/"))["id"] == other.pk


def test_a_declared_conflict_hides_the_application_and_its_assignment(world):
    application = world.application(title="공동연구 이력이 있는 신청")
    reviewer = world.reviewers[1]
    assignment = world.assign(application, reviewer)
    client = client_for(reviewer, language="en")
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    # No reason: refused, and nothing changes.
    refused = client.post(f"{url}recuse/", {"reason": "  "}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    assert not ConflictOfInterest.objects.exists()

    recusal = ok(client.post(f"{url}recuse/", {"reason": "지난해 공동연구 수행"}, format="json"))
    assert recusal == {
        "application": application.pk,
        "kind": "declared",
        "reason": "지난해 공동연구 수행",
        "created_at": recusal["created_at"],
    }
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.RECUSED and assignment.recused_at
    assert_out_of_sight(client, application, assignment)


def test_other_scores_stay_hidden_until_one_s_own_review_is_submitted(world):
    application = world.application()
    mine = world.assign(application, world.reviewers[0])
    theirs = world.score(world.assign(application, world.reviewers[1]), [5, 5, 4, 4])
    theirs.comment = "사업화 계획이 구체적임"
    theirs.save(update_fields=["comment"])
    client = client_for(world.reviewers[0], language="en")
    url = f"{ASSIGNMENTS}{mine.pk}/"

    before = ok(client.get(url))
    assert before["review"]["others_visible"] is False and before["review"]["others"] == []
    text = str(before)
    assert "사업화 계획이 구체적임" not in text and world.reviewers[1].full_name not in text

    saved = ok(
        client.post(f"{url}scores/", {"scores": scores_of(world, [4, 4, 3, 4])}, format="json")
    )
    assert saved["review"]["scores"] == {
        str(c.pk): f"{v:.2f}" for c, v in zip(world.criteria, [4, 4, 3, 4], strict=True)
    }
    assert saved["review"]["others"] == [] and saved["status"] == "assigned"
    assert "사업화 계획이 구체적임" not in str(saved)

    submitted = ok(client.post(f"{url}submit/"))
    assert submitted["status"] == "submitted"
    review = submitted["review"]
    assert review["others_visible"] is True
    (other,) = review["others"]
    assert other["label"] == "Reviewer 1" and other["comment"] == "사업화 계획이 구체적임"
    assert [Decimal(v) for v in other["scores"]] == [5, 5, 4, 4]
    assert world.reviewers[1].full_name not in str(submitted)
    assert Decimal(review["total"]) == Decimal("70")


def test_scores_out_of_the_scale_are_refused_and_nothing_is_written(world):
    assignment = world.assign(world.application(), world.reviewers[0])
    client = client_for(world.reviewers[0], language="en")
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    first = world.criteria[0]
    response = client.post(
        f"{url}scores/", {"scores": {str(first.pk): "6", "999999": "3"}}, format="json"
    )
    assert response.status_code == 400
    assert f"score_{first.pk}" in response.json() and "scores" in response.json()
    assert (
        client.post(f"{url}scores/", {"scores": {str(first.pk): "3.3"}}, format="json").status_code
        == 400
    )
    assert not Score.objects.exists()
    incomplete = client.post(f"{url}submit/")
    assert incomplete.status_code == 400
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED


def test_a_blind_stage_hides_the_company_from_reviewers_only(world):
    world.stage.is_blind = True
    world.stage.save(update_fields=["is_blind"])
    application = world.application()
    assignment = world.assign(application, world.reviewers[0])
    reviewer = client_for(world.reviewers[0])
    row = ok(reviewer.get(ASSIGNMENTS))["results"][0]
    assert row["application"]["company"] is None
    assert ok(reviewer.get(f"{ASSIGNMENTS}{assignment.pk}/"))["application"]["company"] is None
    assert ok(reviewer.get(f"{APPLICATIONS}{application.pk}/"))["company"] is None
    assert world.company.name_ko not in str(ok(reviewer.get(APPLICATIONS)))
    staff = client_for(world.staff)
    managed = ok(staff.get(f"{ASSIGNMENTS}{assignment.pk}/"))
    assert managed["application"]["company"]["slug"] == world.company.slug
    assert ok(staff.get(f"{APPLICATIONS}{application.pk}/"))["company"]["slug"] == (
        world.company.slug
    )


def test_managers_read_their_calls_assignments_with_names_but_score_none(world):
    application = world.application()
    assignment = world.score(world.assign(application, world.reviewers[0]), [3, 3, 3, 3])
    staff = client_for(world.staff)
    row = ok(staff.get(ASSIGNMENTS))["results"][0]
    assert row["reviewer"]["name"] == world.reviewers[0].full_name and row["method"] == "manual"
    detail = ok(staff.get(f"{ASSIGNMENTS}{assignment.pk}/"))
    assert detail["review"]["others_visible"] is True
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    assert (
        staff.post(
            f"{url}scores/", {"scores": scores_of(world, [5, 5, 5, 5])}, format="json"
        ).status_code
        == 403
    )
    assert staff.post(f"{url}recuse/", {"reason": "x"}).status_code == 403
    assert set(Score.objects.values_list("value", flat=True)) == {Decimal("3.00")}
    for person in (world.other_staff, world.company_member, world.reviewers[1], world.stranger):
        assert client_for(person).get(url).status_code == 404
        assert ids(client_for(person).get(ASSIGNMENTS)) == []


def test_a_withdrawn_application_leaves_the_reviewer_s_sight(world):
    application = world.application()
    assignment = world.assign(application, world.reviewers[0])
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawn_at"])
    client = client_for(world.reviewers[0])
    assert client.get(f"{ASSIGNMENTS}{assignment.pk}/").status_code == 404
    assert client.get(f"{APPLICATIONS}{application.pk}/").status_code == 404
    assert ids(client.get(ASSIGNMENTS)) == [] and ids(client.get(APPLICATIONS)) == []
    assert ok(client_for(world.staff).get(f"{APPLICATIONS}{application.pk}/"))["status"] == (
        "withdrawn"
    )


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ASSIGNMENTS).status_code == 200
    return len(queries)


def test_the_list_s_queries_do_not_grow(world):
    reviewer, staff = client_for(world.reviewers[0]), client_for(world.staff)
    world.assign(world.application(), world.reviewers[0])
    few = (list_queries(reviewer), list_queries(staff))
    for _ in range(6):
        world.assign(world.application(company=CompanyFactory()), world.reviewers[0])
    assert (list_queries(reviewer), list_queries(staff)) == few

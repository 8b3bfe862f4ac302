"""MUST HOLD: a reviewer with a conflict never sees or scores that application.

Proved here for the domain and query layer (pages, API and exports have their own
tests), for each automatic kind and for a declared conflict: the application is absent
from the reviewer's lists, the rules refuse it, staff cannot assign it to them, automatic
assignment never pairs them, and scoring is refused even when an assignment row remains.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ieum.accounts.access import forget_access
from ieum.core.business_days import seoul_today
from ieum.programs.assignment import add_assignment, assign_reviewers
from ieum.programs.conflicts import declare_conflict, record_conflicts
from ieum.programs.enums import AssignmentStatus, ConflictKind
from ieum.programs.errors import ConflictOfInterestError
from ieum.programs.models import ReviewAssignment, Score
from ieum.programs.scoring import save_scores, submit_review
from ieum.programs.visibility import reviewer_assignments, visible_applications
from tests.factories import MembershipFactory
from tests.programs.conflict_factories import (
    affiliate,
    meeting,
    organization_of,
    service_request,
    support_case,
)

KINDS = {
    # An affiliation that ended a year ago, inside the call's three-year look-back.
    "past_affiliation": ConflictKind.PAST_AFFILIATION,
    "meeting": ConflictKind.MEETING,
    "support_case": ConflictKind.SUPPORT_CASE,
    "linkage_request": ConflictKind.SUPPORT_CASE,
    "same_organization": ConflictKind.SAME_ORGANIZATION,
    "declared": ConflictKind.DECLARED,
}


def relate(kind: str, world, reviewer) -> None:
    """Make the relation behind an automatic conflict, or declare one."""
    company = world.company
    if kind == "past_affiliation":
        affiliate(reviewer, company, ended_on=seoul_today() - timedelta(days=365))
    elif kind == "meeting":
        meeting(company, organization_of(reviewer))
    elif kind == "support_case":
        support_case(company, organization_of(reviewer))
    elif kind == "linkage_request":
        service_request(company, organization_of(reviewer))
    elif kind == "same_organization":
        MembershipFactory(user=reviewer, organization=company)
        forget_access(reviewer)


def make_conflict(kind: str, world, application, reviewer) -> None:
    if kind == "declared":
        declare_conflict(actor=reviewer, application=application, reason="대표와 친족입니다.")
    else:
        relate(kind, world, reviewer)
        record_conflicts(call=world.call)
    assert application.conflicts.filter(reviewer=reviewer, kind=KINDS[kind]).exists()


def sees(reviewer, application) -> dict[str, bool]:
    assignment = ReviewAssignment.objects.filter(application=application, reviewer=reviewer).first()
    return {
        "listed": visible_applications(reviewer).filter(pk=application.pk).exists(),
        "in_assignments": reviewer_assignments(reviewer).filter(application=application).exists(),
        "view_application": reviewer.has_perm("programs.view_application", application),
        "review": assignment is not None and reviewer.has_perm("programs.review", assignment),
        "see_other_scores": assignment is not None
        and reviewer.has_perm("programs.see_other_scores", assignment),
    }


NOTHING = dict.fromkeys(
    ["listed", "in_assignments", "view_application", "review", "see_other_scores"], False
)


def nothing_as_reviewer(kind: str) -> dict[str, bool]:
    """What a conflicted reviewer sees: nothing, except that a member of the applicant
    company sees its application as an applicant does (never its reviews)."""
    if kind == "same_organization":
        return NOTHING | {"listed": True, "view_application": True}
    return NOTHING


def refuses_scoring(reviewer, assignment, world) -> None:
    values = {c.pk: Decimal(4) for c in world.criteria}
    with pytest.raises(ConflictOfInterestError):
        save_scores(actor=reviewer, assignment=assignment, values=values, comment="")
    with pytest.raises(ConflictOfInterestError):
        submit_review(actor=reviewer, assignment=assignment)


@pytest.mark.parametrize("kind", KINDS)
def test_a_conflict_known_before_assignment_keeps_the_reviewer_away(program_world, kind):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    make_conflict(kind, world, application, reviewer)

    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    assert summary.created == 3
    assert not ReviewAssignment.objects.filter(reviewer=reviewer).exists()
    with pytest.raises(ConflictOfInterestError):
        add_assignment(
            actor=world.staff, stage=world.stage, application=application, reviewer=reviewer
        )
    assert not ReviewAssignment.objects.filter(reviewer=reviewer).exists()
    assert sees(reviewer, application) == nothing_as_reviewer(kind)
    # The others assigned do see it.
    other = ReviewAssignment.objects.filter(application=application).first().reviewer
    assert sees(other, application)["view_application"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_conflict_found_after_assignment_hides_the_application_and_refuses_scores(
    program_world, kind
):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    assignment = world.assign(application, reviewer)
    assert sees(reviewer, application) == {
        "listed": True,
        "in_assignments": True,
        "view_application": True,
        "review": True,
        "see_other_scores": False,
    }
    world.score(assignment, [4, 4, 4, 4])
    make_conflict(kind, world, application, reviewer)
    # Even with the assignment row left as it was (not recused), the conflict wins.
    ReviewAssignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.SUBMITTED)
    assert sees(reviewer, application) == nothing_as_reviewer(kind)
    refuses_scoring(reviewer, assignment, world)
    assert set(Score.objects.filter(assignment=assignment).values_list("value", flat=True)) == {
        Decimal(4)
    }
    # Automatic assignment neither counts the stale row nor pairs them again.
    assign_reviewers(actor=world.staff, stage=world.stage)
    assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 1
    live = ReviewAssignment.objects.filter(application=application).exclude(reviewer=reviewer)
    assert live.count() == 3


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "declared"])
def test_a_relation_not_yet_recorded_is_caught_when_the_reviewer_acts(program_world, kind):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    assignment = world.assign(application, reviewer)
    relate(kind, world, reviewer)
    refuses_scoring(reviewer, assignment, world)
    # Caught once, it is on record, and the application is out of sight.
    assert application.conflicts.filter(reviewer=reviewer, kind=KINDS[kind]).exists()
    assert sees(reviewer, application) == nothing_as_reviewer(kind)
    assert not Score.objects.exists()


def test_an_affiliation_older_than_the_look_back_is_no_conflict(program_world):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    affiliate(reviewer, world.company, ended_on=seoul_today() - timedelta(days=4 * 366))
    assert record_conflicts(call=world.call) == 0
    assignment = add_assignment(
        actor=world.staff, stage=world.stage, application=application, reviewer=reviewer
    )
    assert sees(reviewer, application)["review"]
    assert save_scores(
        actor=reviewer,
        assignment=assignment,
        values={world.criteria[0].pk: Decimal(3)},
        comment="",
    )


def test_a_recusal_needs_its_reason_and_otherwise_hides_nothing(program_world):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    world.assign(application, reviewer)
    with pytest.raises(ValidationError):
        declare_conflict(actor=reviewer, application=application, reason="")
    assert sees(reviewer, application)["view_application"]

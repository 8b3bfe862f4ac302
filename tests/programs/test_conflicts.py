"""Conflicts of interest: each automatic kind found, recorded once, and declared recusals."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.accounts.enums import Role
from ieum.partnering.enums import MeetingStatus
from ieum.programs.conflicts import (
    declare_conflict,
    find_conflicts,
    record_conflicts,
    record_pair_conflicts,
    years_before,
)
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, ConflictKind, StageStatus
from ieum.programs.models import CallReviewer, ConflictOfInterest
from tests.factories import CompanyFactory, MembershipFactory, OrganizationFactory
from tests.programs.conflict_factories import (
    affiliate,
    handed_over_request,
    meeting,
    organization_of,
    service_request,
    support_case,
)
from tests.programs.factories import make_reviewer

TODAY = date(2026, 3, 10)
K = ConflictKind


def conflicts_of(world, application, reviewer=None, *, years=3):
    reviewer = reviewer or world.reviewers[0]
    found = find_conflicts(
        applications=[application], reviewers=world.reviewers, years=years, today=TODAY
    )
    return found.get((application.pk, reviewer.pk), [])


def test_reviewers_without_relations_have_no_conflict(program_world):
    application = program_world.application()
    found = find_conflicts(
        applications=[application], reviewers=program_world.reviewers, years=3, today=TODAY
    )
    assert found == {}


def test_a_member_of_the_applicant_company_has_a_conflict(program_world):
    application = program_world.application()
    MembershipFactory(user=program_world.reviewers[0], organization=program_world.company)
    assert conflicts_of(program_world, application) == [(K.SAME_ORGANIZATION, "에이치바이오진단")]
    assert conflicts_of(program_world, application, program_world.reviewers[1]) == []


def test_an_affiliation_counts_while_current_and_for_the_look_back_after_it_ended(program_world):
    application = program_world.application()
    company = program_world.company
    first, second, third, fourth = program_world.reviewers
    affiliate(first, company, ended_on=None, role="자문위원")
    affiliate(second, company, ended_on=date(2024, 3, 10))
    affiliate(third, company, ended_on=date(2023, 3, 10))
    affiliate(fourth, company, ended_on=date(2023, 3, 9))
    assert conflicts_of(program_world, application, first) == [
        (K.PAST_AFFILIATION, "에이치바이오진단 · 자문위원")
    ]
    assert conflicts_of(program_world, application, second) == [
        (K.PAST_AFFILIATION, "에이치바이오진단 · 연구원 · ~2024-03-10")
    ]
    # Three years to the day still counts; a day more does not.
    assert conflicts_of(program_world, application, third)[0][0] == K.PAST_AFFILIATION
    assert conflicts_of(program_world, application, fourth) == []
    # A longer look-back reaches it.
    assert conflicts_of(program_world, application, fourth, years=5)[0][0] == K.PAST_AFFILIATION


def test_an_affiliation_with_another_organization_is_no_conflict(program_world):
    application = program_world.application()
    affiliate(program_world.reviewers[0], program_world.other_company, ended_on=None)
    assert conflicts_of(program_world, application) == []


def test_the_look_back_from_a_leap_day():
    assert years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)


def test_a_support_case_provided_by_the_reviewers_organization(program_world):
    application = program_world.application()
    university = organization_of(program_world.reviewers[0])
    support_case(program_world.company, university, title="비임상 시험 지원")
    support_case(program_world.other_company, organization_of(program_world.reviewers[1]))
    assert conflicts_of(program_world, application) == [
        (K.SUPPORT_CASE, f"{university.name_ko} · 비임상 시험 지원")
    ]
    assert conflicts_of(program_world, application, program_world.reviewers[1]) == []


def test_a_linkage_request_held_now_or_earlier_by_the_reviewers_organization(program_world):
    application = program_world.application()
    first, second, third, _fourth = program_world.reviewers
    service_request(program_world.company, organization_of(first))
    handed_over_request(
        program_world.company, organization_of(second), now_with=OrganizationFactory()
    )
    assert [kind for kind, _ in conflicts_of(program_world, application, first)] == [K.SUPPORT_CASE]
    assert conflicts_of(program_world, application, second)[0][1].endswith("인허가 자문 요청")
    assert conflicts_of(program_world, application, third) == []


def test_a_shared_meeting_unless_cancelled(program_world):
    application = program_world.application()
    first, second, third, _fourth = program_world.reviewers
    meeting(program_world.company, organization_of(first))
    # The company on the receiving side counts the same.
    meeting(organization_of(second), program_world.company)
    meeting(program_world.company, organization_of(third), status=MeetingStatus.CANCELLED)
    assert conflicts_of(program_world, application, first) == [
        (K.MEETING, f"{organization_of(first).name_ko} · 오픈이노베이션 위크")
    ]
    assert conflicts_of(program_world, application, second)[0][0] == K.MEETING
    assert conflicts_of(program_world, application, third) == []


def test_several_kinds_are_listed_once_each_in_order(program_world):
    application = program_world.application()
    reviewer = program_world.reviewers[0]
    university = organization_of(reviewer)
    support_case(program_world.company, university, title="A")
    support_case(program_world.company, university, title="B")
    meeting(program_world.company, university)
    affiliate(reviewer, program_world.company, ended_on=None)
    found = conflicts_of(program_world, application)
    assert [kind for kind, _ in found] == sorted([K.MEETING, K.PAST_AFFILIATION, K.SUPPORT_CASE])
    assert dict(found)[K.SUPPORT_CASE] == f"{university.name_ko} · A, {university.name_ko} · B"


def count_queries(applications, reviewers) -> int:
    with CaptureQueriesContext(connection) as queries:
        find_conflicts(applications=applications, reviewers=reviewers, years=3, today=TODAY)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_applications_or_reviewers(program_world):
    def related_application():
        company = CompanyFactory()
        application = program_world.application(company=company)
        reviewer = make_reviewer()
        support_case(company, organization_of(reviewer))
        meeting(company, organization_of(reviewer))
        affiliate(reviewer, company, ended_on=None)
        return application, reviewer

    small = [related_application() for _ in range(2)]
    large = [related_application() for _ in range(10)]
    few = count_queries([a for a, _ in small], [r for _, r in small])
    many = count_queries([a for a, _ in large], [r for _, r in large])
    assert few == many <= 6


def test_record_conflicts_stores_the_pool_against_submitted_applications_once(program_world):
    world = program_world
    submitted = world.application()
    draft = world.application(company=world.other_company, status=ApplicationStatus.DRAFT)
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    MembershipFactory(user=world.reviewers[1], organization=world.other_company)
    outsider = make_reviewer()
    MembershipFactory(user=outsider, organization=world.company)
    # Someone holding an assignment is checked even when no longer in the pool.
    world.assign(submitted, outsider)
    assert record_conflicts(call=world.call) == 2
    rows = ConflictOfInterest.objects.order_by("reviewer_id")
    assert [(r.application, r.reviewer, r.kind) for r in rows] == [
        (submitted, world.reviewers[0], K.SAME_ORGANIZATION),
        (submitted, outsider, K.SAME_ORGANIZATION),
    ]
    assert not ConflictOfInterest.objects.filter(application=draft).exists()
    logged = LogEntry.objects.get_for_model(ConflictOfInterest)
    assert logged.filter(action=LogEntry.Action.CREATE).count() == 2
    assert record_conflicts(call=world.call) == 0
    assert ConflictOfInterest.objects.count() == 2


def test_record_conflicts_adds_a_new_kind_to_a_pair_already_recorded(program_world):
    world = program_world
    application = world.application()
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    record_conflicts(call=world.call)
    meeting(world.company, organization_of(world.reviewers[0]))
    assert record_conflicts(call=world.call) == 1
    assert set(ConflictOfInterest.objects.values_list("kind", flat=True)) == {
        K.SAME_ORGANIZATION,
        K.MEETING,
    }
    assert application.conflicts.count() == 2


def test_record_pair_conflicts_checks_one_reviewer_now(program_world):
    application = program_world.application()
    reviewer = program_world.reviewers[2]
    assert record_pair_conflicts(application=application, reviewer=reviewer) == 0
    support_case(program_world.company, organization_of(reviewer))
    assert record_pair_conflicts(application=application, reviewer=reviewer) == 1
    assert record_pair_conflicts(application=application, reviewer=reviewer) == 0
    assert application.conflicts.get().kind == K.SUPPORT_CASE


def test_a_reviewer_declares_a_conflict_and_their_assignments_are_recused(program_world, english):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    assignment = world.assign(application, reviewer)
    other = world.assign(application, world.reviewers[1])
    conflict = declare_conflict(
        actor=reviewer, application=application, reason="  지난해 공동 연구를 했습니다. "
    )
    assert (conflict.kind, conflict.reason, conflict.declared_by) == (
        K.DECLARED,
        "지난해 공동 연구를 했습니다.",
        reviewer,
    )
    assignment.refresh_from_db()
    other.refresh_from_db()
    assert assignment.status == AssignmentStatus.RECUSED
    assert assignment.recused_at is not None
    assert other.status == AssignmentStatus.ASSIGNED
    entries = LogEntry.objects.get_for_model(ConflictOfInterest)
    assert entries.get(action=LogEntry.Action.CREATE).actor == reviewer
    recusal = LogEntry.objects.get_for_object(assignment).get(action=LogEntry.Action.UPDATE)
    assert recusal.actor == reviewer
    assert recusal.changes_dict["status"] == ["assigned", "recused"]
    # Declaring again keeps the first declaration.
    again = declare_conflict(actor=reviewer, application=application, reason="다시")
    assert again == conflict
    assert ConflictOfInterest.objects.get().reason == "지난해 공동 연구를 했습니다."


def test_a_pool_reviewer_may_recuse_before_being_assigned(program_world):
    application = program_world.application()
    conflict = declare_conflict(
        actor=program_world.reviewers[3], application=application, reason="친족이 대표입니다."
    )
    assert conflict.reviewer == program_world.reviewers[3]


def test_a_declaration_without_a_reason_is_refused_and_changes_nothing(program_world, english):
    application = program_world.application()
    assignment = program_world.assign(application, program_world.reviewers[0])
    with pytest.raises(ValidationError) as refused:
        declare_conflict(actor=program_world.reviewers[0], application=application, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why you cannot review this application."]}
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED
    assert not ConflictOfInterest.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "company", "staff", "outside_reviewer"])
def test_only_the_calls_reviewers_may_declare(program_world, who):
    application = program_world.application()
    actor = make_reviewer() if who == "outside_reviewer" else program_world.roles.get(who)
    with pytest.raises(PermissionDenied):
        declare_conflict(actor=actor, application=application, reason="사유")
    assert not ConflictOfInterest.objects.exists()


def test_a_reviewer_removed_from_the_pool_still_recuses_from_what_they_hold(program_world):
    application = program_world.application()
    reviewer = program_world.reviewers[0]
    assignment = program_world.assign(application, reviewer)
    CallReviewer.objects.filter(reviewer=reviewer).delete()
    declare_conflict(actor=reviewer, application=application, reason="사유")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.RECUSED


def test_a_recusal_leaves_a_decided_stage_as_it_was(program_world):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[0]
    assignment = world.score(world.assign(application, reviewer), [5, 4, 3, 4])
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    declare_conflict(actor=reviewer, application=application, reason="사유")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    assert application.conflicts.get().kind == K.DECLARED


def test_staff_memberships_are_organizations_too(program_world):
    # A reviewer who is also on the staff of a cluster operator that provides a case.
    world = program_world
    application = world.application()
    MembershipFactory(
        user=world.reviewers[2], organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    )
    support_case(world.company, world.cluster.operator, title="전시회 참가")
    found = conflicts_of(world, application, world.reviewers[2])
    assert found == [(K.SUPPORT_CASE, f"{world.cluster.operator.name_ko} · 전시회 참가")]

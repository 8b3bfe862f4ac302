"""The reviewer pool of a call and reviewers' own profiles (expertise, affiliations)."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from ieum.accounts.enums import Role
from ieum.programs import calls
from ieum.programs.enums import AssignmentStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Affiliation, CallReviewer, ReviewerProfile
from tests.factories import CompanyFactory, MembershipFactory, UserFactory, term
from tests.programs.factories import cardiovascular
from tests.race import race


def pool_of(call) -> list[int]:
    return sorted(call.pool.values_list("reviewer_id", flat=True))


def test_staff_seat_a_reviewer_who_gets_a_profile(program_world):
    world = program_world
    newcomer = UserFactory()
    seat = calls.add_pool_reviewer(
        actor=world.staff, call=world.call, reviewer=newcomer, max_reviews=12
    )
    assert (seat.reviewer, seat.max_reviews) == (newcomer, 12)
    assert ReviewerProfile.objects.filter(user=newcomer).exists()
    assert LogEntry.objects.get_for_object(seat).get().actor == world.staff


def test_a_seat_is_taken_once_and_bad_limits_are_refused(program_world, english):
    world = program_world
    before = pool_of(world.call)
    with pytest.raises(ValidationError) as refused:
        calls.add_pool_reviewer(actor=world.staff, call=world.call, reviewer=world.reviewers[0])
    assert refused.value.message_dict == {"reviewer": ["This person is already in the pool."]}
    with pytest.raises(ValidationError) as refused:
        calls.add_pool_reviewer(
            actor=world.staff, call=world.call, reviewer=UserFactory(), max_reviews=0
        )
    assert "max_reviews" in refused.value.message_dict
    closed = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        calls.add_pool_reviewer(actor=world.staff, call=world.call, reviewer=closed)
    assert pool_of(world.call) == before
    assert not ReviewerProfile.objects.filter(user=closed).exists()


@pytest.mark.parametrize("role", ["other_staff", "company", "reviewer", "stranger"])
def test_only_the_calls_managers_change_its_pool(program_world, role):
    world = program_world
    actor = world.roles[role]
    seat = CallReviewer.objects.get(call=world.call, reviewer=world.reviewers[3])
    before = pool_of(world.call)
    with pytest.raises(PermissionDenied):
        calls.add_pool_reviewer(actor=actor, call=world.call, reviewer=UserFactory())
    with pytest.raises(PermissionDenied):
        calls.update_pool_seat(actor=actor, pool_seat=seat, max_reviews=2)
    with pytest.raises(PermissionDenied):
        calls.remove_pool_reviewer(actor=actor, pool_seat=seat)
    assert pool_of(world.call) == before
    seat.refresh_from_db()
    assert seat.max_reviews is None


def test_a_reviewer_holding_reviews_stays_in_the_pool_until_they_are_removed(program_world):
    world = program_world
    reviewer = world.reviewers[0]
    seat = CallReviewer.objects.get(call=world.call, reviewer=reviewer)
    assignment = world.assign(world.application(), reviewer)
    with pytest.raises(IllegalStep):
        calls.remove_pool_reviewer(actor=world.staff, pool_seat=seat)
    assert reviewer.pk in pool_of(world.call)
    # A recusal frees them: the application is no longer theirs.
    assignment.status = AssignmentStatus.RECUSED
    assignment.save()
    calls.remove_pool_reviewer(actor=world.staff, pool_seat=seat)
    assert reviewer.pk not in pool_of(world.call)


def test_the_most_reviews_of_a_seat_change(program_world):
    world = program_world
    seat = CallReviewer.objects.get(call=world.call, reviewer=world.reviewers[2])
    calls.update_pool_seat(actor=world.staff, pool_seat=seat, max_reviews=4)
    seat.refresh_from_db()
    assert seat.max_reviews == 4
    calls.update_pool_seat(actor=world.staff, pool_seat=seat, max_reviews=None)
    seat.refresh_from_db()
    assert seat.max_reviews is None


# Reviewer profiles


def affiliation_rows(company) -> list[dict]:
    return [
        {
            "organization": company,
            "role": "연구소장",
            "ended_on": date.today() - timedelta(days=400),
        },
        {"organization": CompanyFactory(), "role": " 자문위원 ", "ended_on": None},
    ]


def test_a_reviewer_keeps_their_own_expertise_and_affiliations(program_world):
    world = program_world
    reviewer = world.reviewers[2]
    areas = [cardiovascular(), term("technology_field", "medical-device")]
    profile = calls.save_reviewer_profile(
        actor=reviewer,
        user=reviewer,
        expertise=areas,
        bio="의료기기 인허가 15년",
        affiliations=affiliation_rows(world.company),
    )
    assert set(profile.expertise.all()) == set(areas)
    assert profile.bio == "의료기기 인허가 15년"
    assert list(profile.affiliations.order_by("pk").values_list("organization", "role")) == [
        (world.company.pk, "연구소장"),
        (profile.affiliations.order_by("pk")[1].organization_id, "자문위원"),
    ]
    calls.save_reviewer_profile(
        actor=reviewer, user=reviewer, expertise=[], bio="", affiliations=[]
    )
    assert not Affiliation.objects.filter(profile=profile).exists()
    assert not profile.expertise.exists()


def test_managers_of_a_call_pooling_the_reviewer_edit_their_profile_and_no_one_else(program_world):
    world = program_world
    reviewer = world.reviewers[1]
    calls.save_reviewer_profile(
        actor=world.staff, user=reviewer, expertise=[cardiovascular()], bio="x", affiliations=[]
    )
    for actor in (world.other_staff, world.company_member, world.reviewers[0], world.stranger):
        with pytest.raises(PermissionDenied):
            calls.save_reviewer_profile(
                actor=actor, user=reviewer, expertise=[], bio="바뀜", affiliations=[]
            )
    assert ReviewerProfile.objects.get(user=reviewer).bio == "x"
    # A person outside every pool of the staff's calls is not theirs to describe.
    with pytest.raises(PermissionDenied):
        calls.save_reviewer_profile(
            actor=world.staff, user=UserFactory(), expertise=[], bio="", affiliations=[]
        )


def test_a_bad_profile_is_refused_and_nothing_changes(program_world, english):
    world = program_world
    reviewer = world.reviewers[0]
    before = (
        list(ReviewerProfile.objects.get(user=reviewer).expertise.all()),
        Affiliation.objects.count(),
    )
    rows = affiliation_rows(world.company)
    rows[0]["ended_on"] = date.today() + timedelta(days=30)
    rows[1]["organization"] = None
    with pytest.raises(ValidationError) as refused:
        calls.save_reviewer_profile(
            actor=reviewer,
            user=reviewer,
            expertise=[term("region", "seoul")],
            bio="새 소개",
            affiliations=rows,
        )
    errors = refused.value.message_dict
    assert errors["expertise"] == ["Choose therapeutic areas and technology fields from the list."]
    assert errors["affiliations"] == [
        "Line 1: the end date is in the future; leave it empty for a current role.",
        "Line 2: choose the organization.",
    ]
    profile = ReviewerProfile.objects.get(user=reviewer)
    assert (list(profile.expertise.all()), Affiliation.objects.count()) == before
    assert profile.bio == ""


@pytest.mark.django_db(transaction=True)
def test_two_managers_seating_one_reviewer_at_once_seat_them_once(program_world):
    world = program_world
    second_staff = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    for _ in range(3):
        reviewer = UserFactory()
        outcomes = race(
            *[
                lambda actor=actor, reviewer=reviewer: calls.add_pool_reviewer(
                    actor=actor, call=world.call, reviewer=reviewer
                )
                for actor in (world.staff, second_staff)
            ],
            refusals={ValidationError: "refused"},
        )
        assert sorted(outcomes) == ["done", "refused"]
        assert CallReviewer.objects.filter(call=world.call, reviewer=reviewer).count() == 1

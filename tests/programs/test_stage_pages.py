"""Staff's pages of a stage: assignments (automatic, added, removed) with the conflicts
found, the ranking with its previews, decisions and the published results. Only the
call's managers reach them; everyone else gets a 404."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ieum.programs.conflicts import record_conflicts
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentMethod,
    AssignmentStatus,
    ConflictKind,
    DecisionOutcome,
    StageStatus,
)
from ieum.programs.models import CohortMember, Decision, ReviewAssignment
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def assignments_page(stage) -> str:
    return reverse("programs:stage_assignments", args=[stage.pk])


def ranking_page(stage) -> str:
    return reverse("programs:stage_ranking", args=[stage.pk])


def decide_page(stage) -> str:
    return reverse("programs:stage_decide", args=[stage.pk])


def publish_page(call) -> str:
    return reverse("programs:call_publish_results", args=[call.slug])


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def close_call(world) -> None:
    world.call.opens_at = timezone.now() - timedelta(days=20)
    world.call.closes_at = timezone.now() - timedelta(days=1)
    world.call.save(update_fields=["opens_at", "closes_at"])


@pytest.fixture
def ranked(program_world):
    """Three applications, two reviewers each, with totals worked out by hand:
    A 100 and 100; B 50 and 100 (SD 25, a disagreement); C 75 and 75 — B and C tie
    at 75, with the same criterion means, so B's earlier submission ranks it first."""
    world = program_world
    close_call(world)
    world.stage.reviewers_per_application = 2
    world.stage.save(update_fields=["reviewers_per_application"])
    first, second = world.reviewers[0], world.reviewers[1]
    now = timezone.now()
    applications = {
        "A": world.application(submitted_at=now - timedelta(hours=3)),
        "B": world.application(company=world.other_company, submitted_at=now - timedelta(hours=2)),
        "C": world.application(company=CompanyFactory(), submitted_at=now - timedelta(hours=1)),
    }
    scores = {"A": ([5] * 4, [5] * 4), "B": ([3] * 4, [5] * 4), "C": ([4] * 4, [4] * 4)}
    for key, (mine, theirs) in scores.items():
        world.score(world.assign(applications[key], first), mine)
        world.score(world.assign(applications[key], second), theirs)
    world.ranked = applications
    return world


@pytest.mark.parametrize("role", ["reviewer", "company", "other_staff", "stranger"])
def test_only_the_calls_managers_reach_the_stage_pages(client, program_world, role):
    world = program_world
    application = world.application()
    world.assign(application, world.reviewers[0])
    client.force_login(world.roles[role])
    assert client.get(assignments_page(world.stage)).status_code == 404
    assert client.post(assignments_page(world.stage), {"step": "automatic"}).status_code == 404
    assert client.get(ranking_page(world.stage)).status_code == 404
    assert client.post(decide_page(world.stage), {}).status_code == 404
    assert client.post(publish_page(world.call)).status_code == 404
    assert ReviewAssignment.objects.count() == 1
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_the_calls_managers_open_the_stage_pages(client, program_world, role):
    world = program_world
    world.assign(world.application(), world.reviewers[0])
    client.force_login(world.roles[role])
    assert client.get(assignments_page(world.stage)).status_code == 200
    assert client.get(ranking_page(world.stage)).status_code == 200


def test_automatic_assignment_reports_its_summary_and_never_pairs_a_conflict(
    client, program_world, english
):
    world = program_world
    conflicted = world.application()
    other = world.application(company=world.other_company)
    # The cardiovascular expert belongs to the applicant company.
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    client.force_login(world.staff)

    response = client.post(assignments_page(world.stage), {"step": "automatic"})
    assert response.status_code == 302 and response.url == assignments_page(world.stage)
    assert flashed(response) == [
        "6 assignments made, 6 in all. Reviews per reviewer: 1 to 2. Matching expertise: 50%."
    ]
    pairs = set(ReviewAssignment.objects.values_list("application_id", "reviewer_id"))
    assert len(pairs) == 6
    assert (conflicted.pk, world.reviewers[0].pk) not in pairs
    assert all(
        method == AssignmentMethod.AUTOMATIC
        for method in ReviewAssignment.objects.values_list("method", flat=True)
    )

    page = client.get(assignments_page(world.stage))
    rows = {row.application.pk: row for row in page.context["rows"]}
    assert [(c.reviewer, c.kind) for c in rows[conflicted.pk].conflicts] == [
        (world.reviewers[0], ConflictKind.SAME_ORGANIZATION)
    ]
    assert rows[other.pk].conflicts == []
    # Nobody left to add: the pool's other three review it, the fourth is in conflict.
    assert rows[conflicted.pk].addable == []
    html = page.content.decode()
    assert "Same organization" in html and world.company.name_ko in html
    loads = {load.seat.reviewer: load.assigned for load in page.context["loads"]}
    # Both experts review the other application; the loads differ by one at most.
    assert loads[world.reviewers[0]] == 1 and loads[world.reviewers[1]] == 2
    assert sorted([loads[world.reviewers[2]], loads[world.reviewers[3]]]) == [1, 2]


def test_unfilled_applications_are_named_after_the_automatic_run(client, program_world, english):
    world = program_world
    application = world.application()
    for reviewer in world.reviewers[:2]:
        MembershipFactory(user=reviewer, organization=world.company)
    client.force_login(world.staff)
    response = client.post(assignments_page(world.stage), {"step": "automatic"})
    messages = flashed(response)
    assert len(messages) == 2
    assert application.reference in messages[1]


def test_staff_add_a_pool_reviewer_without_a_conflict(client, program_world, english):
    world = program_world
    application = world.application()
    world.assign(application, world.reviewers[1])
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    record_conflicts(call=world.call)
    client.force_login(world.staff)

    row = client.get(assignments_page(world.stage)).context["rows"][0]
    assert [seat.reviewer for seat in row.addable] == sorted(
        world.reviewers[2:], key=lambda user: user.full_name
    )

    added = client.post(
        assignments_page(world.stage),
        {"step": "add", "application": application.pk, "reviewer": world.reviewers[2].pk},
    )
    assert added.status_code == 302
    assignment = ReviewAssignment.objects.get(application=application, reviewer=world.reviewers[2])
    assert assignment.method == AssignmentMethod.MANUAL and assignment.assigned_by == world.staff

    refused = client.post(
        assignments_page(world.stage),
        {"step": "add", "application": application.pk, "reviewer": world.reviewers[0].pk},
    )
    assert refused.status_code == 302
    assert "conflict of interest" in " ".join(flashed(refused))
    assert not ReviewAssignment.objects.filter(reviewer=world.reviewers[0]).exists()


def test_a_reviewer_outside_the_pool_cannot_be_added(client, program_world, english):
    world = program_world
    application = world.application()
    client.force_login(world.staff)
    response = client.post(
        assignments_page(world.stage),
        {"step": "add", "application": application.pk, "reviewer": world.stranger.pk},
    )
    assert response.status_code == 302
    assert flashed(response)
    assert not ReviewAssignment.objects.exists()


def test_staff_remove_a_pending_assignment_but_not_a_submitted_one(client, program_world, english):
    world = program_world
    application = world.application()
    pending = world.assign(application, world.reviewers[0])
    submitted = world.score(world.assign(application, world.reviewers[1]), [4, 4, 4, 4])
    client.force_login(world.staff)

    removed = client.post(
        assignments_page(world.stage), {"step": "remove", "assignment": pending.pk}
    )
    assert removed.status_code == 302
    assert not ReviewAssignment.objects.filter(pk=pending.pk).exists()

    refused = client.post(
        assignments_page(world.stage), {"step": "remove", "assignment": submitted.pk}
    )
    assert "stays with the application's scores" in " ".join(flashed(refused))
    submitted.refresh_from_db()
    assert submitted.status == AssignmentStatus.SUBMITTED


def test_the_assignments_page_query_count_does_not_grow(client, program_world):
    world = program_world
    client.force_login(world.staff)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(assignments_page(world.stage))
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    def add_application(company):
        application = world.application(company=company)
        for reviewer in world.reviewers[:3]:
            world.assign(application, reviewer)

    add_application(world.company)
    add_application(world.other_company)
    few, rows = queries()
    assert rows == 2
    for _ in range(8):
        add_application(CompanyFactory())
    many, rows = queries()
    assert rows == 10
    assert many == few


def test_the_ranking_shows_scores_spread_and_the_tie_break(client, ranked, english):
    world = ranked
    client.force_login(world.staff)
    response = client.get(ranking_page(world.stage))
    rows = response.context["rows"]
    a, b, c = (world.ranked[key] for key in "ABC")
    assert [row.application for row in rows] == [a, b, c]
    assert [row.ranked.score for row in rows] == [
        Decimal("100.000"),
        Decimal("75.000"),
        Decimal("75.000"),
    ]
    assert [row.ranked.sd for row in rows] == [
        Decimal("0.000"),
        Decimal("25.000"),
        Decimal("0.000"),
    ]
    assert [row.ranked.disagreement for row in rows] == [False, True, False]
    assert [row.ranked.tied_with_previous for row in rows] == [False, False, True]
    html = response.content.decode()
    assert html.count('class="badge text-bg-warning disagreement"') == 1
    assert html.count("tie-break</span>") == 1
    assert world.company.name_en in html
    assert [(t.name, t.total) for t in rows[1].totals] == [
        (world.reviewers[0].full_name, Decimal("50.000")),
        (world.reviewers[1].full_name, Decimal("100.000")),
    ]
    # The quota is two: A and B are proposed, C is not.
    form = response.context["decision_form"]
    assert [form[f"outcome_{app.pk}"].initial for app in (a, b, c)] == [
        DecisionOutcome.SELECTED,
        DecisionOutcome.SELECTED,
        DecisionOutcome.NOT_SELECTED,
    ]
    assert "Mean (this stage&#x27;s setting)" in html


def test_a_preview_under_other_settings_shows_normalized_totals_and_no_decisions(
    client, ranked, english
):
    world = ranked
    client.force_login(world.staff)
    response = client.get(ranking_page(world.stage), {"aggregation": "median", "normalize": "yes"})
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert response.context["decision_form"] is None
    html = response.content.decode()
    assert 'id="preview-notice"' in html and 'id="decision-form"' not in html
    row = response.context["rows"][0]
    assert row.ranked.method == "median" and row.ranked.normalized
    assert all(total.normalized is not None for total in row.totals)

    same = client.get(ranking_page(world.stage), {"aggregation": "mean", "normalize": "no"})
    assert same.context["preview"] is False


def test_staff_decide_the_stage_and_publish_the_results(client, ranked, english):
    world = ranked
    a, b, c = (world.ranked[key] for key in "ABC")
    client.force_login(world.staff)
    form = client.get(ranking_page(world.stage)).context["decision_form"]
    data = {name: field.initial or "" for name, field in form.fields.items()}

    decided = client.post(decide_page(world.stage), data)
    assert decided.status_code == 302 and decided.url == ranking_page(world.stage)
    world.stage.refresh_from_db()
    assert world.stage.status == StageStatus.DECIDED
    assert dict(Decision.objects.values_list("application_id", "outcome")) == {
        a.pk: DecisionOutcome.SELECTED,
        b.pk: DecisionOutcome.SELECTED,
        c.pk: DecisionOutcome.NOT_SELECTED,
    }
    page = client.get(ranking_page(world.stage))
    html = page.content.decode()
    assert 'id="decided-notice"' in html and 'id="decision-form"' not in html
    assert html.count('class="badge text-bg-success decision-outcome"') == 2
    assert 'id="publish-results"' in html

    published = client.post(publish_page(world.call))
    assert published.status_code == 302 and published.url == ranking_page(world.stage)
    assert "The results are published" in " ".join(flashed(published))
    for application in (a, b, c):
        application.refresh_from_db()
    assert {app.pk: app.status for app in (a, b, c)} == {
        a.pk: ApplicationStatus.SELECTED,
        b.pk: ApplicationStatus.SELECTED,
        c.pk: ApplicationStatus.NOT_SELECTED,
    }
    assert set(CohortMember.objects.values_list("application_id", flat=True)) == {a.pk, b.pk}
    assert 'id="publish-results"' not in client.get(ranking_page(world.stage)).content.decode()

    again = client.post(publish_page(world.call))
    assert "already published" in " ".join(flashed(again))
    assert CohortMember.objects.count() == 2


def test_a_decision_against_the_ranking_needs_a_reason(client, ranked, english):
    world = ranked
    a, b, c = (world.ranked[key] for key in "ABC")
    client.force_login(world.staff)
    data = {
        f"outcome_{a.pk}": DecisionOutcome.SELECTED,
        f"outcome_{b.pk}": DecisionOutcome.NOT_SELECTED,
        f"outcome_{c.pk}": DecisionOutcome.SELECTED,
    }
    data.update({f"reason_{app.pk}": "" for app in (a, b, c)})

    refused = client.post(decide_page(world.stage), data)
    assert refused.status_code == 400
    errors = refused.context["decision_form"].errors
    assert set(errors) == {f"reason_{b.pk}", f"reason_{c.pk}"}
    assert "departs from the ranking" in refused.content.decode()
    assert not Decision.objects.exists()
    world.stage.refresh_from_db()
    assert world.stage.status != StageStatus.DECIDED

    data[f"reason_{b.pk}"] = "The reviewers disagree; the site visit found no clean room."
    data[f"reason_{c.pk}"] = "Its plan is the most concrete."
    assert client.post(decide_page(world.stage), data).status_code == 302
    reasons = dict(Decision.objects.values_list("application_id", "reason"))
    assert reasons[c.pk] == "Its plan is the most concrete."
    page = client.get(ranking_page(world.stage)).content.decode()
    assert "Its plan is the most concrete." in page


def test_deciding_while_the_call_is_open_is_refused(client, program_world, english):
    world = program_world
    application = world.application()
    world.score(world.assign(application, world.reviewers[0]), [4, 4, 4, 4])
    client.force_login(world.staff)
    response = client.post(
        decide_page(world.stage),
        {f"outcome_{application.pk}": DecisionOutcome.SELECTED, f"reason_{application.pk}": ""},
    )
    assert response.status_code == 302
    assert "decide once it has closed" in " ".join(flashed(response))
    assert not Decision.objects.exists()


def test_publishing_before_the_last_stage_is_decided_is_refused(client, ranked, english):
    world = ranked
    client.force_login(world.staff)
    response = client.post(publish_page(world.call))
    assert "Decide the last review stage" in " ".join(flashed(response))
    world.call.refresh_from_db()
    assert world.call.results_published_at is None


def test_the_ranking_query_count_does_not_grow(client, program_world):
    world = program_world
    client.force_login(world.staff)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ranking_page(world.stage))
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    def add_application(company):
        application = world.application(company=company)
        for reviewer in world.reviewers[:3]:
            world.score(world.assign(application, reviewer), [4, 3, 5, 4])

    add_application(world.company)
    add_application(world.other_company)
    few, rows = queries()
    assert rows == 2
    for _ in range(8):
        add_application(CompanyFactory())
    many, rows = queries()
    assert rows == 10
    assert many == few

"""A reviewer's pages: the list of assignments, scoring one application, seeing the other
reviewers' scores only after submitting, blind stages, and recusal. A reviewer with a
conflict of interest, found or declared, never sees the application on any page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ieum.programs import conflicts
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentStatus,
    ConflictKind,
    StageStatus,
)
from ieum.programs.models import Affiliation, ApplicationFile, ConflictOfInterest, Score
from tests.factories import CompanyFactory, MembershipFactory
from tests.programs.factories import StageFactory

pytestmark = pytest.mark.django_db

REVIEWS = reverse("programs:reviews")


def review_page(assignment) -> str:
    return reverse("programs:review", args=[assignment.pk])


def recuse_page(assignment) -> str:
    return reverse("programs:review_recuse", args=[assignment.pk])


def score_data(world, values, *, then="save", comment="") -> dict:
    data = {f"score_{c.pk}": str(v) for c, v in zip(world.criteria, values, strict=True)}
    data.update(then=then, comment=comment)
    return data


def attach_plan(world, application) -> ApplicationFile:
    body = b"%PDF-1.4 business plan"
    return ApplicationFile.objects.create(
        application=application,
        document=world.document,
        file=ContentFile(body, name="plan.pdf"),
        name="사업계획서.pdf",
        content_type="application/pdf",
        size=len(body),
    )


def file_page(stored) -> str:
    return reverse("programs:application_file", args=[stored.pk])


def listed_references(response) -> list[str]:
    return [item.application.reference for item in response.context["page"].object_list]


def test_the_list_shows_pending_and_submitted_reviews_with_the_company(
    client, program_world, english
):
    world = program_world
    pending = world.assign(world.application(), world.reviewers[0])
    other = world.application(company=world.other_company)
    done = world.score(world.assign(other, world.reviewers[0]), [5, 4, 3, 4])
    client.force_login(world.reviewers[0])

    response = client.get(REVIEWS)
    assert response.status_code == 200
    assert listed_references(response) == [pending.application.reference]
    assert response.context["counts"] == {"pending": 1, "submitted": 1}
    page = response.content.decode()
    assert pending.application.title in page and world.company.name_en in page
    assert world.call.title_en in page and world.stage.name_en in page

    submitted = client.get(REVIEWS, {"tab": "submitted"})
    assert listed_references(submitted) == [done.application.reference]


def test_reviews_that_can_no_longer_be_given_leave_the_pending_tab(client, program_world):
    world = program_world
    waiting = world.assign(world.application(), world.reviewers[0])
    moved_on = world.assign(world.application(company=world.other_company), world.reviewers[0])
    later = StageFactory(call=world.call, position=2, name_en="Presentation")
    moved_on.application.current_stage = later
    moved_on.application.save(update_fields=["current_stage"])
    client.force_login(world.reviewers[0])
    assert listed_references(client.get(REVIEWS)) == [waiting.application.reference]

    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    response = client.get(REVIEWS)
    assert listed_references(response) == []
    assert response.context["counts"] == {"pending": 0, "submitted": 0}


def test_a_blind_stage_hides_the_company_in_the_list_and_on_the_review(
    client, program_world, english
):
    world = program_world
    world.stage.is_blind = True
    world.stage.save(update_fields=["is_blind"])
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])

    listed = client.get(REVIEWS).content.decode()
    assert assignment.application.title in listed
    assert world.company.name_en not in listed and world.company.name_ko not in listed

    shown = client.get(review_page(assignment)).content.decode()
    assert assignment.application.title in shown and "Blind review" in shown
    assert world.company.name_en not in shown and world.company.name_ko not in shown
    assert world.company_member.get_full_name() not in shown


def test_the_review_page_shows_the_application_and_the_criteria(client, program_world, english):
    world = program_world
    world.criteria[0].description_en = "Space, equipment and staff for the program."
    world.criteria[0].save(update_fields=["description_en"])
    text, choice = world.questions["text"], world.questions["choice"]
    application = world.application(
        created_by=world.company_member,
        answers={str(text.pk): "A patch that records a 7-day ECG", str(choice.pk): "clinical"},
    )
    plan = attach_plan(world, application)
    assignment = world.assign(application, world.reviewers[0])
    client.force_login(world.reviewers[0])

    response = client.get(review_page(assignment))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{file_page(plan)}"' in page and "사업계획서.pdf" in page
    assert client.get(file_page(plan)).status_code == 200
    assert world.company.name_en in page
    assert application.summary in page
    assert "Core technology" in page and "A patch that records a 7-day ECG" in page
    assert "Development stage" in page and "Clinical" in page
    assert "Business plan" in page
    assert "Space, equipment and staff for the program." in page
    for criterion in world.criteria:
        assert criterion.name_en in page
    assert 'id="others-hidden"' in page


def test_saving_a_draft_then_submitting_scores_every_criterion(client, program_world, english):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])

    draft = client.post(review_page(assignment), score_data(world, [5, 4, "", ""]))
    assert draft.status_code == 302 and draft.url == review_page(assignment)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED
    assert dict(assignment.scores.values_list("criterion_id", "value")) == {
        world.criteria[0].pk: Decimal("5"),
        world.criteria[1].pk: Decimal("4"),
    }

    done = client.post(
        review_page(assignment),
        score_data(world, [5, 4, 3, "4.5"], then="submit", comment="Strong hospital network."),
    )
    assert done.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    assert assignment.submitted_at is not None
    assert assignment.comment == "Strong hospital network."
    assert [s.value for s in assignment.scores.order_by("criterion__position")] == [
        Decimal("5"),
        Decimal("4"),
        Decimal("3"),
        Decimal("4.5"),
    ]
    page = client.get(review_page(assignment)).content.decode()
    # (30·100 + 25·75 + 20·50 + 25·87.5) / 100 = 80.625
    assert '<strong id="own-total">80.625</strong>' in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([6, 4, 3, 4], "less than or equal to 5"),
        ([0, 4, 3, 4], "greater than or equal to 1"),
        (["2.3", 4, 3, 4], "steps of half a point"),
        (["2.25", 4, 3, 4], "steps of half a point"),
        (["abc", 4, 3, 4], "Enter a number"),
        (["NaN", 4, 3, 4], "Enter a number"),
    ],
)
def test_a_bad_score_is_refused_and_nothing_is_written(
    client, program_world, english, values, message
):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])
    logged = LogEntry.objects.count()

    response = client.post(review_page(assignment), score_data(world, values, then="submit"))
    assert response.status_code == 400
    # The message is shown under the criterion's own field.
    assert f"score_{world.criteria[0].pk}" in response.context["form"].errors
    assert message in response.content.decode()
    assert not Score.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED
    assert LogEntry.objects.count() == logged


def test_submitting_with_a_criterion_unscored_writes_nothing(client, program_world, english):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])

    response = client.post(review_page(assignment), score_data(world, [5, 4, 3, ""], then="submit"))
    assert response.status_code == 400
    errors = response.context["form"].errors[f"score_{world.criteria[3].pk}"]
    assert "Score this criterion before you submit." in errors
    assert not Score.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED


def test_other_scores_are_hidden_until_the_reviewer_submits_their_own(
    client, program_world, english
):
    world = program_world
    application = world.application()
    mine = world.assign(application, world.reviewers[0])
    first = world.score(world.assign(application, world.reviewers[1]), [2, 2, 2, 2])
    first.comment = "The plan lacks milestones."
    first.save(update_fields=["comment"])
    world.score(world.assign(application, world.reviewers[2]), [5, 5, 5, 5])
    client.force_login(world.reviewers[0])

    before = client.get(review_page(mine))
    assert before.context["others"] == []
    page = before.content.decode()
    assert 'id="others-hidden"' in page
    assert "The plan lacks milestones." not in page
    assert "25.000" not in page and "100.000" not in page

    client.post(review_page(mine), score_data(world, [4, 4, 4, 4], then="submit"))
    after = client.get(review_page(mine))
    others = after.context["others"]
    # (2 − 1)/4 = 25 points on every criterion; 5 everywhere is 100.
    assert [(o.label, o.total) for o in others] == [
        ("Reviewer 1", Decimal("25.000")),
        ("Reviewer 2", Decimal("100.000")),
    ]
    page = after.content.decode()
    assert "The plan lacks milestones." in page
    # Anonymised: the other reviewers' names are not on the page.
    assert world.reviewers[1].get_full_name() not in page
    assert world.reviewers[2].get_full_name() not in page


def join_company(world, reviewer) -> None:
    MembershipFactory(user=reviewer, organization=world.company)


def advised_company(world, reviewer) -> None:
    Affiliation.objects.create(
        profile=reviewer.reviewer_profile,
        organization=world.company,
        role="Scientific advisor",
        ended_on=date.today() - timedelta(days=365),
    )


@pytest.mark.parametrize(
    ("relation", "kind"),
    [
        (advised_company, ConflictKind.PAST_AFFILIATION),
        (join_company, ConflictKind.SAME_ORGANIZATION),
    ],
)
def test_a_reviewer_with_an_automatic_conflict_never_sees_the_application(
    client, program_world, relation, kind
):
    world = program_world
    application = world.application()
    fair = world.assign(world.application(company=world.other_company), world.reviewers[0])
    # The assignment was made before the relation became known.
    assignment = world.assign(application, world.reviewers[0])
    plan = attach_plan(world, application)
    relation(world, world.reviewers[0])
    conflicts.record_conflicts(call=world.call)
    assert ConflictOfInterest.objects.filter(
        application=application, reviewer=world.reviewers[0], kind=kind
    ).exists()
    client.force_login(world.reviewers[0])

    listed = client.get(REVIEWS)
    assert listed_references(listed) == [fair.application.reference]
    assert application.title not in listed.content.decode()
    assert client.get(review_page(assignment)).status_code == 404
    response = client.post(review_page(assignment), score_data(world, [5, 5, 5, 5], then="submit"))
    assert response.status_code == 404
    assert client.post(recuse_page(assignment), {"reason": "x"}).status_code == 404
    assert not Score.objects.filter(assignment=assignment).exists()
    if kind != ConflictKind.SAME_ORGANIZATION:
        # A member of the company reads its application as the applicant, not as a
        # reviewer; anyone else in conflict does not read it at all.
        application_page = reverse("programs:application", args=[application.pk])
        assert client.get(application_page).status_code == 404
        assert client.get(file_page(plan)).status_code == 404


def test_a_reviewer_who_recuses_loses_sight_of_the_application(client, program_world, english):
    world = program_world
    application = world.application()
    plan = attach_plan(world, application)
    assignment = world.assign(application, world.reviewers[0])
    kept = world.assign(world.application(company=world.other_company), world.reviewers[0])
    client.force_login(world.reviewers[0])

    response = client.post(recuse_page(assignment), {"reason": "I advised its founders in 2025."})
    assert response.status_code == 302 and response.url == REVIEWS
    declared = ConflictOfInterest.objects.get(application=application, reviewer=world.reviewers[0])
    assert declared.kind == ConflictKind.DECLARED
    assert declared.reason == "I advised its founders in 2025."
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.RECUSED and assignment.recused_at is not None

    listed = client.get(REVIEWS)
    assert listed_references(listed) == [kept.application.reference]
    assert "has left your list" in listed.content.decode()
    assert client.get(review_page(assignment)).status_code == 404
    assert client.get(reverse("programs:application", args=[application.pk])).status_code == 404
    assert client.get(file_page(plan)).status_code == 404


def test_a_recusal_without_a_reason_is_refused_and_nothing_changes(client, program_world, english):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])

    response = client.post(recuse_page(assignment), {"reason": "   "})
    assert response.status_code == 400
    assert response.context["recuse_form"].errors["reason"]
    assert not ConflictOfInterest.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED
    assert client.get(recuse_page(assignment)).status_code == 405


@pytest.mark.parametrize("role", ["stranger", "company", "staff", "other_staff"])
def test_only_the_assigned_reviewer_opens_the_review(client, program_world, role):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.roles[role])
    assert client.get(review_page(assignment)).status_code == 404
    assert list(client.get(REVIEWS).context["page"].object_list) == []


def test_another_reviewer_cannot_open_someone_elses_assignment(client, program_world):
    world = program_world
    application = world.application()
    assignment = world.assign(application, world.reviewers[0])
    world.assign(application, world.reviewers[1])
    client.force_login(world.reviewers[1])
    assert client.get(review_page(assignment)).status_code == 404


def test_a_withdrawn_application_leaves_the_reviewers_list(client, program_world):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    application = assignment.application
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    client.force_login(world.reviewers[0])
    assert listed_references(client.get(REVIEWS)) == []
    assert client.get(review_page(assignment)).status_code == 404


def test_a_decided_stage_shows_the_scores_but_takes_no_change(client, program_world, english):
    world = program_world
    assignment = world.score(world.assign(world.application(), world.reviewers[0]), [5, 4, 3, 4])
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    client.force_login(world.reviewers[0])

    page = client.get(review_page(assignment)).content.decode()
    # (30·100 + 25·75 + 20·50 + 25·75) / 100 = 77.5
    assert "scores can no longer change" in page and '<strong id="own-total">77.500' in page
    assert 'value="submit"' not in page and 'id="recuse"' not in page

    response = client.post(review_page(assignment), score_data(world, [1, 1, 1, 1]))
    assert response.status_code == 409
    assert response.context["form"].non_field_errors()
    assert sorted(Score.objects.values_list("value", flat=True)) == [
        Decimal("3"),
        Decimal("4"),
        Decimal("4"),
        Decimal("5"),
    ]


def test_the_list_query_count_does_not_grow(client, program_world):
    world = program_world
    reviewer = world.reviewers[0]

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(REVIEWS)
        assert response.status_code == 200
        return len(captured), len(response.context["page"].object_list)

    world.assign(world.application(), reviewer)
    client.force_login(reviewer)
    few, rows = queries()
    assert rows == 1
    for _ in range(9):
        world.assign(world.application(company=CompanyFactory()), reviewer)
    many, rows = queries()
    assert rows == 10
    assert many == few


def test_the_review_page_query_count_does_not_grow_with_other_reviews(client, program_world):
    world = program_world
    application = world.application()
    mine = world.score(world.assign(application, world.reviewers[0]), [4, 4, 4, 4])
    world.score(world.assign(application, world.reviewers[1]), [3, 3, 3, 3])
    client.force_login(world.reviewers[0])

    with CaptureQueriesContext(connection) as few:
        assert client.get(review_page(mine)).status_code == 200
    for reviewer in world.reviewers[2:]:
        world.score(world.assign(application, reviewer), [2, 2, 2, 2])
    with CaptureQueriesContext(connection) as many:
        response = client.get(review_page(mine))
    assert len(response.context["others"]) == 3
    assert len(many) == len(few)


def test_staff_see_reviewer_names_on_their_own_assignment(client, program_world, english):
    world = program_world
    application = world.application()
    # An admin who also reviews is a manager: names are not hidden from them.
    mine = world.score(world.assign(application, world.admin), [4, 4, 4, 4])
    world.score(world.assign(application, world.reviewers[1]), [3, 3, 3, 3])
    client.force_login(world.admin)
    others = client.get(review_page(mine)).context["others"]
    assert [other.label for other in others] == [world.reviewers[1].get_full_name()]

"""A call's audit log: every score change, assignment, recusal and decision of the call
with who did it and what changed, newest first; nothing of other calls; managers only."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.programs.enums import DecisionOutcome
from ieum.programs.models import Decision, ReviewAssignment, Score
from tests.factories import CompanyFactory
from tests.programs.factories import CallFactory, StageFactory

pytestmark = pytest.mark.django_db


def audit_page(call) -> str:
    return reverse("programs:call_audit", args=[call.slug])


def score_data(world, values, *, then="save") -> dict:
    data = {f"score_{c.pk}": str(v) for c, v in zip(world.criteria, values, strict=True)}
    data.update(then=then, comment="")
    return data


@pytest.mark.parametrize("role", ["reviewer", "company", "other_staff", "stranger"])
def test_only_the_calls_managers_read_its_audit_log(client, program_world, role):
    client.force_login(program_world.roles[role])
    assert client.get(audit_page(program_world.call)).status_code == 404


def test_a_score_change_shows_with_its_author_and_values(client, program_world, english):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    client.force_login(world.reviewers[0])
    review = reverse("programs:review", args=[assignment.pk])
    client.post(review, score_data(world, [4, 4, 4, 4], then="submit"))
    client.post(review, score_data(world, [5, 4, 4, 4]))
    changed = Score.objects.get(assignment=assignment, criterion=world.criteria[0])

    client.force_login(world.staff)
    response = client.get(audit_page(world.call), {"kind": "score"})
    assert response.status_code == 200
    entries = [entry for entry, _kind, _changes in response.context["rows"]]
    assert {entry.content_type.model for entry in entries} == {"score"}
    newest, _kind, newest_changes = response.context["rows"][0]
    assert newest.object_id == changed.pk and newest.action == LogEntry.Action.UPDATE
    assert newest.actor == world.reviewers[0]
    assert [(c.field, c.old, c.new) for c in newest_changes] == [("score", "4.00", "5.00")]
    # Four scores created, one changed.
    assert len(entries) == 5
    html = response.content.decode()
    assert world.reviewers[0].full_name in html and "4.00 → 5.00" in html

    # The submission's time is shown in Seoul, as everything on the site.
    assignment.refresh_from_db()
    submissions = client.get(audit_page(world.call), {"kind": "reviewassignment"})
    shown = {
        (change.field, change.new)
        for _entry, _kind, changes in submissions.context["rows"]
        for change in changes
    }
    seoul = assignment.submitted_at.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S")
    assert ("submitted", seoul) in shown
    assert ("status", "Submitted") in shown


def test_assignments_recusals_and_removals_are_all_in_the_log(client, program_world, english):
    world = program_world
    application = world.application()
    removed = world.assign(application, world.reviewers[1])
    recusing = world.assign(application, world.reviewers[0])
    client.force_login(world.staff)
    client.post(
        reverse("programs:stage_assignments", args=[world.stage.pk]),
        {"step": "remove", "assignment": removed.pk},
    )
    assert not ReviewAssignment.objects.filter(pk=removed.pk).exists()
    client.force_login(world.reviewers[0])
    client.post(
        reverse("programs:review_recuse", args=[recusing.pk]),
        {"reason": "I sit on the company's advisory board."},
    )

    client.force_login(world.staff)
    rows = client.get(audit_page(world.call)).context["rows"]
    seen = [(entry.content_type.model, entry.action, entry.object_id) for entry, _k, _c in rows]
    assert ("reviewassignment", LogEntry.Action.DELETE, removed.pk) in seen
    assert ("reviewassignment", LogEntry.Action.UPDATE, recusing.pk) in seen
    assert any(model == "conflictofinterest" for model, _action, _pk in seen)
    deleted = next(
        entry
        for entry, _k, _c in rows
        if entry.action == LogEntry.Action.DELETE and entry.object_id == removed.pk
    )
    assert deleted.actor == world.staff
    html = client.get(audit_page(world.call)).content.decode()
    assert "I sit on the company&#x27;s advisory board." in html
    timestamps = [entry.timestamp for entry, _k, _c in rows]
    assert timestamps == sorted(timestamps, reverse=True)

    only_assignments = client.get(audit_page(world.call), {"kind": "reviewassignment"})
    kinds = {entry.content_type.model for entry, _k, _c in only_assignments.context["rows"]}
    assert kinds == {"reviewassignment"}


def test_another_calls_records_stay_out(client, program_world):
    world = program_world
    other_call = CallFactory(program=world.program)
    other_stage = StageFactory(call=other_call)
    elsewhere = world.application(call=other_call, current_stage=other_stage)
    foreign = world.assign(elsewhere, world.reviewers[0], stage=other_stage)
    mine = world.assign(world.application(company=world.other_company), world.reviewers[0])
    foreign.delete()

    client.force_login(world.staff)
    rows = client.get(audit_page(world.call)).context["rows"]
    objects = {(entry.content_type.model, entry.object_id) for entry, _k, _c in rows}
    assert ("reviewassignment", mine.pk) in objects
    assert ("reviewassignment", foreign.pk) not in objects
    assert ("application", elsewhere.pk) not in objects
    assert ("call", other_call.pk) not in objects
    assert ("call", world.call.pk) in objects


def test_the_audit_page_query_count_does_not_grow(client, program_world):
    world = program_world
    client.force_login(world.staff)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(audit_page(world.call))
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    world.assign(world.application(), world.reviewers[0])
    few, rows = queries()
    for _ in range(5):
        application = world.application(company=CompanyFactory())
        world.score(world.assign(application, world.reviewers[1]), [3, 3, 3, 3])
    many, more_rows = queries()
    assert more_rows > rows
    assert many == few


def test_decisions_and_pool_changes_are_in_the_log(client, program_world, english):
    world = program_world
    world.call.opens_at = timezone.now() - timedelta(days=20)
    world.call.closes_at = timezone.now() - timedelta(days=1)
    world.call.save(update_fields=["opens_at", "closes_at"])
    application = world.application()
    world.score(world.assign(application, world.reviewers[0]), [4, 4, 4, 4])
    world.call.pool.filter(reviewer=world.reviewers[3]).delete()
    client.force_login(world.staff)
    client.post(
        reverse("programs:stage_decide", args=[world.stage.pk]),
        {f"outcome_{application.pk}": DecisionOutcome.SELECTED, f"reason_{application.pk}": ""},
    )
    decision = Decision.objects.get(application=application)

    rows = client.get(audit_page(world.call), {"kind": "decision"}).context["rows"]
    assert [(entry.object_id, entry.actor) for entry, _k, _c in rows] == [
        (decision.pk, world.staff)
    ]
    assert ("decision", "—", "Selected") in {
        (change.field, change.old, change.new) for change in rows[0][2]
    }
    pool = client.get(audit_page(world.call), {"kind": "callreviewer"}).context["rows"]
    assert LogEntry.Action.DELETE in {entry.action for entry, _k, _c in pool}

"""Scheduling runs: queued for the worker, run with progress, reviewed, published."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ieum.partnering import job_names
from ieum.partnering.enums import EventStatus, MeetingStatus, RunStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Block, Meeting, MeetingSeat, ScheduleRun
from ieum.partnering.schedule_runs import (
    _ProgressWriter,
    apply_run,
    discard_run,
    execute_run,
    start_run,
)
from ieum.scheduling import Progress
from tests.factories import EventFactory
from tests.partnering.factories_scheduling import (
    HallFactory,
    accepted_meeting,
    demand_company,
    double_bookings,
    organizer_of,
    place,
    queued_jobs,
    startup,
)
from tests.worker import run_worker


def partnering_event():
    """Three demand companies with booths (one with two teams), eight startups, a hall."""
    event = EventFactory()
    HallFactory(event=event, capacity=2)
    pharmas = [demand_company(event, teams=2), demand_company(event), demand_company(event)]
    startups = [startup(event) for _ in range(8)]
    for n, company in enumerate(startups):
        team = 1 + n % 2 if n % 3 == 0 else 1
        accepted_meeting(company, pharmas[n % 3], weight=1 + n % 3, recipient_team=team)
        accepted_meeting(company, pharmas[(n + 1) % 3], recipient_team=1)
    accepted_meeting(startups[0], startups[1], weight=2)
    return event


def run_now(event, **options):
    run = start_run(event=event, by=organizer_of(event), time_limit=1.0, **options)
    return execute_run(run=run)


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_run_end_to_end_and_publishing_writes_it():
    event = partnering_event()
    organizer = organizer_of(event)
    run = start_run(event=event, by=organizer, time_limit=1.0)
    assert run.status == RunStatus.QUEUED
    assert queued_jobs(job_names.RUN_SCHEDULER) == [{"run_id": run.pk}]

    run_worker()

    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.figures["requested"] == 17
    assert run.figures["scheduled"] == 17 == len(run.assignments)
    assert run.figures["share"] == 1.0 and run.figures["valid"]
    assert run.progress["phase"] == "done" and run.progress["elapsed"] >= 0
    assert run.unscheduled == {}
    assert Meeting.objects.filter(status=MeetingStatus.SCHEDULED).count() == 0

    assert apply_run(run=run, by=organizer) == 17

    event.refresh_from_db()
    run.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at
    assert run.status == RunStatus.APPLIED and run.applied_by == organizer
    meetings = Meeting.objects.select_related("location", "request")
    assert all(m.status == MeetingStatus.SCHEDULED and m.published_at for m in meetings)
    for meeting in meetings:
        if meeting.location.registration_id:
            host_is_recipient = meeting.location.registration_id == meeting.request.recipient_id
            team = meeting.recipient_team if host_is_recipient else meeting.requester_team
            assert meeting.table_number == team
        else:
            assert 1 <= meeting.table_number <= meeting.location.capacity
    assert MeetingSeat.objects.count() == 34
    assert double_bookings(event) == 0
    assert queued_jobs(job_names.AGENDAS_PUBLISHED_EMAIL) == [{"event_id": event.pk}]
    assert queued_jobs(job_names.MEETING_EMAIL) == []


@pytest.mark.django_db
def test_a_second_run_is_refused_while_one_is_queued(english):
    event = partnering_event()
    start_run(event=event, by=organizer_of(event), time_limit=1.0)
    with pytest.raises(IllegalStep, match="already under way"):
        start_run(event=event, by=organizer_of(event))
    assert ScheduleRun.objects.count() == 1


@pytest.mark.django_db
def test_bad_run_options_are_refused_with_nothing_written(english):
    event = partnering_event()
    with pytest.raises(ValidationError, match="between 1 and 300 seconds"):
        start_run(event=event, by=organizer_of(event), time_limit=0.1)
    empty = EventFactory(days=[])
    with pytest.raises(ValidationError, match="no meeting slots"):
        start_run(event=empty, by=organizer_of(empty))
    assert ScheduleRun.objects.count() == 0


@pytest.mark.django_db
def test_a_run_whose_worker_died_does_not_block_the_next():
    event = partnering_event()
    stuck = ScheduleRun.objects.create(
        event=event,
        status=RunStatus.RUNNING,
        time_limit=10,
        started_at=timezone.now() - timedelta(hours=1),
    )
    start_run(event=event, by=organizer_of(event), time_limit=1.0)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED


@pytest.mark.django_db
def test_progress_is_written_at_most_twice_a_second(django_assert_num_queries):
    event = partnering_event()
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING)
    writer = _ProgressWriter(run, requested=17)
    report = Progress("CP-SAT", 0.4, weight=20, scheduled=15, breaks=3, max_breaks=1)
    with django_assert_num_queries(1):
        writer(report)
        writer(report)
    run.refresh_from_db()
    assert run.progress == {
        "phase": "CP-SAT",
        "elapsed": 0.4,
        "scheduled": 15,
        "requested": 17,
        "weight": 20,
        "weight_bound": None,
        "breaks": 3,
    }


@pytest.mark.django_db
def test_a_rerun_keeps_published_meetings_where_they_are(django_capture_on_commit_callbacks):
    event = partnering_event()
    organizer = organizer_of(event)
    apply_run(run=run_now(event), by=organizer)
    before = {
        m.pk: (m.slot_id, m.location_id, m.table_number, m.sequence) for m in Meeting.objects.all()
    }
    pharma = event.registrations.filter(kind="demand").first()
    late = accepted_meeting(startup(event), pharma, weight=3)

    with django_capture_on_commit_callbacks(execute=True):
        run = run_now(event)
        assert apply_run(run=run, by=organizer) == 18

    after = {
        m.pk: (m.slot_id, m.location_id, m.table_number, m.sequence) for m in Meeting.objects.all()
    }
    assert {pk: after[pk] for pk in before} == before
    assert Meeting.objects.get(pk=late.pk).status == MeetingStatus.SCHEDULED
    assert queued_jobs(job_names.MEETING_EMAIL) == []
    assert double_bookings(event) == 0


def crowding_event():
    """A published meeting sits in the only slot a heavier new meeting can take."""
    event = EventFactory()
    pharma, other = demand_company(event), demand_company(event)
    company = startup(event)
    slots = list(event.slots.order_by("start"))
    published = place(accepted_meeting(company, pharma), slots[0], pharma.booth)
    Block.objects.bulk_create(Block(registration=other, slot=slot) for slot in slots[1:])
    heavy = accepted_meeting(company, other, weight=3)
    return event, published, heavy, slots


@pytest.mark.django_db
def test_published_meetings_move_only_when_the_organizer_lets_the_run_move_them(
    django_capture_on_commit_callbacks,
):
    event, published, heavy, slots = crowding_event()
    kept = run_now(event, keep_published=True)
    assert kept.unscheduled == {str(heavy.pk): "crowded_out"}

    with django_capture_on_commit_callbacks(execute=True):
        free = run_now(event, keep_published=False)
        assert apply_run(run=free, by=organizer_of(event)) == 2

    published.refresh_from_db()
    heavy.refresh_from_db()
    assert heavy.slot == slots[0] and heavy.status == MeetingStatus.SCHEDULED
    assert published.slot != slots[0] and published.sequence == 1
    assert queued_jobs(job_names.MEETING_EMAIL) == [
        {"meeting_id": published.pk, "event": "moved", "sequence": 1}
    ]
    assert double_bookings(event) == 0


@pytest.mark.django_db
def test_publishing_is_refused_for_stale_or_unfinished_runs(english):
    event = partnering_event()
    organizer = organizer_of(event)
    queued = start_run(event=event, by=organizer, time_limit=1.0)
    with pytest.raises(IllegalStep, match="Only a finished run"):
        apply_run(run=queued, by=organizer)
    older = execute_run(run=queued)
    newer = run_now(event)
    with pytest.raises(IllegalStep, match="newer run"):
        apply_run(run=older, by=organizer)
    apply_run(run=newer, by=organizer)

    # A time blocked after a run started makes that run stale.
    run = run_now(event)
    meeting = Meeting.objects.select_related("request").get(pk=run.assignments[0]["meeting"])
    meeting.status = MeetingStatus.UNSCHEDULED
    Block.objects.create(registration=meeting.request.requester, slot_id=run.assignments[0]["slot"])
    with pytest.raises(IllegalStep, match="changed since this run"):
        apply_run(run=run, by=organizer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


@pytest.mark.django_db
def test_a_schedule_that_breaks_its_own_rules_fails_the_run_with_the_reason():
    event, published, _heavy, slots = crowding_event()
    Block.objects.create(registration=published.request.recipient, slot=slots[0])
    run = run_now(event)
    assert run.status == RunStatus.FAILED
    assert "unavailable" in run.error and run.finished_at


@pytest.mark.django_db
def test_a_discarded_run_cannot_be_published_and_a_queued_one_is_never_run(english):
    event = partnering_event()
    organizer = organizer_of(event)
    run = start_run(event=event, by=organizer, time_limit=1.0)
    discard_run(run=run, by=organizer)
    assert execute_run(run=run).status == RunStatus.DISCARDED
    with pytest.raises(IllegalStep):
        apply_run(run=run, by=organizer)
    with pytest.raises(IllegalStep):
        discard_run(run=run, by=organizer)

"""Scheduling runs: queue the scheduler, run it in the worker, review and publish its result.

A run never changes a meeting by itself: it stores a proposed schedule on the
`ScheduleRun`, the organizer reviews it, and `apply_run` writes it (publishing the
agendas). Published meetings stay where they are unless the run was started with
`keep_published=False`.
"""

from __future__ import annotations

import time
from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum import scheduling
from ieum.core.jobs import defer_on_commit
from ieum.partnering import job_names, notifications
from ieum.partnering.enums import EventKind, EventStatus, MeetingStatus, RunStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Event, ScheduleRun
from ieum.partnering.scheduling_input import (
    EventSnapshot,
    build_instance,
    load_snapshot,
    number_tables,
    parties_of,
    places_of,
    published_places,
    unscheduled_reasons,
)
from ieum.partnering.seats import clear_place, write_places

ACTIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)
MIN_TIME_LIMIT = 1.0
MAX_TIME_LIMIT = 300.0
# The page polls every second; writing more often than this only loads the database.
PROGRESS_INTERVAL = 0.5
# A run still RUNNING this long after its time limit lost its worker.
STALE_AFTER = timedelta(minutes=10)


@transaction.atomic
def start_run(
    *, event: Event, by, keep_published: bool = True, time_limit: float = 20.0
) -> ScheduleRun:
    """Queue a scheduling run for the worker; refused while another one is queued or running."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.kind != EventKind.PARTNERING:
        raise ValidationError(_("Only partnering events have meetings to schedule."))
    if event.status == EventStatus.CLOSED:
        raise IllegalStep(_("The event is closed; its schedule can no longer change."))
    if not MIN_TIME_LIMIT <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            {
                "time_limit": _("Give the scheduler between %(low)d and %(high)d seconds.")
                % {"low": MIN_TIME_LIMIT, "high": MAX_TIME_LIMIT}
            }
        )
    if not event.slots.exists():
        raise ValidationError(_("The event has no meeting slots yet: set its days first."))
    _fail_stale_runs(event)
    if event.schedule_runs.filter(status__in=ACTIVE_RUN_STATUSES).exists():
        raise IllegalStep(_("A scheduling run is already under way for this event."))
    run = ScheduleRun.objects.create(
        event=event,
        started_by=by,
        keep_published=keep_published,
        time_limit=time_limit,
        progress={"phase": "queued", "elapsed": 0},
    )
    defer_on_commit(job_names.RUN_SCHEDULER, run_id=run.pk)
    return run


def _fail_stale_runs(event: Event) -> None:
    now = timezone.now()
    for run in event.schedule_runs.filter(status=RunStatus.RUNNING, started_at__isnull=False):
        if run.started_at + timedelta(seconds=run.time_limit) + STALE_AFTER < now:
            ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
                status=RunStatus.FAILED,
                error=_("The worker stopped before the run finished."),
                finished_at=now,
            )


class _ProgressWriter:
    """Writes the solver's reports to the run row, at most every PROGRESS_INTERVAL seconds.

    Each write is its own short UPDATE outside any transaction, so the page polling the
    run sees it at once.
    """

    def __init__(self, run: ScheduleRun, requested: int):
        self.run_pk = run.pk
        self.requested = requested
        self.last = 0.0

    def __call__(self, report: scheduling.Progress) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        ScheduleRun.objects.filter(pk=self.run_pk, status=RunStatus.RUNNING).update(
            progress=self.as_dict(report)
        )

    def as_dict(self, report: scheduling.Progress) -> dict:
        return {
            "phase": report.phase,
            "elapsed": round(report.elapsed, 1),
            "scheduled": report.scheduled,
            "requested": self.requested,
            "weight": report.weight,
            "weight_bound": report.weight_bound,
            "breaks": report.breaks,
        }


def execute_run(*, run: ScheduleRun) -> ScheduleRun:
    """Run the scheduler for a queued run and store its proposal (the worker calls this).

    Not one transaction on purpose: the progress written while the solver works must be
    visible to the page before the run ends. Nothing here changes a meeting.
    """
    claimed = ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress={"phase": "loading"}
    )
    run.refresh_from_db()
    if not claimed:
        return run
    try:
        result = _solve(run)
    except scheduling.InstanceError as error:
        _finish(run, status=RunStatus.FAILED, error=str(error))
    except Exception as error:
        _finish(run, status=RunStatus.FAILED, error=repr(error))
        raise
    else:
        _finish(run, status=RunStatus.DONE, **result)
    run.refresh_from_db()
    return run


def _solve(run: ScheduleRun) -> dict:
    snapshot = load_snapshot(event=run.event)
    fixed = published_places(snapshot) if run.keep_published else {}
    instance, placeless = build_instance(snapshot, fixed=fixed)
    writer = _ProgressWriter(run, requested=len(snapshot.meetings))
    last: list[scheduling.Progress] = []

    def report(progress: scheduling.Progress) -> None:
        last[:] = [progress]
        writer(progress)

    schedule = scheduling.solve(instance, time_limit=run.time_limit, progress=report)
    return _review(snapshot, instance, schedule, placeless, last_progress=last, writer=writer)


def _review(
    snapshot: EventSnapshot,
    instance: scheduling.Instance,
    schedule: scheduling.Schedule,
    placeless: list,
    *,
    last_progress: list,
    writer: _ProgressWriter,
) -> dict:
    score = scheduling.score(instance, schedule)
    places = places_of(schedule)
    tables = number_tables(snapshot, places)
    left_out = [m for m in snapshot.meetings if m.pk not in places]
    requested = score.requested + len(placeless)
    figures = {
        "valid": score.valid,
        "scheduled": score.scheduled,
        "requested": requested,
        "share": round(score.scheduled / requested, 4) if requested else 1.0,
        "weight": score.weight_scheduled,
        "weight_requested": score.weight_requested + sum(m.weight for m in placeless),
        "weight_bound": schedule.weight_bound,
        "breaks": score.breaks,
        "max_breaks": score.max_breaks,
        "min_share": round(score.min_share, 4),
    }
    progress = writer.as_dict(last_progress[0]) if last_progress else {}
    progress.update(phase="done", scheduled=score.scheduled, weight=score.weight_scheduled)
    return {
        "figures": figures,
        "progress": progress,
        "assignments": [
            {"meeting": mid, "slot": slot_id, "location": location_id, "table": tables[mid]}
            for mid, (slot_id, location_id) in sorted(places.items())
        ],
        "unscheduled": {
            str(mid): reason
            for mid, reason in unscheduled_reasons(snapshot, places, left_out).items()
        },
    }


def _finish(run: ScheduleRun, *, status: str, **fields) -> None:
    # Only a run still RUNNING is finished: one discarded meanwhile stays discarded.
    ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
        status=status, finished_at=timezone.now(), updated_at=timezone.now(), **fields
    )


@transaction.atomic
def discard_run(*, run: ScheduleRun, by) -> ScheduleRun:
    """Set a run aside; a queued or running one is stopped from being stored."""
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    if run.status in (RunStatus.APPLIED, RunStatus.DISCARDED):
        raise IllegalStep(_("This run was already published or discarded."))
    run.status = RunStatus.DISCARDED
    run.finished_at = run.finished_at or timezone.now()
    with set_actor(by):
        run.save(update_fields=["status", "finished_at", "updated_at"])
    return run


@transaction.atomic
def apply_run(*, run: ScheduleRun, by) -> int:
    """Publish a finished run: write its schedule and publish the agendas.

    Returns the number of meetings scheduled. Refused unless the run is finished and the
    newest of its event, or (keeping published meetings) when a published meeting no
    longer stands where the run found it, or a party blocked a time it uses since.
    """
    event = Event.objects.select_for_update().get(pk=run.event_id)
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DONE:
        raise IllegalStep(_("Only a finished run that is not yet published can be published."))
    newest = event.schedule_runs.order_by("-created_at", "-pk").values_list("pk", flat=True)[0]
    if newest != run.pk:
        raise IllegalStep(_("A newer run exists for this event: publish that one instead."))
    snapshot = load_snapshot(event=event, lock=True)
    targets = _targets(snapshot, run)
    now = timezone.now()
    changed, moved = [], []
    for meeting in snapshot.meetings:
        target = targets.get(meeting.pk)
        was_published = meeting.status == MeetingStatus.SCHEDULED and meeting.published_at
        if target is None:
            if meeting.status != MeetingStatus.SCHEDULED:
                continue
            clear_place(meeting)
            meeting.sequence += 1
            if was_published:
                moved.append(meeting)
        else:
            slot, location, table = target
            if meeting.status == MeetingStatus.SCHEDULED and (
                meeting.slot_id,
                meeting.location_id,
                meeting.table_number,
            ) == (slot.pk, location.pk, table):
                if meeting.published_at is None:
                    meeting.published_at = now
                    changed.append(meeting)
                continue
            if meeting.status == MeetingStatus.SCHEDULED:
                meeting.sequence += 1
                if was_published:
                    moved.append(meeting)
            meeting.status = MeetingStatus.SCHEDULED
            meeting.slot, meeting.location, meeting.table_number = slot, location, table
            meeting.published_at = meeting.published_at or now
        changed.append(meeting)
    with set_actor(by):
        write_places(changed)
        event.status = EventStatus.PUBLISHED
        event.published_at = now
        event.save(update_fields=["status", "published_at", "updated_at"])
        run.status = RunStatus.APPLIED
        run.applied_at = now
        run.applied_by = by
        run.save(update_fields=["status", "applied_at", "applied_by", "updated_at"])
    notifications.agendas_published(event)
    for meeting in moved:
        notifications.meeting_changed(meeting, event="moved")
    return len(targets)


def _targets(snapshot: EventSnapshot, run: ScheduleRun) -> dict[int, tuple]:
    """The run's places for the meetings still live, checked against what changed since."""
    stale = IllegalStep(
        _(
            "The meetings changed since this run (moved by hand, blocked or new places); "
            "run the scheduler again."
        )
    )
    targets = {}
    for row in run.assignments:
        meeting = snapshot.meeting_by_id.get(row["meeting"])
        if meeting is None:
            continue  # Cancelled since the run: it simply stays out.
        slot = snapshot.slot_by_id.get(row["slot"])
        location = snapshot.location_by_id.get(row["location"])
        if slot is None or location is None:
            raise stale
        if any((reg, team, slot.pk) in snapshot.blocks for reg, team in parties_of(meeting)):
            raise stale
        targets[meeting.pk] = (slot, location, row["table"])
    if run.keep_published:
        for meeting_id, (slot_id, location_id) in published_places(snapshot).items():
            meeting = snapshot.meeting_by_id[meeting_id]
            target = targets.get(meeting_id)
            if target is None or (target[0].pk, target[1].pk, target[2]) != (
                slot_id,
                location_id,
                meeting.table_number,
            ):
                raise stale
    return targets

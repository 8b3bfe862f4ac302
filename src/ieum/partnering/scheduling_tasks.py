"""Scheduling work for the background worker: scheduler runs and late placements.

A run takes up to its time limit (seconds to minutes), so the page only queues it
(`schedule_runs.start_run`) and follows its progress; late acceptances after the agendas
are published queue a placement (`requests.accept_request`).
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ieum.partnering import job_names, placement, schedule_runs
from ieum.partnering.models import Event, ScheduleRun


# A job that runs twice finds its run already taken up and does nothing.
@app.task(name=job_names.RUN_SCHEDULER)
def run_scheduler(*, run_id: int) -> None:
    run = ScheduleRun.objects.filter(pk=run_id).select_related("event").first()
    if run is not None:
        schedule_runs.execute_run(run=run)


# Placing twice is harmless: the second finds nothing left to place.
@app.task(name=job_names.PLACE_LATE_MEETINGS)
def place_late_meetings(*, event_id: int) -> None:
    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        placement.place_late_meetings(event=event)

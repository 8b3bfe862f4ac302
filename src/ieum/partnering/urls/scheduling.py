"""Scheduling: runs of the scheduler, publishing, and moving meetings by hand."""

from django.urls import path

from ieum.partnering.views import scheduling

urlpatterns = [
    path("events/<slug:slug>/schedule/", scheduling.schedule, name="schedule"),
    path(
        "events/<slug:slug>/schedule/runs/",
        scheduling.schedule_run_start,
        name="schedule_run_start",
    ),
    path("schedule-runs/<int:pk>/", scheduling.schedule_run, name="schedule_run"),
    path(
        "schedule-runs/<int:pk>/publish/",
        scheduling.schedule_run_apply,
        name="schedule_run_apply",
    ),
    path(
        "schedule-runs/<int:pk>/discard/",
        scheduling.schedule_run_discard,
        name="schedule_run_discard",
    ),
    path("meetings/<int:pk>/move/", scheduling.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/swap/", scheduling.meeting_swap, name="meeting_swap"),
    path(
        "meetings/<int:pk>/unschedule/",
        scheduling.meeting_unschedule,
        name="meeting_unschedule",
    ),
]

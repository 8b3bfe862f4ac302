"""When each demo step happened, and writing those times onto the rows afterwards.

The domain functions stamp `now`; the demo tells a history, so once every request has
been walked through the workflow its timestamps are set to the planned moments (a few
bulk updates) and the deadlines are counted again from those dates in business days,
the way the workflow counts them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection

from ieum.core.business_days import SEOUL, add_business_days, is_business_day
from ieum.linkage.demo.stories import EVENT_STEPS, Plan
from ieum.linkage.models import (
    RequestEvent,
    RequestFile,
    RequestMessage,
    RequestRead,
    ServiceRequest,
)
from ieum.linkage.workflow import TRIAGE_BUSINESS_DAYS

# The first requests came in when the linkage desk opened.
HISTORY_STARTS = date(2025, 1, 2)
REQUEST_TIMES = [
    "created_at",
    "updated_at",
    "submitted_at",
    "assigned_at",
    "accepted_at",
    "delivered_at",
    "closed_at",
    "nda_accepted_at",
    "triage_due",
    "response_due",
    "delivery_due",
    "wanted_by",
]


def business_days_before(day: date, count: int) -> date:
    while count > 0:
        day -= timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def last_business_day(day: date) -> date:
    while not is_business_day(day):
        day -= timedelta(days=1)
    return day


def place(rng: random.Random, plan: Plan, *, now: datetime) -> None:
    """Give every step of `plan` its moment: open requests end `plan.age` business days
    ago, finished ones somewhere between the start of the history and last week."""
    today = now.astimezone(SEOUL).date()
    gaps = [step.gap for step in plan.steps]
    if plan.finished:
        earliest = add_business_days(HISTORY_STARTS, sum(gaps[1:]) + 1)
        latest = business_days_before(today, 5)
        span = max(0, (latest - earliest).days)
        end = last_business_day(min(latest, earliest + timedelta(days=rng.randint(0, span))))
    else:
        end = business_days_before(last_business_day(today), plan.age or 0)
    days = [end]
    for gap in reversed(gaps[1:]):
        days.append(business_days_before(days[-1], gap))
    days.reverse()
    moments = sorted(
        datetime.combine(day, time(9, 0), SEOUL) + timedelta(minutes=rng.randint(10, 530))
        for day in days
    )
    # Nothing happens after now: the latest steps of today move just before it.
    limit = now - timedelta(minutes=5)
    for index in range(len(moments) - 1, -1, -1):
        if moments[index] > limit:
            moments[index] = limit
        limit = moments[index] - timedelta(minutes=3)
    for step, moment in zip(plan.steps, moments, strict=True):
        step.at = moment


def _day(moment: datetime) -> date:
    return moment.astimezone(SEOUL).date()


def request_times(plan: Plan) -> dict:
    """The request's timestamps and deadlines, as the workflow would have set them."""
    values: dict = {name: None for name in REQUEST_TIMES}
    holder = plan.addressed
    for step in plan.steps:
        if step.kind == "create":
            values["created_at"] = step.at
        elif step.kind == "submit":
            values["submitted_at"] = step.at
            values["triage_due"] = add_business_days(_day(step.at), TRIAGE_BUSINESS_DAYS)
            if holder is not None:
                _assigned(values, step.at, holder)
        elif step.kind == "assign":
            holder = step.offering
            _assigned(values, step.at, holder)
        elif step.kind == "nda":
            values["nda_accepted_at"] = step.at
        elif step.kind == "decline":
            values["response_due"] = values["nda_accepted_at"] = None
        elif step.kind == "accept":
            values["accepted_at"] = step.at
            values["delivery_due"] = add_business_days(_day(step.at), holder.lead_time_days)
        elif step.kind == "deliver":
            values["delivered_at"] = step.at
        elif step.kind == "close":
            values["closed_at"] = step.at
    values["updated_at"] = plan.steps[-1].at
    if plan.wanted_in_days and values["submitted_at"]:
        values["wanted_by"] = _day(values["submitted_at"]) + timedelta(days=plan.wanted_in_days)
    return values


def _assigned(values: dict, moment: datetime, offering) -> None:
    values["assigned_at"] = moment
    values["response_due"] = add_business_days(_day(moment), offering.response_days)
    values["delivery_due"] = values["nda_accepted_at"] = None


def event_times(plan: Plan) -> list[datetime]:
    times = []
    for step in plan.steps:
        if step.kind in EVENT_STEPS:
            times.append(step.at)
        if step.kind == "submit" and plan.addressed is not None:
            times.append(step.at)
    return times


def write_history(done: list[tuple[Plan, ServiceRequest]]) -> None:
    """Set the planned times on the requests and everything on their timelines."""
    plans = {request.pk: plan for plan, request in done}
    rows = []
    for request_id, plan in plans.items():
        values = request_times(plan)
        rows.append((request_id, *(values[name] for name in REQUEST_TIMES), True))
    stamp(ServiceRequest, [*REQUEST_TIMES, "is_demo"], rows)
    _restamp(RequestEvent, "at", plans, event_times)
    _restamp(RequestMessage, "created_at", plans, _times_of(("message", "deliver")))
    _restamp(RequestRead, "at", plans, _times_of(("read",)))
    sent = dict(RequestMessage.objects.filter(request_id__in=plans).values_list("pk", "created_at"))
    files = RequestFile.objects.filter(request_id__in=plans).values_list(
        "pk", "request_id", "message_id"
    )
    stamp(
        RequestFile,
        ["created_at"],
        [
            (pk, sent.get(message_id) or plans[request_id].steps[0].at)
            for pk, request_id, message_id in files
        ],
    )


def _times_of(kinds: tuple[str, ...]):
    return lambda plan: [step.at for step in plan.steps if step.kind in kinds]


def _restamp(model, column: str, plans: dict[int, Plan], planned) -> None:
    """Give each request's rows, in the order they were written, the planned times."""
    ids = defaultdict(list)
    for pk, request_id in (
        model.objects.filter(request_id__in=plans)
        .order_by("request_id", "pk")
        .values_list("pk", "request_id")
    ):
        ids[request_id].append(pk)
    rows = []
    for request_id, plan in plans.items():
        times = planned(plan)
        mine = ids.get(request_id, [])
        if len(mine) != len(times):
            raise RuntimeError(
                f"{model.__name__} of request {request_id}: {len(mine)} rows for "
                f"{len(times)} planned steps"
            )
        rows += list(zip(mine, times, strict=True))
    stamp(model, [column], rows)


def stamp(model, columns: list[str], rows: list[tuple]) -> None:
    """Set `columns` on many rows in one statement: rows are (pk, value, ...)."""
    if not rows:
        return
    types = [model._meta.get_field(name).db_type(connection) for name in columns]
    arrays = ", ".join(["%s::bigint[]", *(f"%s::{kind}[]" for kind in types)])
    assignments = ", ".join(f"{name} = row.{name}" for name in columns)
    names = ", ".join(["id", *columns])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} AS target SET {assignments} "
            f"FROM unnest({arrays}) AS row({names}) WHERE target.id = row.id",
            [list(column) for column in zip(*rows, strict=True)],
        )

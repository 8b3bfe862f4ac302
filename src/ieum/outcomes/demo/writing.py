"""Planned records to rows: each through `record_input.clean_record_fields`, the check
forms, the API and the import use, then inserted in bulk with their attributions, their
moments (entered some days after the fact, verified some weeks later) and the audit
entries their authors would have left.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from ieum.core.bulk_audit import log_bulk_creation
from ieum.core.business_days import SEOUL
from ieum.linkage.demo.timeline import stamp
from ieum.outcomes.demo.world import Planned, World
from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.money import RateBook
from ieum.outcomes.record_input import clean_record_fields

BATCH_SIZE = 1_000
# Yearly figures are entered once the books are closed, in the first months of the next year.
YEARLY_KINDS = frozenset({OutcomeKind.REVENUE, OutcomeKind.EMPLOYMENT})


class DemoDataError(Exception):
    """A planned record fails the input check: the demo plan itself is wrong."""


def _moments(plan: Planned, rng: random.Random, now: datetime) -> tuple[datetime, datetime]:
    """When the record was entered and when it was verified or rejected."""
    lag = rng.randint(20, 75) if plan.kind in YEARLY_KINDS else rng.randint(1, 20)
    entered = datetime.combine(
        plan.day + timedelta(days=lag), time(9 + rng.randint(0, 8), rng.randint(0, 59))
    ).replace(tzinfo=SEOUL)
    entered = min(entered, now - timedelta(hours=rng.randint(30, 200)))
    reviewed = min(entered + timedelta(days=rng.randint(2, 40), hours=rng.randint(0, 6)), now)
    return entered, reviewed


def write_plans(
    plans: list[Planned], *, world: World, today: date, now: datetime, rng: random.Random
) -> list[OutcomeRecord]:
    """Insert the planned records dated today or earlier; returns the rows."""
    rates = RateBook.load()
    records, kept, moments = [], [], []
    for plan in plans:
        if plan.day > today:
            continue
        try:
            values = clean_record_fields(kind=plan.kind, data=plan.data, rates=rates, today=today)
        except Exception as error:
            raise DemoDataError(f"{plan.company.organization.slug} {plan.kind}: {error}") from error
        staff = world.staff.get(plan.clusters[0], world.admin)
        entered, reviewed = _moments(plan, rng, now)
        author = staff if plan.by_staff or plan.company.user is None else plan.company.user
        decided = plan.status != VerificationStatus.PENDING
        records.append(
            OutcomeRecord(
                company=plan.company.organization,
                **values,
                status=plan.status,
                rejection_reason=plan.reason,
                reviewed_by=staff if decided else None,
                reviewed_at=reviewed if decided else None,
                source=plan.source,
                recorded_by=author,
            )
        )
        kept.append(plan)
        moments.append((entered, reviewed if decided else entered))
    OutcomeRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    _attribute(records, kept)
    stamp(
        OutcomeRecord,
        ["created_at", "updated_at"],
        [(r.pk, entered, changed) for r, (entered, changed) in zip(records, moments, strict=True)],
    )
    by_author = defaultdict(list)
    for record in records:
        by_author[record.recorded_by].append(record)
    for author, written in by_author.items():
        log_bulk_creation(written, actor=author)
    return records


def _attribute(records: list[OutcomeRecord], plans: list[Planned]) -> None:
    pairs = list(zip(records, plans, strict=True))
    for name, column in (
        ("clusters", "cluster_id"),
        ("programs", "program_id"),
        ("events", "event_id"),
    ):
        through = getattr(OutcomeRecord, name).through
        through.objects.bulk_create(
            [
                through(outcomerecord_id=record.pk, **{column: pk})
                for record, plan in pairs
                for pk in getattr(plan, name)
            ],
            batch_size=BATCH_SIZE,
        )

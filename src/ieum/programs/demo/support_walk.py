"""Records the planned support cases through `programs.support`, as the cluster's staff.

Each case is opened as planned, started and completed (or cancelled) as its dates say,
and a completed one gets its deliverable; the demo company login's deliverables carry a
small PDF, the others only their title and date.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ieum.core.business_days import SEOUL
from ieum.directory.models import Organization
from ieum.linkage.demo.documents import pdf_upload
from ieum.programs.demo.history import Clock
from ieum.programs.demo.support_plans import CasePlan
from ieum.programs.enums import SupportStatus as S
from ieum.programs.support import add_deliverable, create_support_case, set_support_status

STEPS = {
    S.PLANNED: (),
    S.IN_PROGRESS: (S.IN_PROGRESS,),
    S.COMPLETED: (S.IN_PROGRESS, S.COMPLETED),
    S.CANCELLED: (S.CANCELLED,),
}


def _morning(day) -> datetime:
    return datetime.combine(day, time(9, 30), SEOUL)


def record_cases(
    plans: list[CasePlan],
    *,
    actor,
    cluster,
    program,
    cohort=None,
    today,
    clock: Clock,
    files_for: set[int] = frozenset(),
) -> int:
    providers = Organization.objects.in_bulk(
        {plan.provider for plan in plans if plan.provider}, field_name="slug"
    )
    for plan in plans:
        provider = providers.get(plan.provider) if plan.provider else None
        if provider is not None and provider.pk == plan.company.pk:
            provider = None
        case = create_support_case(
            actor=actor,
            company=plan.company,
            data={
                "cluster": cluster,
                "program": program,
                "cohort": cohort,
                "stage": plan.stage,
                "title": plan.title,
                "description": plan.description,
                "provider": provider,
                "service_request": plan.request,
                "booking": plan.booking,
                "amount_krw": plan.amount_krw,
                "starts_on": plan.starts_on,
                "ends_on": plan.ends_on,
            },
        )
        status = plan.status(today)
        for step in STEPS[status]:
            case = set_support_status(actor=actor, case=case, status=step)
        opened = _morning(plan.starts_on) - timedelta(days=10)
        changed = _morning(min(plan.ends_on, today)) if status != S.PLANNED else opened
        clock.at(case, created_at=opened, updated_at=max(opened, changed))
        if status == S.COMPLETED and plan.deliverable:
            upload = None
            if plan.company.pk in files_for:
                upload = pdf_upload(
                    f"{plan.deliverable}.pdf",
                    "Ieum - support programs",
                    [
                        f"Company: {plan.company.name_en or plan.company.slug}",
                        f"Support: {plan.stage}",
                        f"Delivered {plan.ends_on:%Y-%m-%d}",
                        "",
                        "Demo document of the Ieum demonstration data.",
                    ],
                )
            deliverable = add_deliverable(
                actor=actor,
                case=case,
                title=plan.deliverable,
                delivered_on=plan.ends_on,
                upload=upload,
            )
            clock.at(deliverable, created_at=_morning(plan.ends_on))
    return len(plans)

"""Support cases: the items of full-cycle support a company receives, and their deliverables.

Cluster staff record each item of support (a prototype, a trial consult, a booth at an
overseas exhibition) as a case of the company, under one of their clusters and, where it
belongs to one, a program and cohort of that cluster. A case may run through the
platform: a linkage service request or a facility booking of the same company, which
then names the provider unless staff name another.

    planned → in progress → completed;  any of them → cancelled

Every function checks who may act (rules.py), locks the case row when it changes one,
checks everything before writing anything, and writes under `set_actor` so the audit log
names the person. A case the actor may not see is `SupportCase.DoesNotExist`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.core.uploads import check_upload
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.facilities.models import Booking
from ieum.facilities.visibility import visible_bookings
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.visibility import visible_requests
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import CohortMember, Deliverable, SupportCase
from ieum.programs.rules import manages_cluster_id
from ieum.programs.timeline import TimelineEntry, company_timeline

__all__ = [
    "EDITABLE_FIELDS",
    "NEXT_STATUSES",
    "TimelineEntry",
    "add_deliverable",
    "company_timeline",
    "create_support_case",
    "linkable_bookings",
    "linkable_requests",
    "set_support_status",
    "supportable_companies",
    "update_support_case",
]

EDITABLE_FIELDS = (
    "cluster",
    "program",
    "cohort",
    "stage",
    "title",
    "description",
    "provider",
    "service_request",
    "booking",
    "amount_krw",
    "starts_on",
    "ends_on",
)

S = SupportStatus
# Where a case may go from each status; a cancelled case stays cancelled.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    S.PLANNED: (S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.COMPLETED, S.CANCELLED),
    S.COMPLETED: (S.CANCELLED,),
    S.CANCELLED: (),
}


def supportable_companies(user) -> QuerySet[Organization]:
    """The companies a person may open cases for: all for platform admins; for cluster
    staff, the member companies of their clusters and the cohorts of their programs."""
    companies = Organization.objects.filter(kind=OrganizationKind.COMPANY)
    access = access_for(user)
    if access.is_platform_admin:
        return companies.order_by("name_ko")
    in_cohorts = CohortMember.objects.filter(
        cohort__program__cluster_id__in=access.staffed_cluster_ids
    ).values("company_id")
    return companies.filter(
        Q(pk__in=access.staffed_organization_ids) | Q(pk__in=in_cohorts)
    ).order_by("name_ko")


def linkable_requests(*, user, company: Organization) -> QuerySet[ServiceRequest]:
    """The company's sent service requests the person may see, to carry a case."""
    return (
        visible_requests(user)
        .filter(company=company)
        .exclude(status=RequestStatus.DRAFT)
        .exclude(status=RequestStatus.CANCELLED, submitted_at__isnull=True)
        .select_related("provider")
        .order_by("-created_at")
    )


def linkable_bookings(*, user, company: Organization) -> QuerySet[Booking]:
    """The company's facility bookings the person may see, to carry a case."""
    return visible_bookings(user=user).filter(organization=company).order_by("-start")


def _check_amount(value) -> tuple[int, str]:
    """The amount in won as a whole number, or the reason it is not one."""
    if value in (None, ""):
        return 0, ""
    if isinstance(value, bool):
        return 0, _("Enter the amount in won as a whole number.")
    try:
        amount = value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        return 0, _("Enter the amount in won as a whole number.")
    if amount < 0:
        return 0, _("The amount cannot be negative.")
    return amount, ""


def _default_provider(case: SupportCase) -> Organization | None:
    if case.service_request is not None and case.service_request.provider_id is not None:
        return case.service_request.provider
    if case.booking is not None:
        # A booked resource belongs to a cluster; its operator provides the time.
        return case.booking.resource.cluster.operator
    return None


def _apply(actor, case: SupportCase, data: dict[str, Any]) -> None:
    """Set the fields from `data` and refuse the whole change if any of them is wrong."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in data.items():
        setattr(case, field, value)
    errors: dict[str, str] = {}
    if case.company.kind != OrganizationKind.COMPANY:
        errors["company"] = _("Support cases are opened for companies.")
    if case.cluster is None:
        if not access_for(actor).is_platform_admin:
            errors["cluster"] = _("Choose the cluster that gives this support.")
    elif not manages_cluster_id(actor, case.cluster.pk):
        raise PermissionDenied(_("You can only record support of the clusters you staff."))
    cluster_id = case.cluster.pk if case.cluster is not None else None
    if case.cohort is not None and case.program is None:
        case.program = case.cohort.program
    if case.program is not None and case.program.cluster_id != cluster_id:
        errors["program"] = _("Choose a program of the case's cluster.")
    if case.cohort is not None:
        if case.cohort.program.cluster_id != cluster_id:
            errors["cohort"] = _("Choose a cohort of the case's cluster.")
        elif case.program is not None and case.cohort.program_id != case.program.pk:
            errors["cohort"] = _("Choose a cohort of the chosen program.")
    if case.stage not in SupportStage.values:
        errors["stage"] = _("Choose the stage of support.")
    case.title = (case.title or "").strip()
    if not case.title:
        errors["title"] = _("Name the support item.")
    case.description = (case.description or "").strip()
    request = case.service_request
    if request is not None:
        linkable = linkable_requests(user=actor, company=case.company)
        if request.company_id != case.company.pk:
            errors["service_request"] = _("Choose a service request of this company.")
        elif not linkable.filter(pk=request.pk).exists():
            errors["service_request"] = _("Choose a sent service request you can see.")
    booking = case.booking
    if booking is not None:
        if booking.organization_id != case.company.pk:
            errors["booking"] = _("Choose a facility booking of this company.")
        elif not linkable_bookings(user=actor, company=case.company).filter(pk=booking.pk).exists():
            errors["booking"] = _("Choose a facility booking you can see.")
    if case.provider is None and not ({"service_request", "booking"} & set(errors)):
        case.provider = _default_provider(case)
    if case.provider is not None and case.provider.pk == case.company.pk:
        errors["provider"] = _("A company does not provide its own support case.")
    case.amount_krw, amount_error = _check_amount(case.amount_krw)
    if amount_error:
        errors["amount_krw"] = amount_error
    if case.starts_on and case.ends_on and case.ends_on < case.starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)


def create_support_case(*, actor, company: Organization, data: dict[str, Any]) -> SupportCase:
    """Record an item of support for `company`, planned until staff start it."""
    if not actor.has_perm("programs.add_support_case"):
        raise PermissionDenied(_("Only cluster staff record support cases."))
    case = SupportCase(company=company, created_by=actor, status=SupportStatus.PLANNED)
    values = {"cluster": None, "stage": "", "title": "", **data}
    _apply(actor, case, values)
    with transaction.atomic(), set_actor(actor):
        case.save()
    return case


def _locked(case: SupportCase, *, actor) -> SupportCase:
    locked = (
        SupportCase.objects.select_for_update(of=("self",))
        .select_related("company", "cluster", "program", "cohort__program")
        .get(pk=case.pk)
    )
    if not actor.has_perm("programs.view_support_case", locked):
        raise SupportCase.DoesNotExist
    if not actor.has_perm("programs.manage_support_case", locked):
        raise PermissionDenied(_("Only the staff of the case's cluster change it."))
    return locked


def update_support_case(*, actor, case: SupportCase, data: dict[str, Any]) -> SupportCase:
    """Change a case's details; a cancelled case is kept as it was."""
    with transaction.atomic(), set_actor(actor):
        case = _locked(case, actor=actor)
        if case.status == SupportStatus.CANCELLED:
            raise IllegalStep(_("This support case is cancelled; it can no longer be changed."))
        _apply(actor, case, data)
        case.save()
        return case


def set_support_status(*, actor, case: SupportCase, status: str) -> SupportCase:
    """Move a case on: start it, complete it, or cancel it. Starting fills an empty start
    date with today (in Seoul), completing an empty end date."""
    with transaction.atomic(), set_actor(actor):
        case = _locked(case, actor=actor)
        if status not in NEXT_STATUSES.get(case.status, ()):
            raise IllegalStep(
                _("This support case is %(status)s; it cannot become %(next)s.")
                % {
                    "status": case.get_status_display(),
                    "next": S(status).label if status in S.values else status,
                }
            )
        today = seoul_today()
        fields = ["status", "updated_at"]
        if status == S.IN_PROGRESS and case.starts_on is None:
            case.starts_on = today
            fields.append("starts_on")
        if status == S.COMPLETED and case.ends_on is None:
            case.ends_on = max(today, case.starts_on or today)
            fields.append("ends_on")
        case.status = status
        case.save(update_fields=fields)
        return case


def add_deliverable(
    *,
    actor,
    case: SupportCase,
    title: str,
    delivered_on: date | None,
    upload: UploadedFile | None = None,
) -> Deliverable:
    """Record what a case produced, with its file in private storage."""
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Name the deliverable.")
    checked = None
    if upload is not None:
        try:
            checked = check_upload(upload, field="file")
        except ValidationError as error:
            errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), set_actor(actor):
        case = _locked(case, actor=actor)
        if case.status == SupportStatus.CANCELLED:
            raise IllegalStep(_("This support case is cancelled; it takes no deliverables."))
        deliverable = Deliverable(case=case, title=title, delivered_on=delivered_on, added_by=actor)
        # The file is written last, after every check: a file on disk does not roll back.
        if checked is not None:
            deliverable.file_name = checked.name
            deliverable.content_type = checked.content_type
            deliverable.file.save(checked.name, checked.file, save=False)
        deliverable.save()
        return deliverable

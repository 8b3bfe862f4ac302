"""Conflicts of interest between reviewers and applications, found and declared.

A reviewer's organizations are those they hold a membership in. A conflict with an
application is found automatically when

- SAME_ORGANIZATION: the reviewer belongs to the applicant company;
- PAST_AFFILIATION: the reviewer's profile lists an affiliation with the company that is
  current or ended within the call's look-back (`Call.conflict_years`);
- SUPPORT_CASE: one of the reviewer's organizations provides a support case to the
  company, or holds (or held, by the request's timeline) a linkage service request of it;
- MEETING: the company and one of the reviewer's organizations share a partnering
  meeting that was not cancelled.

A reviewer may also declare a conflict (a recusal with a reason). Conflict rows are never
removed by the checks: once recorded, the reviewer stays away from that application even
if the relation that caused it is later edited away. The rows are what the rules,
visibility queries and assignment read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.models import Membership
from ieum.core.bulk_audit import log_bulk_creation
from ieum.core.business_days import seoul_today
from ieum.linkage.models import RequestEvent, ServiceRequest
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Meeting
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, ConflictKind, StageStatus
from ieum.programs.models import (
    Affiliation,
    Application,
    Call,
    CallReviewer,
    ConflictOfInterest,
    ReviewAssignment,
    SupportCase,
)

# Applications whose conflicts are recorded: every one a reviewer could be asked to read.
REVIEWABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SELECTED,
    ApplicationStatus.NOT_SELECTED,
)
DETAIL_LENGTH = 300

Found = dict[tuple[int, int], list[tuple[str, str]]]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def find_conflicts(
    *, applications: Iterable[Application], reviewers: Iterable, years: int, today=None
) -> Found:
    """(application id, reviewer id) → [(ConflictKind, detail)], one entry per kind.

    Six queries at most, however many applications and reviewers: memberships,
    affiliations, support cases, service requests, request timelines and meetings.
    """
    applications = list(applications)
    reviewer_ids = sorted({reviewer.pk for reviewer in reviewers})
    company_ids = sorted({application.company_id for application in applications})
    if not applications or not reviewer_ids:
        return {}
    today = today or seoul_today()

    # organization id → reviewers in it; (reviewer, company) → kind → details
    members: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    for user_id, organization_id, name in Membership.objects.filter(
        user_id__in=reviewer_ids
    ).values_list("user_id", "organization_id", "organization__name_ko"):
        members[organization_id].add(user_id)
        names[organization_id] = name
    by_reviewer: dict[tuple[int, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    for company_id in company_ids:
        for user_id in members.get(company_id, ()):
            by_reviewer[user_id, company_id][ConflictKind.SAME_ORGANIZATION].add(names[company_id])

    cutoff = years_before(today, years)
    affiliations = Affiliation.objects.filter(
        profile__user_id__in=reviewer_ids, organization_id__in=company_ids
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=cutoff))
    for user_id, company_id, name, role, ended_on in affiliations.values_list(
        "profile__user_id", "organization_id", "organization__name_ko", "role", "ended_on"
    ):
        parts = [name, role.strip(), f"~{ended_on.isoformat()}" if ended_on else ""]
        detail = " · ".join(part for part in parts if part)
        by_reviewer[user_id, company_id][ConflictKind.PAST_AFFILIATION].add(detail)

    for company_id, organization_id, kind, detail in _relations(company_ids, list(members)):
        for user_id in members[organization_id]:
            by_reviewer[user_id, company_id][kind].add(f"{names[organization_id]} · {detail}")

    found: Found = {}
    for application in sorted(applications, key=lambda a: a.pk):
        for user_id in reviewer_ids:
            kinds = by_reviewer.get((user_id, application.company_id))
            if kinds:
                found[application.pk, user_id] = [
                    (kind, _joined(details)) for kind, details in sorted(kinds.items())
                ]
    return found


def _relations(company_ids: list[int], organization_ids: list[int]):
    """(company id, reviewer's organization id, kind, detail) for every shared record."""
    if not organization_ids:
        return
    cases = SupportCase.objects.filter(
        company_id__in=company_ids, provider_id__in=organization_ids
    ).values_list("company_id", "provider_id", "title")
    for company_id, provider_id, title in cases:
        yield company_id, provider_id, ConflictKind.SUPPORT_CASE, title
    requests = ServiceRequest.objects.filter(
        company_id__in=company_ids, provider_id__in=organization_ids
    ).values_list("company_id", "provider_id", "title")
    for company_id, provider_id, title in requests:
        yield company_id, provider_id, ConflictKind.SUPPORT_CASE, title
    # A provider that held a request earlier (and declined it, or was replaced) saw it too.
    handovers = RequestEvent.objects.filter(
        request__company_id__in=company_ids, provider_id__in=organization_ids
    ).values_list("request__company_id", "provider_id", "request__title")
    for company_id, provider_id, title in handovers.distinct():
        yield company_id, provider_id, ConflictKind.SUPPORT_CASE, title
    meetings = (
        Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
        .filter(
            Q(
                request__requester__organization_id__in=company_ids,
                request__recipient__organization_id__in=organization_ids,
            )
            | Q(
                request__recipient__organization_id__in=company_ids,
                request__requester__organization_id__in=organization_ids,
            )
        )
        .values_list(
            "request__requester__organization_id",
            "request__recipient__organization_id",
            "event__name_ko",
        )
    )
    companies = set(company_ids)
    for requester_id, recipient_id, event_name in meetings:
        # Both sides may be applicants and reviewers' organizations at once.
        if requester_id in companies:
            yield requester_id, recipient_id, ConflictKind.MEETING, event_name
        if recipient_id in companies:
            yield recipient_id, requester_id, ConflictKind.MEETING, event_name


def _joined(details: set[str]) -> str:
    text = ", ".join(sorted(details))
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 1] + "…"


def record_conflicts(*, call: Call, actor=None) -> int:
    """Store the conflicts found between the call's submitted applications and its
    reviewers (the pool, and anyone holding an assignment); returns the rows added.

    Idempotent: kinds already recorded for a pair are left as they are.
    """
    with transaction.atomic(), set_actor(actor):
        call = Call.objects.select_for_update().get(pk=call.pk)
        return record_locked_call_conflicts(call, actor=actor)


def record_locked_call_conflicts(call: Call, *, actor=None) -> int:
    """`record_conflicts` for a caller that holds the lock on the call's row."""
    applications = list(Application.objects.filter(call=call, status__in=REVIEWABLE_STATUSES))
    reviewers = {seat.reviewer.pk: seat.reviewer for seat in _pool(call)}
    for assignment in ReviewAssignment.objects.filter(stage__call=call).select_related("reviewer"):
        reviewers.setdefault(assignment.reviewer_id, assignment.reviewer)
    found = find_conflicts(
        applications=applications, reviewers=reviewers.values(), years=call.conflict_years
    )
    if not found:
        return 0
    recorded = set(
        ConflictOfInterest.objects.filter(application__call=call).values_list(
            "application_id", "reviewer_id", "kind"
        )
    )
    by_id = {application.pk: application for application in applications}
    rows = [
        ConflictOfInterest(
            application=by_id[application_id],
            reviewer=reviewers[reviewer_id],
            kind=kind,
            detail=detail,
        )
        for (application_id, reviewer_id), kinds in sorted(found.items())
        for kind, detail in kinds
        if (application_id, reviewer_id, kind) not in recorded
    ]
    ConflictOfInterest.objects.bulk_create(rows)
    log_bulk_creation(rows, actor=actor)
    return len(rows)


def record_pair_conflicts(*, application: Application, reviewer, actor=None) -> int:
    """Check one reviewer against one application now and store what is found, in a
    transaction of its own: called before a reviewer acts on an application, so that a
    relation that appeared since the last check is on record even when the step that
    asked is then refused. Returns the rows added."""
    found = find_conflicts(
        applications=[application], reviewers=[reviewer], years=application.call.conflict_years
    )
    kinds = found.get((application.pk, reviewer.pk), [])
    added = 0
    with transaction.atomic(), set_actor(actor):
        for kind, detail in kinds:
            _conflict, created = ConflictOfInterest.objects.get_or_create(
                application=application, reviewer=reviewer, kind=kind, defaults={"detail": detail}
            )
            added += created
    return added


def _pool(call: Call) -> list[CallReviewer]:
    return list(CallReviewer.objects.filter(call=call).select_related("reviewer").order_by("pk"))


def declare_conflict(*, actor, application: Application, reason: str) -> ConflictOfInterest:
    """A reviewer recuses themselves from an application, giving the reason.

    Their assignments on it in stages not yet decided become RECUSED; from then on the
    application is out of their sight and never assigned to them again.
    """
    reason = (reason or "").strip()
    with transaction.atomic(), set_actor(actor):
        assignments = list(
            ReviewAssignment.objects.select_for_update(of=("self",))
            .filter(application=application, reviewer=actor)
            .select_related("stage")
            .order_by("pk")
        )
        in_pool = CallReviewer.objects.filter(call_id=application.call_id, reviewer=actor).exists()
        if not assignments and not in_pool:
            raise PermissionDenied(_("You are not a reviewer of this call."))
        if not reason:
            raise ValidationError({"reason": _("Say why you cannot review this application.")})
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            application=application,
            reviewer=actor,
            kind=ConflictKind.DECLARED,
            defaults={"reason": reason, "declared_by": actor},
        )
        now = timezone.now()
        for assignment in assignments:
            if assignment.status == AssignmentStatus.RECUSED:
                continue
            if assignment.stage.status == StageStatus.DECIDED:
                continue
            assignment.status = AssignmentStatus.RECUSED
            assignment.recused_at = now
            assignment.save(update_fields=["status", "recused_at", "updated_at"])
        return conflict

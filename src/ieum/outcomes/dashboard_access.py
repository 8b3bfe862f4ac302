"""Who may see a dashboard's figures, and where each figure leads.

A full dashboard (pending figures, drill-down, exports) is for platform admins
nationally, for a cluster's staff, for the staff of a program's cluster, and for a
company's members and the staff of its clusters. A scope out of a person's reach is not
there for them: its address answers 404, except the national one, which everyone knows
exists (403).
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode

from ieum.accounts.access import access_for
from ieum.directory.models import Organization
from ieum.directory.rules import is_platform_admin
from ieum.outcomes import visibility
from ieum.outcomes.enums import KPISource
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope
from ieum.outcomes.rules import is_company_member, is_staff_for_company

can_see_company_dashboard = is_platform_admin | is_company_member | is_staff_for_company


def scope_key(scope: Scope) -> str:
    """The scope as a query-string value (`dashboard_forms.ScopeField` reads it back)."""
    target = scope.cluster or scope.program or scope.company
    return "national" if target is None else f"{scope.kind}:{target.slug}"


def dashboard_url(scope: Scope) -> str:
    if scope.kind == "national":
        return reverse("outcomes:national")
    target = scope.cluster or scope.program or scope.company
    return reverse(f"outcomes:{scope.kind}_dashboard", kwargs={"slug": target.slug})


def check_dashboard_access(*, user, scope: Scope) -> None:
    """PermissionDenied unless the person may see the scope's full dashboard."""
    if scope.kind == "national":
        allowed = user.has_perm("outcomes.see_national_dashboard")
    elif scope.kind == "cluster":
        allowed = user.has_perm("outcomes.see_cluster_dashboard", scope.cluster)
    elif scope.kind == "program":
        allowed = user.has_perm("outcomes.see_program_dashboard", scope.program)
    else:
        allowed = can_see_company_dashboard.test(user, scope.company)
    if not allowed:
        raise PermissionDenied


def find_scope(*, user, kind: str, slug: str = "") -> Scope:
    """The scope of a dashboard address; a cluster, program or company whose dashboard
    the person may not see is not there for them (404). National is 403 for others."""
    if kind == "national":
        check_dashboard_access(user=user, scope=NATIONAL)
        return NATIONAL
    if kind == "cluster":
        cluster = visibility.dashboard_clusters(user).filter(slug=slug).first()
        if cluster is None:
            raise Http404
        return Scope(cluster=cluster)
    if kind == "program":
        program = visibility.dashboard_programs(user).filter(slug=slug).first()
        if program is None:
            raise Http404
        return Scope(program=program)
    company = Organization.objects.filter(slug=slug).first()
    if company is None or not can_see_company_dashboard.test(user, company):
        raise Http404
    return narrowed_for(user=user, scope=Scope(company=company))


def narrowed_for(*, user, scope: Scope) -> Scope:
    """A company's figures as the person may see them. Its members and platform admins
    see the whole company; the staff of its clusters only what belongs to their
    clusters, as in the records list, never records attributed to another cluster."""
    if scope.company is None:
        return scope
    access = access_for(user)
    if access.is_platform_admin or scope.company.pk in access.organization_ids:
        return scope
    return replace(scope, within_clusters=frozenset(access.staffed_cluster_ids))


# Where a figure computed from another app's records is explained: that app's report,
# narrowed to the scope's cluster (or program) and the period where its filters allow.
SOURCE_REPORTS = {
    KPISource.FACILITY_COMPANIES: "facilities:reports",
    KPISource.FACILITY_HOURS: "facilities:reports",
    KPISource.SERVICE_REQUESTS: "linkage:reports",
    KPISource.TRIALS_AND_APPROVALS: "linkage:reports",
    KPISource.SUPPORT_CASES: "programs:reports",
    KPISource.COMPANIES_SUPPORTED: "programs:reports",
    KPISource.SUPPORT_AMOUNT: "programs:reports",
}


def _report_url(kpi: KPIDefinition, scope: Scope, period: Period) -> str:
    name = SOURCE_REPORTS.get(kpi.source)
    if name is None or scope.kind == "company":
        return ""
    params = {}
    if scope.cluster is not None:
        params["cluster"] = scope.cluster.slug
    if scope.program is not None and name == "programs:reports":
        params["program"] = scope.program.slug
    if name == "facilities:reports":
        first, last = (
            (1, 12) if period.quarter is None else (period.quarter * 3 - 2, period.quarter * 3)
        )
        params["month_from"] = f"{period.year}-{first:02d}"
        params["month_to"] = f"{period.year}-{last:02d}"
    else:
        params["year"] = period.year
    return reverse(name) + "?" + urlencode(params)


def figure_url(*, kpi: KPIDefinition, scope: Scope, period: Period, include_pending: bool) -> str:
    """Where a figure leads: the records behind it (drill-down) for a record-based KPI,
    the other app's report for the rest, or nowhere."""
    if kpi.source != KPISource.RECORDS:
        return _report_url(kpi, scope, period)
    params = {"kpi": kpi.code, "scope": scope_key(scope), "period": period.key}
    if include_pending:
        params["pending"] = "1"
    return reverse("outcomes:kpi_records") + "?" + urlencode(params)

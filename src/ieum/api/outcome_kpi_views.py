"""API of KPI definitions and KPI values.

Values are computed from records by `kpi_values.compute_kpi_table`, never stored, with
the dashboards' rules: the full national figures are for platform admins, a cluster's
for its staff and admins, a program's for the staff of its cluster and admins, and a
company's for its members, the staff of its clusters and admins. Anyone else signed in
gets the public national or cluster figures: verified records that are not
confidential, a cell that fewer than three companies make up suppressed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from ieum.api import outcome_serializers as serializers
from ieum.api.partnering_views import READ_REFUSALS, parse_query
from ieum.core.business_days import seoul_today
from ieum.directory.models import Cluster, Organization
from ieum.outcomes.dashboard_access import check_dashboard_access, narrowed_for, scope_key
from ieum.outcomes.dashboard_forms import DEFAULT_YEARS, MAX_QUARTERLY_YEARS, MAX_YEARS
from ieum.outcomes.kpi_values import Cell, active_kpis, compute_kpi_table
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Scope, quarters, years
from ieum.programs.models import Program


class KPIDefinitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The KPIs shown on dashboards, in their order: how each is computed, from which
    records. Platform admins edit them on the site."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.KPIDefinitionSerializer
    lookup_field = "code"
    queryset = KPIDefinition.objects.filter(is_active=True).order_by("sort_order", "code")


@dataclass(frozen=True)
class ScopeView:
    """A scope and how the caller may see its figures."""

    scope: Scope
    public: bool


SCOPE_MODELS = {"cluster": Cluster, "program": Program, "company": Organization}
# Without the right to a scope's full figures, the national and cluster figures are
# public; a program's or a company's are not there for the caller, as on the pages.
PUBLIC_SCOPES = ("national", "cluster")


def scope_view(*, user, text: str) -> ScopeView:
    """The scope named by `text` (national, cluster:<slug>, program:<slug>,
    company:<slug>) as `user` may see it, by the dashboards' own check; 404 for an
    unknown address and for a program or company whose figures are not theirs."""
    kind, _sep, slug = text.strip().partition(":")
    if kind == "national" and not slug:
        scope = NATIONAL
    elif kind in SCOPE_MODELS and slug:
        scope = Scope(**{kind: get_object_or_404(SCOPE_MODELS[kind], slug=slug)})
    else:
        raise ValidationError(
            {
                "scope": [
                    _("Give national, cluster:<address>, program:<address> or company:<address>.")
                ]
            }
        )
    try:
        check_dashboard_access(user=user, scope=scope)
    except PermissionDenied:
        if scope.kind not in PUBLIC_SCOPES:
            raise Http404 from None
        return ScopeView(scope, public=True)
    return ScopeView(narrowed_for(user=user, scope=scope), public=False)


def chosen_years(query: dict) -> tuple[int, int]:
    """The years asked for, five up to this one by default, within the dashboards'
    limits so that one call cannot ask for a century of quarters."""
    last = query.get("to") or seoul_today().year
    first = query.get("from") or last - DEFAULT_YEARS + 1
    limit = MAX_QUARTERLY_YEARS if query["quarterly"] else MAX_YEARS
    if first > last:
        raise ValidationError({"from": [_("The first year comes after the last.")]})
    if last - first >= limit:
        raise ValidationError({"from": [_("Choose at most %(years)d years.") % {"years": limit}]})
    return first, last


def chosen_kpis(codes: str) -> list[KPIDefinition]:
    """The active KPIs named (comma-separated codes), all of them when none is."""
    kpis = active_kpis()
    wanted = [code.strip() for code in codes.split(",") if code.strip()]
    if not wanted:
        return kpis
    by_code = {kpi.code: kpi for kpi in kpis}
    unknown = [code for code in wanted if code not in by_code]
    if unknown:
        raise ValidationError(
            {"kpi": [_("There is no KPI %(codes)s.") % {"codes": ", ".join(unknown)}]}
        )
    return [by_code[code] for code in dict.fromkeys(wanted)]


def number(value):
    """A cell's value for JSON: whole numbers as integers, others as they are."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def value_row(kpi: KPIDefinition, period, cell: Cell) -> dict:
    return {
        "kpi": kpi.code,
        "period": period.key,
        "value": number(cell.value) if cell.shown else None,
        "unit": kpi.unit,
        "suppressed": cell.suppressed,
        "applicable": cell.applicable,
    }


class KPIValuesView(APIView):
    """KPI values of a scope by year or quarter, computed from records as the
    dashboards compute them."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[serializers.KPIValuesQuerySerializer],
        responses={200: serializers.KPIValuesSerializer, **READ_REFUSALS},
    )
    def get(self, request):
        query = parse_query(serializers.KPIValuesQuerySerializer, request)
        view = scope_view(user=request.user, text=query["scope"])
        first, last = chosen_years(query)
        periods = quarters(first, last) if query["quarterly"] else years(first, last)
        kpis = chosen_kpis(query.get("kpi", ""))
        pending = query["pending"] and not view.public
        table = compute_kpi_table(
            scope=view.scope,
            periods=periods,
            kpis=kpis,
            include_pending=pending,
            public=view.public,
        )
        values = [
            value_row(kpi, period, table.cell(kpi.code, period))
            for kpi in kpis
            for period in periods
        ]
        return Response(
            {
                "scope": scope_key(view.scope),
                "public": view.public,
                "pending": pending,
                "periods": [period.key for period in periods],
                "kpis": [
                    {"code": k.code, "name_ko": k.name_ko, "name_en": k.name_en, "unit": k.unit}
                    for k in kpis
                ],
                "values": values,
            }
        )

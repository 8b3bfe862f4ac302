"""KPI values computed from records, never stored.

One aggregate query computes every record-based KPI for every period of a scope: a
filtered COUNT, SUM or COUNT(DISTINCT company) per KPI, grouped by year (and quarter).
A latest-value KPI (headcount, say) takes each company's latest record in the period,
one query per such KPI. KPIs from other apps come from `kpi_sources`. The query count
therefore depends on the KPI set, never on the number of records, years or companies.

`public=True` is what a company or a visitor sees: only verified records that are not
confidential, and a cell that fewer than `PUBLIC_MINIMUM_COMPANIES` companies make up is
suppressed, so no one can read another company's figure from an aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.aggregates import BoolOr
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)

from ieum.outcomes import kpi_sources
from ieum.outcomes.enums import HOME_COUNTRY, Computation, KPISource, Region, VerificationStatus
from ieum.outcomes.models import KPIDefinition, OutcomeRecord
from ieum.outcomes.periods import Period, Scope
from ieum.outcomes.visibility import attributed_to_clusters

PUBLIC_MINIMUM_COMPANIES = 3
ClusterAttribution = OutcomeRecord.clusters.through
ProgramAttribution = OutcomeRecord.programs.through

Number = int | Decimal


@dataclass(frozen=True)
class Cell:
    """One KPI in one period. `value` is None when the KPI does not apply to the
    scope (`applicable`), or when it is hidden from a public view (`suppressed`)."""

    value: Number | None
    companies: int | None = None
    suppressed: bool = False
    applicable: bool = True

    @property
    def shown(self) -> bool:
        return self.applicable and not self.suppressed


EMPTY = Cell(0, 0)
NOT_APPLICABLE = Cell(None, applicable=False)


@dataclass
class KPITable:
    scope: Scope
    periods: list[Period]
    kpis: list[KPIDefinition]
    include_pending: bool
    public: bool
    cells: dict[tuple[str, Period], Cell] = field(default_factory=dict)

    def cell(self, code: str, period: Period) -> Cell:
        return self.cells.get((code, period), EMPTY)

    def series(self, code: str) -> list[Cell]:
        return [self.cell(code, period) for period in self.periods]


def active_kpis() -> list[KPIDefinition]:
    return list(KPIDefinition.objects.filter(is_active=True))


def kpi_filter(kpi: KPIDefinition, prefix: str = "") -> Q:
    """The records a record-based KPI counts, as a Q over `prefix`-ed record fields."""
    q = Q()
    if kpi.kinds:
        q &= Q(**{f"{prefix}kind__in": kpi.kinds})
    if kpi.subtypes:
        q &= Q(**{f"{prefix}subtype__in": kpi.subtypes})
    if kpi.patent_scopes:
        q &= Q(**{f"{prefix}patent_scope__in": kpi.patent_scopes})
    if kpi.currencies:
        q &= Q(**{f"{prefix}currency__in": kpi.currencies})
    if kpi.region == Region.DOMESTIC:
        q &= Q(**{f"{prefix}country": HOME_COUNTRY})
    elif kpi.region == Region.OVERSEAS:
        q &= ~Q(**{f"{prefix}country__in": (HOME_COUNTRY, "")})
    if kpi.computation in (Computation.SUM, Computation.LATEST) and kpi.field:
        q &= Q(**{f"{prefix}{kpi.field}__isnull": False})
    return q


def scoped_records(
    scope: Scope, *, include_pending: bool = False, public: bool = False
) -> QuerySet[OutcomeRecord]:
    """The records a scope's figures are made of. Rejected records never count."""
    records = OutcomeRecord.objects.all()
    if include_pending and not public:
        records = records.exclude(status=VerificationStatus.REJECTED)
    else:
        records = records.filter(status=VerificationStatus.VERIFIED)
    if public:
        records = records.filter(is_confidential=False)
    if scope.cluster is not None:
        records = records.filter(attributed_to_clusters([scope.cluster.pk]))
    if scope.program is not None:
        records = records.filter(
            Exists(
                ProgramAttribution.objects.filter(
                    outcomerecord_id=OuterRef("pk"), program_id=scope.program.pk
                )
            )
        )
    if scope.company is not None:
        records = records.filter(company_id=scope.company.pk)
    if scope.within_clusters:
        records = records.filter(attributed_to_clusters(scope.within_clusters))
    return records


def _in_periods(records: QuerySet, periods: Sequence[Period], prefix: str = "") -> QuerySet:
    return records.filter(**{f"{prefix}year__in": sorted({period.year for period in periods})})


def _group_fields(periods: Sequence[Period], prefix: str = "") -> list[str]:
    quarterly = any(period.quarter is not None for period in periods)
    return [f"{prefix}year", f"{prefix}quarter"] if quarterly else [f"{prefix}year"]


def _period_of(row: dict, prefix: str = "") -> Period:
    return Period(row[f"{prefix}year"], row.get(f"{prefix}quarter"))


def _aggregates(kpis: Iterable[KPIDefinition], *, distinct: bool, prefix: str = "") -> dict:
    """Filtered COUNT and SUM per KPI; COUNT(DISTINCT company) too when `distinct`."""
    aggregates = {}
    for kpi in kpis:
        q = kpi_filter(kpi, prefix)
        if kpi.computation == Computation.COUNT:
            aggregates[f"v_{kpi.pk}"] = Count(f"{prefix}pk", filter=q)
        elif kpi.computation == Computation.SUM:
            aggregates[f"v_{kpi.pk}"] = Sum(f"{prefix}{kpi.field}", filter=q)
        elif kpi.computation == Computation.DISTINCT_COMPANIES and distinct:
            aggregates[f"v_{kpi.pk}"] = Count(f"{prefix}company_id", filter=q, distinct=True)
    return aggregates


def _cell(value, companies: int | None, *, public: bool) -> Cell:
    value = value or 0
    if public and companies is not None and 0 < companies < PUBLIC_MINIMUM_COMPANIES:
        return Cell(None, companies, suppressed=True)
    return Cell(value, companies)


def _matches(kpi: KPIDefinition) -> ExpressionWrapper | Value:
    q = kpi_filter(kpi)
    return ExpressionWrapper(q, output_field=BooleanField()) if q else Value(True)


def _read_company_counts(
    records: QuerySet, kpis: list[KPIDefinition], periods: list[Period]
) -> dict[tuple[str, Period], int]:
    """For each KPI, how many companies have a record it counts in each period.

    One query for all of them: the records are first grouped by period and company
    (a hash aggregate, with a flag per KPI), then the flags are counted per period.
    A COUNT(DISTINCT company) with a filter per KPI instead makes PostgreSQL sort every
    row of the periods, which took most of a national dashboard's time at 500,000
    records. (Adding the counts and sums to this grouping is slower still: they are
    read apart, by a plain grouped query.)
    """
    if not kpis:
        return {}
    group = _group_fields(periods)
    inner = (
        _in_periods(records, periods)
        .values("company_id", **{f"g_{column}": F(column) for column in group})
        .annotate(**{f"h_{kpi.pk}": BoolOr(_matches(kpi)) for kpi in kpis})
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    columns = ", ".join(f'per_company."g_{column}"' for column in group)
    counts = ", ".join(f'COUNT(*) FILTER (WHERE per_company."h_{kpi.pk}")' for kpi in kpis)
    wrapped = f"SELECT {columns}, {counts} FROM ({sql}) AS per_company GROUP BY {columns}"
    wanted = set(periods)
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        for row in cursor.fetchall():
            period = Period(row[0], row[1] if len(group) == 2 else None)
            if period not in wanted:
                continue
            for kpi, count in zip(kpis, row[len(group) :], strict=True):
                result[(kpi.code, period)] = count
    return result


def _read_aggregates(
    records: QuerySet, kpis: list[KPIDefinition], periods: list[Period], *, public: bool
) -> dict[tuple[str, Period], Cell]:
    """Every COUNT, SUM and distinct-companies KPI for every period: one grouped query
    for the counts and sums, one for the numbers of companies (`_read_company_counts`),
    which in public every figure needs for the small-cell rule."""
    aggregated = [kpi for kpi in kpis if kpi.computation != Computation.LATEST]
    counted = [
        kpi for kpi in aggregated if public or kpi.computation == Computation.DISTINCT_COMPANIES
    ]
    companies = _read_company_counts(records, counted, periods)
    aggregates = _aggregates(aggregated, distinct=False)
    values: dict[tuple[str, Period], Number | None] = {}
    if aggregates:
        rows = (
            _in_periods(records, periods)
            .values(*_group_fields(periods))
            .annotate(**aggregates)
            .order_by()
        )
        for row in rows:
            period = _period_of(row)
            for kpi in aggregated:
                if f"v_{kpi.pk}" in row:
                    values[(kpi.code, period)] = row[f"v_{kpi.pk}"]
    cells = {}
    for period in periods:
        for kpi in aggregated:
            key = (kpi.code, period)
            if kpi.computation == Computation.DISTINCT_COMPANIES:
                cells[key] = _cell(companies.get(key, 0), companies.get(key, 0), public=public)
            elif key in values:
                count = companies.get(key, 0) if public else None
                cells[key] = _cell(values[key], count, public=public)
    return cells


def _read_latest(
    records: QuerySet, kpi: KPIDefinition, periods: list[Period], *, public: bool
) -> dict[tuple[str, Period], Cell]:
    """Each company's latest record of the KPI in each period, summed over companies."""
    group = _group_fields(periods)
    inner = (
        _in_periods(records, periods)
        .filter(kpi_filter(kpi))
        .order_by("company_id", *group, "-occurred_on", "-pk")
        .distinct("company_id", *group)
        .values(**{f"g_{column}": F(column) for column in group}, figure=F(kpi.field))
    )
    sql, params = inner.query.sql_with_params()
    columns = ", ".join(f'latest."g_{column}"' for column in group)
    wrapped = (
        f'SELECT {columns}, SUM(latest."figure"), COUNT(*) FROM ({sql}) AS latest '
        f"GROUP BY {columns}"
    )
    wanted = set(periods)
    cells = {}
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        for row in cursor.fetchall():
            period = Period(row[0], row[1] if len(group) == 2 else None)
            if period in wanted:
                cells[(kpi.code, period)] = _cell(row[-2], row[-1], public=public)
    return cells


def _read_latest_by_cluster(attributions: QuerySet, kpi: KPIDefinition) -> dict[int, Cell]:
    """Per cluster, each company's latest record of the KPI, summed over companies."""
    inner = (
        attributions.filter(kpi_filter(kpi, "outcomerecord__"))
        .order_by(
            "cluster_id",
            "outcomerecord__company_id",
            "-outcomerecord__occurred_on",
            "-outcomerecord_id",
        )
        .distinct("cluster_id", "outcomerecord__company_id")
        .values(g_cluster=F("cluster_id"), figure=F(f"outcomerecord__{kpi.field}"))
    )
    sql, params = inner.query.sql_with_params()
    wrapped = (
        f'SELECT latest."g_cluster", SUM(latest."figure") FROM ({sql}) AS latest '
        'GROUP BY latest."g_cluster"'
    )
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        return {pk: Cell(total or 0) for pk, total in cursor.fetchall()}


def compute_kpi_table(
    *,
    scope: Scope,
    periods: list[Period],
    kpis: Sequence[KPIDefinition] | None = None,
    include_pending: bool = False,
    public: bool = False,
) -> KPITable:
    """Every KPI of `kpis` (the active ones by default) in every period of `scope`."""
    kpis = list(kpis) if kpis is not None else active_kpis()
    table = KPITable(scope, list(periods), kpis, include_pending and not public, public)
    record_kpis = [kpi for kpi in kpis if kpi.source == KPISource.RECORDS]
    records = scoped_records(scope, include_pending=include_pending, public=public)
    table.cells.update(_read_aggregates(records, record_kpis, table.periods, public=public))
    for kpi in record_kpis:
        if kpi.computation == Computation.LATEST:
            table.cells.update(_read_latest(records, kpi, table.periods, public=public))
    memo: dict = {}
    for kpi in kpis:
        if kpi.source == KPISource.RECORDS:
            continue
        values = kpi_sources.compute_source(
            source=kpi.source, scope=scope, periods=table.periods, public=public, memo=memo
        )
        for period in table.periods:
            table.cells[(kpi.code, period)] = (
                NOT_APPLICABLE if values is None else values.get(period, EMPTY)
            )
    return table


def compare_clusters(
    *,
    clusters: Sequence,
    period: Period,
    kpis: Sequence[KPIDefinition] | None = None,
    include_pending: bool = False,
) -> dict[int, dict[str, Cell]]:
    """Each KPI for each cluster in one period, side by side: one grouped query for the
    record-based KPIs (COUNT, SUM, distinct companies), one per latest-value KPI, and
    the other apps' KPIs through `kpi_sources`."""
    kpis = list(kpis) if kpis is not None else active_kpis()
    cluster_ids = [cluster.pk for cluster in clusters]
    # Every cluster gets every KPI: a cluster without records in the period shows zeros.
    result: dict[int, dict[str, Cell]] = {
        pk: {kpi.code: EMPTY for kpi in kpis} for pk in cluster_ids
    }
    record_kpis = [kpi for kpi in kpis if kpi.source == KPISource.RECORDS]
    status = (
        ~Q(outcomerecord__status=VerificationStatus.REJECTED)
        if include_pending
        else Q(outcomerecord__status=VerificationStatus.VERIFIED)
    )
    attributions = ClusterAttribution.objects.filter(
        status, cluster_id__in=cluster_ids, outcomerecord__year=period.year
    )
    if period.quarter is not None:
        attributions = attributions.filter(outcomerecord__quarter=period.quarter)
    aggregated = [kpi for kpi in record_kpis if kpi.computation != Computation.LATEST]
    aggregates = _aggregates(aggregated, distinct=True, prefix="outcomerecord__")
    if aggregates:
        for row in attributions.values("cluster_id").annotate(**aggregates).order_by():
            for kpi in aggregated:
                result[row["cluster_id"]][kpi.code] = Cell(row[f"v_{kpi.pk}"] or 0)
    for kpi in record_kpis:
        if kpi.computation == Computation.LATEST:
            for pk, cell in _read_latest_by_cluster(attributions, kpi).items():
                result[pk][kpi.code] = cell
    memo: dict = {}
    for kpi in kpis:
        if kpi.source == KPISource.RECORDS:
            continue
        per_cluster = kpi_sources.compute_source_by_cluster(
            source=kpi.source, cluster_ids=cluster_ids, period=period, memo=memo
        )
        for pk in cluster_ids:
            result[pk][kpi.code] = per_cluster.get(pk, EMPTY)
    return result


def records_behind(
    *,
    kpi: KPIDefinition,
    scope: Scope,
    period: Period,
    include_pending: bool = False,
) -> QuerySet[OutcomeRecord]:
    """The records a record-based KPI's value in one period is made of (drill-down). For
    a latest-value KPI, every record of the period; the figure uses each company's last.
    Callers narrow this further with `visibility.visible_records`."""
    records = scoped_records(scope, include_pending=include_pending).filter(
        kpi_filter(kpi), year=period.year
    )
    if period.quarter is not None:
        records = records.filter(quarter=period.quarter)
    return records

"""The outcomes demo that `seed_demo` loads: six years of the clusters' companies'
records with exchange rates, the reports' figures where they name a cluster and year,
records in every state for the demo logins, an Excel import round trip of 2019, and
nothing new on a second load.

One load for all checks, on the directory demo alone (the programs and partnering
demos add attributions but take long to load).
"""

import time
from datetime import date
from decimal import Decimal

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from ieum.accounts.models import User
from ieum.directory.demo.loader import load_demo
from ieum.directory.models import Cluster
from ieum.outcomes.demo.figures import TARGETS, YEARS
from ieum.outcomes.demo.import_walk import CHECKED_FILE, SAVED_FILE, UNKNOWN_COMPANY
from ieum.outcomes.demo.loader import load_outcomes_demo, outcomes_demo_totals
from ieum.outcomes.demo.login_story import COMPANY_LOGIN
from ieum.outcomes.enums import (
    Computation,
    Currency,
    ImportStatus,
    KPISource,
    OutcomeKind,
    VerificationStatus,
)
from ieum.outcomes.kpi_values import compute_kpi_table
from ieum.outcomes.models import ExchangeRate, KPIDefinition, OutcomeImport, OutcomeRecord
from ieum.outcomes.periods import Period, Scope, years
from ieum.outcomes.visibility import verifiable_records, visible_records

V = VerificationStatus
REGIONAL_CENTERS = {
    "gimhae-biomedical",
    "daejeon-biohealth",
    "wonju-medical-device",
    "jeonnam-bio",
    "jeonbuk-biohealth",
    "chungbuk-bio-convergence",
    "gwangju-biomaterials",
}


def test_the_outcomes_demo_loads_once_with_the_reports_figures(db):
    with disable_auditlog():
        load_demo()
        started = time.monotonic()
        created = load_outcomes_demo()
        print(f"outcomes demo loaded in {time.monotonic() - started:.1f} s")
    assert created["outcome records"] > 3_000
    assert created["outcome imports"] == 2
    assert KPIDefinition.objects.filter(is_builtin=True).count() >= 20

    check_the_exchange_rates()
    check_every_regional_center_has_years_of_verified_figures()
    check_the_reports_figures()
    check_the_builtin_kpis_of_a_regional_center()
    check_the_states_and_the_logins()
    check_the_import_round_trip()
    check_the_audit_entries()

    totals = outcomes_demo_totals()
    with disable_auditlog():
        assert not load_outcomes_demo()
    assert outcomes_demo_totals() == totals


def check_the_exchange_rates():
    for currency in (Currency.USD, Currency.EUR, Currency.JPY, Currency.CNY):
        rates = ExchangeRate.objects.filter(currency=currency)
        assert rates.filter(effective_on=date(2019, 1, 1)).exists()
        # A rate for every month from 2019 on.
        assert rates.count() >= 12 * 7
    usd = ExchangeRate.objects.filter(currency=Currency.USD)
    assert all(1_050 < rate < 1_500 for rate in usd.values_list("krw_per_unit", flat=True))
    # Money of other currencies is stored in KRW and USD at the rates of its date.
    record = OutcomeRecord.objects.filter(currency=Currency.EUR).first()
    assert record.amount_krw == round(record.amount * record.krw_per_unit)
    assert abs(record.amount_usd - Decimal(record.amount_krw) / record.krw_per_usd) < 1


def check_every_regional_center_has_years_of_verified_figures():
    for cluster in Cluster.objects.filter(slug__in=REGIONAL_CENTERS):
        verified = OutcomeRecord.objects.filter(clusters=cluster, status=V.VERIFIED)
        shown = set(verified.filter(kind=OutcomeKind.REVENUE).values_list("year", flat=True))
        assert len(shown & set(YEARS)) >= 4, cluster.slug
        assert verified.filter(kind=OutcomeKind.PATENT).exists(), cluster.slug
    # Every record is attributed to a cluster its company belongs to.
    assert not OutcomeRecord.objects.filter(clusters=None).exists()
    assert not OutcomeRecord.objects.exclude(
        clusters__memberships__organization=F("company")
    ).exists()


def _table(slug: str, year: int):
    cluster = Cluster.objects.get(slug=slug)
    return compute_kpi_table(scope=Scope(cluster=cluster), periods=[Period(year)])


def check_the_reports_figures():
    assert set(TARGETS) == {("gimhae-biomedical", 2020), ("gwangju-biomaterials", 2022)}
    gimhae = _table("gimhae-biomedical", 2020)
    period = Period(2020)
    assert gimhae.cell("revenue", period).value == 541_800_000_000
    assert gimhae.cell("employees", period).value == 1_400
    assert gimhae.cell("national_rnd_projects", period).value == 79
    assert gimhae.cell("national_rnd_amount", period).value == 97_800_000_000
    gwangju = _table("gwangju-biomaterials", 2022)
    period = Period(2022)
    assert gwangju.cell("patent_applications", period).value == 38
    assert gwangju.cell("overseas_approvals", period).value == 8
    assert gwangju.cell("export_amount", period).value == Decimal("45590000.00")


def check_the_builtin_kpis_of_a_regional_center():
    cluster = Cluster.objects.get(slug="gimhae-biomedical")
    table = compute_kpi_table(scope=Scope(cluster=cluster), periods=years(2020, 2025))
    record_kpis = [k for k in table.kpis if k.is_builtin and k.source == KPISource.RECORDS]
    assert len(record_kpis) >= 15
    for kpi in record_kpis:
        total = sum(cell.value or 0 for cell in table.series(kpi.code))
        assert total > 0, kpi.code
    for code in ("revenue", "employees", "patent_applications", "export_amount"):
        assert all(cell.value > 0 for cell in table.series(code)), code
    latest = [k for k in record_kpis if k.computation == Computation.LATEST]
    assert latest, "revenue and headcount are latest-value KPIs"
    # Pending records come on top with the toggle, never instead.
    pending = compute_kpi_table(
        scope=Scope(cluster=cluster), periods=[Period(2025)], include_pending=True
    )
    assert (
        pending.cell("patent_applications", Period(2025)).value
        >= table.cell("patent_applications", Period(2025)).value
    )


def check_the_states_and_the_logins():
    statuses = set(OutcomeRecord.objects.values_list("status", flat=True))
    assert statuses == {V.VERIFIED, V.PENDING, V.REJECTED}
    records = OutcomeRecord.objects.all()
    assert records.filter(status=V.VERIFIED).count() > 0.75 * records.count()
    assert 5 <= records.filter(status=V.REJECTED).count() <= 20
    assert not records.filter(status=V.REJECTED, rejection_reason="").exists()
    assert not records.filter(status=V.PENDING, reviewed_by__isnull=False).exists()
    assert not records.exclude(status=V.PENDING).filter(reviewed_by__isnull=True).exists()
    assert records.filter(is_confidential=True).exists()
    # Nothing in the future, nothing entered before it happened.
    assert not records.filter(occurred_on__gt=date.today()).exists()

    company_user = User.objects.get(email=COMPANY_LOGIN.email)
    own = visible_records(company_user)
    assert set(own.values_list("company__slug", flat=True)) == {COMPANY_LOGIN.organization_slug}
    assert set(own.values_list("status", flat=True)) == {V.VERIFIED, V.PENDING, V.REJECTED}
    assert own.filter(is_confidential=True).exists()
    assert own.filter(kind=OutcomeKind.REVENUE).count() >= 6

    staff = User.objects.get(email="gimhae.staff@demo.ieum.kr")
    waiting = verifiable_records(staff).filter(status=V.PENDING)
    assert waiting.filter(company__slug=COMPANY_LOGIN.organization_slug).exists()
    assert all(staff.has_perm("outcomes.verify_record", record) for record in waiting[:5])
    gwangju_staff = User.objects.get(email="gwangju.staff@demo.ieum.kr")
    assert verifiable_records(gwangju_staff).filter(status=V.PENDING).exists()


def check_the_import_round_trip():
    saved = OutcomeImport.objects.get(filename=SAVED_FILE)
    assert saved.status == ImportStatus.DONE
    assert saved.created_count == saved.total_rows == saved.valid_rows > 20
    imported = OutcomeRecord.objects.filter(imported_from=saved)
    assert imported.count() == saved.created_count
    assert set(imported.values_list("year", flat=True)) == {2019}
    assert set(imported.values_list("status", flat=True)) == {V.VERIFIED}
    assert _table("gimhae-biomedical", 2019).cell("revenue", Period(2019)).value > 0

    checked = OutcomeImport.objects.get(filename=CHECKED_FILE)
    assert checked.status == ImportStatus.CHECKED
    assert checked.valid_rows == checked.total_rows - 2
    problems = {(p["row"], p["column"]) for p in checked.problems}
    assert len(problems) == 2
    assert {column for _row, column in problems} == {"기업명", "금액"}
    assert any(UNKNOWN_COMPANY in p["message"] for p in checked.problems)
    assert not OutcomeRecord.objects.filter(imported_from=checked).exists()


def check_the_audit_entries():
    content_type = ContentType.objects.get_for_model(OutcomeRecord)
    entries = LogEntry.objects.filter(content_type=content_type)
    assert entries.count() == OutcomeRecord.objects.count()
    assert not entries.filter(actor__isnull=True).exists()

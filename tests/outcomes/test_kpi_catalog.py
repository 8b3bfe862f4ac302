"""The built-in KPIs: what the catalog holds, the migration that writes them, and
`ensure_builtin_kpis` keeping an admin's names, visibility and order."""

from importlib import import_module

import pytest
from django.apps import apps

from ieum.outcomes.enums import KIND_SUBTYPES, Computation, KPISource, KPIUnit
from ieum.outcomes.kpi_catalog import BUILTIN_CODES, BUILTIN_KPIS, ensure_builtin_kpis
from ieum.outcomes.kpi_editing import CODE, kpi_problems
from ieum.outcomes.models import KPIDefinition

pytestmark = pytest.mark.django_db

migration = import_module("ieum.outcomes.migrations.0002_builtin_kpis")

# The figures the ministry's reports on the clusters name, in their words.
REPORT_NAMES = {
    "patent_applications": "특허 출원",
    "patent_registrations": "특허 등록",
    "overseas_approvals": "해외 인허가",
    "export_amount": "수출 계약액",
    "revenue": "매출액",
    "employees": "고용 인원",
    "youth_employees": "청년 고용",
    "new_hires": "신규 채용",
    "investment_amount": "투자 유치액",
    "clinical_trials": "임상시험",
    "tech_transfers": "기술이전",
    "national_rnd_projects": "국가 R&D 과제 수주",
    "facility_companies": "시설·장비 이용 기업",
}


def test_the_catalog_covers_the_reports_figures_and_every_other_source():
    assert len(BUILTIN_CODES) == len(BUILTIN_KPIS)
    names = {kpi.code: kpi.name_ko for kpi in BUILTIN_KPIS}
    for code, name in REPORT_NAMES.items():
        assert names[code] == name
    sources = {kpi.source for kpi in BUILTIN_KPIS}
    assert sources == set(KPISource.values)
    orders = [kpi.sort_order for kpi in BUILTIN_KPIS]
    assert orders == sorted(set(orders))
    for kpi in BUILTIN_KPIS:
        assert CODE.fullmatch(kpi.code), kpi.code
        assert kpi.name_en and kpi.description_ko and kpi.description_en


@pytest.mark.parametrize("builtin", BUILTIN_KPIS, ids=lambda kpi: kpi.code)
def test_every_builtin_passes_the_checks_an_admin_s_kpi_passes(builtin):
    data = {**builtin.presentation(), **builtin.definition()}
    assert kpi_problems(data, source=builtin.source) == {}
    if builtin.source == KPISource.RECORDS:
        for subtype in builtin.subtypes:
            assert any(subtype in KIND_SUBTYPES.get(kind, ()) for kind in builtin.kinds)


def test_the_overseas_and_domestic_figures_read_what_the_record_says():
    by_code = {kpi.code: kpi for kpi in BUILTIN_KPIS}
    assert by_code["overseas_approvals"].region == "overseas"
    assert by_code["overseas_patent_applications"].patent_scopes == ("pct", "foreign")
    assert by_code["domestic_approvals"].subtypes == ("mfds",)
    assert by_code["revenue"].computation == Computation.LATEST
    assert by_code["export_amount"].unit == KPIUnit.USD
    assert by_code["companies_with_outcomes"].kinds == ()


def test_the_migration_writes_every_builtin():
    KPIDefinition.objects.all().delete()
    migration.add_builtin_kpis(apps, None)
    rows = list(KPIDefinition.objects.order_by("sort_order"))
    assert [row.code for row in rows] == [kpi.code for kpi in BUILTIN_KPIS]
    assert all(row.is_builtin and row.is_active for row in rows)
    revenue = KPIDefinition.objects.get(code="revenue")
    assert (revenue.name_ko, revenue.name_en, revenue.field) == ("매출액", "Revenue", "amount_krw")


def test_ensure_creates_only_what_is_missing():
    ensure_builtin_kpis()
    assert ensure_builtin_kpis() == []
    KPIDefinition.objects.filter(code__in=["revenue", "facility_hours"]).delete()
    assert sorted(ensure_builtin_kpis()) == ["facility_hours", "revenue"]
    assert KPIDefinition.objects.filter(code__in=BUILTIN_CODES).count() == len(BUILTIN_KPIS)


def test_ensure_keeps_an_admin_s_names_visibility_and_order():
    ensure_builtin_kpis()
    KPIDefinition.objects.filter(code="revenue").update(
        name_ko="매출", name_en="Sales", description_en="As audited.", is_active=False, sort_order=5
    )
    ensure_builtin_kpis()
    revenue = KPIDefinition.objects.get(code="revenue")
    assert (revenue.name_ko, revenue.name_en, revenue.description_en) == (
        "매출",
        "Sales",
        "As audited.",
    )
    assert (revenue.is_active, revenue.sort_order) == (False, 5)


def test_ensure_brings_a_builtin_s_definition_back_to_the_catalog():
    ensure_builtin_kpis()
    KPIDefinition.objects.filter(code="overseas_approvals").update(
        region="any", kinds=["patent"], computation="distinct_companies", unit="companies"
    )
    ensure_builtin_kpis()
    kpi = KPIDefinition.objects.get(code="overseas_approvals")
    assert (kpi.region, kpi.kinds, kpi.computation, kpi.unit) == (
        "overseas",
        ["approval"],
        "count",
        "count",
    )


def test_an_admin_s_own_kpi_under_a_builtin_code_is_left_alone():
    KPIDefinition.objects.all().delete()
    KPIDefinition.objects.create(
        code="revenue", name_ko="우리 매출", name_en="Our revenue", unit="count", kinds=["export"]
    )
    created = ensure_builtin_kpis()
    assert "revenue" not in created
    own = KPIDefinition.objects.get(code="revenue")
    assert (own.is_builtin, own.name_ko, own.kinds, own.unit) == (
        False,
        "우리 매출",
        ["export"],
        "count",
    )

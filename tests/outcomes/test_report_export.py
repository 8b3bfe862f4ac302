"""The yearly Excel report of a cluster: it opens, its summary holds every KPI with the
numbers the cluster's dashboard shows, and each record-based KPI has a sheet with its
records."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from ieum.outcomes.dashboards import get_dashboard
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import Period, Scope
from ieum.outcomes.report_export import cluster_report
from tests.outcomes.test_dashboard_pages import cell_text
from tests.outcomes.test_dashboards import fill


def summary_values(workbook) -> dict[str, tuple]:
    """KPI name → (unit, year, year before) from the summary sheet's table."""
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(index for index, row in enumerate(rows) if row[0] == "KPI") + 1
    return {row[0]: row[1:] for row in rows[start:]}


def test_the_workbook_matches_the_dashboard_page(client, outcome_world, english):
    world = outcome_world
    fill(world)
    client.force_login(world.staff)
    page = client.get(
        reverse("outcomes:cluster_dashboard", args=[world.cluster.slug]),
        {"first": 2023, "last": 2024},
    )
    assert "report.xlsx?year=2024" in page.content.decode()
    response = client.get(
        reverse("outcomes:cluster_report_xlsx", args=[world.cluster.slug]), {"year": 2024}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"outcomes-{world.cluster.slug}-2024.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))

    summary = summary_values(workbook)
    kpis = list(KPIDefinition.objects.filter(is_active=True))
    assert set(summary) == {kpi.name for kpi in kpis}
    dashboard = page.context["dashboard"]
    for kpi in kpis:
        unit, this_year, last_year = summary[kpi.name]
        assert unit == kpi.get_unit_display()
        for value, period in ((this_year, Period(2024)), (last_year, Period(2023))):
            cell = dashboard.table.cell(kpi.code, period)
            expected = cell.value if cell.shown else None
            assert value == expected or Decimal(str(value)) == expected, kpi.code
    patents = summary[KPIDefinition.objects.get(code="patent_applications").name]
    assert patents[1:] == (2, 1)
    assert str(patents[1]) == cell_text(page, "patent_applications", "2024")
    exports = summary[KPIDefinition.objects.get(code="export_amount").name]
    assert exports[1] == 100000

    sheets = {sheet.title: sheet for sheet in workbook.worksheets[1:]}
    record_kpis = [kpi for kpi in kpis if kpi.source == "records"]
    assert len(sheets) == len(record_kpis)
    patent_sheet = sheets[KPIDefinition.objects.get(code="patent_applications").name[:31]]
    rows = list(patent_sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Company", "Date", "Kind", "Type")
    assert len(rows) - 1 == 2
    assert {row[0] for row in rows[1:]} == {world.company.name}
    assert rows[1][1].date() == date(2024, 2, 1)
    assert rows[1][12] == "Verified"
    export_sheet = sheets[KPIDefinition.objects.get(code="export_amount").name[:31]]
    (export,) = list(export_sheet.iter_rows(values_only=True))[1:]
    assert export[7:12] == (100000, "USD", 130000000, 100000, 1300)


def test_pending_records_count_in_the_report_on_request(outcome_world, english):
    world = outcome_world
    fill(world)
    report = cluster_report(
        user=world.staff, cluster=world.cluster, year=2024, include_pending=True
    )
    workbook = load_workbook(BytesIO(report.content))
    patents = summary_values(workbook)["Patent applications"]
    dashboard = get_dashboard(
        user=world.staff,
        scope=Scope(cluster=world.cluster),
        first_year=2024,
        last_year=2024,
        include_pending=True,
    )
    assert patents[1] == dashboard.table.cell("patent_applications", Period(2024)).value == 3
    assert workbook.worksheets[0]["B3"].value.startswith("Verified records and records waiting")


@pytest.mark.parametrize("role", ["company", "other_staff", "stranger", "other_company"])
def test_only_the_clusters_staff_and_admins_get_its_report(outcome_world, role):
    world = outcome_world
    with pytest.raises(PermissionDenied):
        cluster_report(user=world.roles[role], cluster=world.cluster, year=2024)
    assert cluster_report(user=world.admin, cluster=world.cluster, year=2024).year == 2024

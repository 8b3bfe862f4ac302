"""Dashboard pages: the landing page by role, who may open which dashboard, the table's
numbers and links, the pending toggle, the public figures, and the CSV downloads."""

import csv
from datetime import date
from io import StringIO

import pytest
from django.urls import reverse

from ieum.outcomes.enums import OutcomeKind
from ieum.outcomes.enums import VerificationStatus as Status
from tests.factories import ClusterFactory, MembershipFactory
from tests.outcomes.test_dashboards import fill
from tests.programs.factories import ProgramFactory

YEARS = {"first": 2023, "last": 2024}


def cell_text(response, code, period):
    """The text of one figure in the page's KPI table."""
    html = response.content.decode()
    row = html[html.index(f'<tr data-kpi="{code}">') :]
    row = row[: row.index("</tr>")]
    cell = row[row.index(f'data-period="{period}"') :]
    cell = cell[cell.index(">") + 1 : cell.index("</td>")]
    if "<a " in cell:
        cell = cell[cell.index(">") + 1 : cell.index("</a>")]
    return cell


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("admin", "/outcomes/dashboards/national/"),
        ("staff", "cluster"),
        ("company", "company"),
        ("stranger", "/outcomes/figures/"),
    ],
)
def test_the_landing_page_opens_the_dashboard_of_the_persons_role(
    client, outcome_world, role, target
):
    world = outcome_world
    expected = {
        "cluster": f"/outcomes/dashboards/clusters/{world.cluster.slug}/",
        "company": f"/outcomes/dashboards/companies/{world.company.slug}/",
    }.get(target, target)
    client.force_login(world.roles[role])
    response = client.get(reverse("outcomes:dashboard"))
    assert response.status_code == 302 and response["Location"] == expected


def test_visitors_land_on_the_public_figures(client, db):
    response = client.get(reverse("outcomes:dashboard"))
    assert response["Location"] == "/outcomes/figures/"


def test_staff_of_several_clusters_choose_one(client, outcome_world):
    world = outcome_world
    second = ClusterFactory(operator=world.cluster.operator)
    client.force_login(world.staff)
    response = client.get(reverse("outcomes:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("outcomes:cluster_dashboard", args=[world.cluster.slug]) in page
    assert reverse("outcomes:cluster_dashboard", args=[second.slug]) in page


def pages(world, program):
    return {
        "national": reverse("outcomes:national"),
        "cluster": reverse("outcomes:cluster_dashboard", args=[world.cluster.slug]),
        "program": reverse("outcomes:program_dashboard", args=[program.slug]),
        "company": reverse("outcomes:company_dashboard", args=[world.company.slug]),
        "xlsx": reverse("outcomes:cluster_report_xlsx", args=[world.cluster.slug]),
        "csv": reverse("outcomes:dashboard_csv") + f"?scope=cluster:{world.cluster.slug}",
        "figure": reverse("outcomes:kpi_records")
        + f"?kpi=patent_applications&scope=cluster:{world.cluster.slug}&period=2024",
    }


# Who gets each page: 200, and what the others get (a cluster, program or company out
# of reach is not there: 404; the national dashboard exists for everyone: 403).
STATUS = {
    "national": ({"admin"}, 403),
    "cluster": ({"admin", "staff"}, 404),
    "program": ({"admin", "staff"}, 404),
    "company": ({"admin", "staff", "company"}, 404),
    "xlsx": ({"admin", "staff"}, 404),
    "csv": ({"admin", "staff"}, 404),
    "figure": ({"admin", "staff"}, 404),
}


@pytest.mark.parametrize("page", sorted(STATUS))
def test_each_role_gets_the_pages_it_may_see(client, outcome_world, page):
    world = outcome_world
    world.record(occurred_on=date(2024, 2, 1))
    address = pages(world, ProgramFactory(cluster=world.cluster))[page]
    allowed, otherwise = STATUS[page]
    for role, user in world.roles.items():
        client.force_login(user)
        expected = 200 if role in allowed else otherwise
        assert client.get(address).status_code == expected, (role, page)
    client.logout()
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/")


def test_the_cluster_dashboard_shows_the_figures_and_pending_on_the_toggle(
    client, outcome_world, english
):
    world = outcome_world
    fill(world)
    program = ProgramFactory(cluster=world.cluster)
    client.force_login(world.staff)
    address = reverse("outcomes:cluster_dashboard", args=[world.cluster.slug])
    response = client.get(address, YEARS)
    assert response.status_code == 200
    assert cell_text(response, "patent_applications", "2024") == "2"
    assert cell_text(response, "patent_applications", "2023") == "1"
    assert cell_text(response, "export_amount", "2024") == "$100,000"
    assert cell_text(response, "employees", "2024") == "14"
    page = response.content.decode()
    assert 'data-chart="chart-patent_applications"' in page
    assert "kpi=patent_applications&amp;scope=cluster%3A" in page
    assert "Verified records" in page and 'name="pending"' in page
    assert reverse("outcomes:program_dashboard", args=[program.slug]) in page

    pending = client.get(address, {**YEARS, "pending": "on"})
    assert cell_text(pending, "patent_applications", "2024") == "3"
    assert "pending=1" in pending.content.decode()


def test_the_national_dashboard_compares_the_clusters(client, outcome_world, english):
    world = outcome_world
    fill(world)
    client.force_login(world.admin)
    response = client.get(reverse("outcomes:national"), {**YEARS, "compare": "employees"})
    page = response.content.decode()
    assert cell_text(response, "patent_applications", "2024") == "3"
    assert 'id="comparison-table"' in page and 'data-chart="chart-clusters"' in page
    assert f'href="/outcomes/dashboards/clusters/{world.other_cluster.slug}/"' in page
    assert '<option value="employees" selected>' in page


def test_a_bad_year_range_falls_back_to_the_default_with_a_message(client, outcome_world, english):
    client.force_login(outcome_world.admin)
    response = client.get(reverse("outcomes:national"), {"first": 2024, "last": 2020})
    assert response.status_code == 200
    assert "The last year comes before the first." in response.content.decode()
    response = client.get(
        reverse("outcomes:national"), {"first": 2015, "last": 2024, "quarterly": "on"}
    )
    assert "Choose at most 5 years by quarter." in response.content.decode()


def test_the_public_figures_show_a_dash_for_small_cells(client, outcome_world, english):
    world = outcome_world
    fill(world)
    response = client.get(reverse("outcomes:public_figures"), YEARS)
    assert response.status_code == 200
    page = response.content.decode()
    assert cell_text(response, "patent_applications", "2024") == "—"
    assert "Fewer than 3 companies: not shown" in page
    assert "fewer than 3 companies" in page
    assert 'name="pending"' not in page and "/outcomes/dashboards/figure/" not in page
    chosen = client.get(reverse("outcomes:public_figures"), {"cluster": world.cluster.slug})
    assert chosen.status_code == 200 and 'id="cluster-figures"' in chosen.content.decode()
    assert client.get(reverse("outcomes:public_figures"), {"cluster": "nowhere"}).status_code == 404


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(StringIO(content.decode("utf-8-sig"))))


def test_the_table_downloads_as_csv_with_the_pages_numbers(client, outcome_world, english):
    world = outcome_world
    fill(world)
    client.force_login(world.staff)
    query = {**YEARS, "scope": f"cluster:{world.cluster.slug}", "pending": "on"}
    response = client.get(reverse("outcomes:dashboard_csv"), query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0] == ["Code", "KPI", "Unit", "2023", "2024"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["patent_applications"][3:] == ["1", "3"]
    assert by_code["export_amount"][3:] == ["0", "100000.00"]
    program = ProgramFactory(cluster=world.cluster)
    query["scope"] = f"program:{program.slug}"
    assert client.get(reverse("outcomes:dashboard_csv"), query).status_code == 200
    query["scope"] = "somewhere"
    assert client.get(reverse("outcomes:dashboard_csv"), query).status_code == 404


def test_the_records_csv_holds_the_visible_records_filtered(client, outcome_world, english):
    world = outcome_world
    fill(world)
    world.record(title="=HYPERLINK(1)", occurred_on=date(2024, 1, 5), status=Status.PENDING)
    client.force_login(world.staff)
    rows = read_csv(client.get(reverse("outcomes:records_csv")))
    assert rows[0][0] == "Company" and rows[0][-1] == "Clusters"
    assert {row[0] for row in rows[1:]} == {world.company.name}
    assert len(rows) - 1 == 9
    assert "'=HYPERLINK(1)" in [row[4] for row in rows]

    filtered = read_csv(
        client.get(
            reverse("outcomes:records_csv"),
            {"status": "verified", "kind": OutcomeKind.PATENT, "year": 2024},
        )
    )
    assert len(filtered) - 1 == 2
    assert filtered[1][-1] == world.cluster.name

    client.force_login(world.admin)
    other = read_csv(
        client.get(reverse("outcomes:records_csv"), {"cluster": world.other_cluster.slug})
    )
    assert {row[0] for row in other[1:]} == {world.other_company.name}

    client.force_login(MembershipFactory(organization=world.lone_company).user)
    assert len(read_csv(client.get(reverse("outcomes:records_csv")))) == 1

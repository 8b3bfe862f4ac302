"""The KPI API: definitions for anyone signed in, and values per scope with the
dashboards' rules, equal to the engine's, public figures for everyone else."""

from datetime import date
from decimal import Decimal

import pytest

from ieum.core.business_days import seoul_today
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.kpi_values import active_kpis, compute_kpi_table
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope, quarters, years
from tests.factories import CompanyFactory
from tests.outcomes.factories import make_outcome_world
from tests.partnering.factories_api import client_for
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db

KPIS = "/api/v1/kpis/"
VALUES = "/api/v1/kpi-values/"
PATENTS = "patent_applications"


@pytest.fixture
def world(db):
    world = make_outcome_world()
    # Verified patent applications of 2024: the company's, another company's kept
    # confidential, a company in no cluster's; and one of the company's still waiting.
    world.record()
    world.record(company=world.other_company, is_confidential=True)
    world.record(company=world.lone_company)
    world.record(status=VerificationStatus.PENDING)
    return world


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json()


def patents_in_2024(user, scope: str = "national", **query) -> dict:
    params = {"scope": scope, "from": 2024, "to": 2024, "kpi": PATENTS, **query}
    answer = ok(client_for(user).get(VALUES, params))
    [value] = answer["values"]
    assert value["kpi"] == PATENTS and value["period"] == "2024" and value["unit"] == "count"
    return answer | {"value": value}


def test_anyone_signed_in_reads_the_active_kpi_definitions(world):
    hidden = KPIDefinition.objects.create(
        code="hidden", name_ko="숨김", name_en="Hidden", unit="count", is_active=False
    )
    client = client_for(world.stranger)
    listed = []
    page = ok(client.get(KPIS))
    listed += page["results"]
    while page["next"]:
        page = ok(client.get(page["next"]))
        listed += page["results"]
    codes = [row["code"] for row in listed]
    assert codes == [kpi.code for kpi in active_kpis()] and hidden.code not in codes
    patents = ok(client.get(f"{KPIS}{PATENTS}/"))
    assert patents["is_builtin"] is True and patents["computation"] == "count"
    assert patents["kinds"] == ["patent"] and patents["subtypes"] == ["patent_application"]
    assert patents["unit"] == "count" and patents["source"] == "records"
    assert client.get(f"{KPIS}{hidden.code}/").status_code == 404
    assert client_for(None).get(KPIS).status_code in (401, 403)
    assert client_for(None).get(VALUES).status_code in (401, 403)


def test_an_admin_gets_the_full_national_figures_pending_on_request(world):
    full = patents_in_2024(world.admin)
    assert (full["scope"], full["public"], full["pending"]) == ("national", False, False)
    assert full["value"] == {
        "kpi": PATENTS,
        "period": "2024",
        "value": 3,
        "unit": "count",
        "suppressed": False,
        "applicable": True,
    }
    assert patents_in_2024(world.admin, pending=1)["value"]["value"] == 4


def test_a_company_gets_public_national_figures_that_hide_another_company_s_confidential_one(
    world,
):
    # Public: the confidential record is left out, and two companies are too few.
    public = patents_in_2024(world.company_member, pending=1)
    assert public["public"] is True and public["pending"] is False
    assert public["value"]["value"] is None and public["value"]["suppressed"] is True
    # A third company with a public record: the figure shows, still without the
    # confidential one.
    world.record(company=CompanyFactory())
    public = patents_in_2024(world.company_member)
    assert public["value"]["value"] == 3 and public["value"]["suppressed"] is False
    assert patents_in_2024(world.admin)["value"]["value"] == 4


@pytest.mark.parametrize(
    ("role", "public", "value"),
    [
        ("staff", False, 1),
        ("admin", False, 1),
        ("other_staff", True, None),
        ("company", True, None),
    ],
)
def test_a_cluster_s_full_figures_are_for_its_staff_and_admins(world, role, public, value):
    answer = patents_in_2024(world.roles[role], f"cluster:{world.cluster.slug}")
    assert answer["scope"] == f"cluster:{world.cluster.slug}"
    assert answer["public"] is public and answer["value"]["value"] == value
    assert answer["value"]["suppressed"] is public
    if not public:
        pending = patents_in_2024(world.roles[role], f"cluster:{world.cluster.slug}", pending=1)
        assert pending["value"]["value"] == 2


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("staff", True),
        ("admin", True),
        ("other_staff", False),
        ("company", False),
        ("stranger", False),
    ],
)
def test_a_program_s_figures_are_for_the_staff_of_its_cluster_and_admins(world, role, allowed):
    program = ProgramFactory(cluster=world.cluster)
    world.record(occurred_on=date(2024, 7, 1)).programs.set([program])
    params = {"scope": f"program:{program.slug}", "from": 2024, "to": 2024, "kpi": PATENTS}
    answer = client_for(world.roles[role]).get(VALUES, params)
    if not allowed:
        assert answer.status_code == 404
        return
    assert ok(answer)["values"][0]["value"] == 1 and answer.json()["public"] is False


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("company", True),
        ("staff", True),
        ("admin", True),
        ("other_company", False),
        ("other_staff", False),
        ("stranger", False),
    ],
)
def test_a_company_s_figures_are_for_its_members_its_clusters_staff_and_admins(
    world, role, allowed
):
    scope = f"company:{world.company.slug}"
    params = {"scope": scope, "from": 2024, "to": 2024, "kpi": PATENTS, "pending": 1}
    answer = client_for(world.roles[role]).get(VALUES, params)
    if not allowed:
        assert answer.status_code == 404
        return
    assert ok(answer)["values"][0]["value"] == 2 and answer.json()["pending"] is True


def as_decimal(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("quarterly", [False, True])
def test_every_value_equals_the_engine_s(world, quarterly):
    world.record(occurred_on=date(2022, 2, 1))
    world.record(occurred_on=date(2023, 11, 30), company=world.other_company)
    answer = ok(
        client_for(world.admin).get(
            VALUES, {"from": 2021, "to": 2024, "quarterly": int(quarterly), "pending": 1}
        )
    )
    periods = quarters(2021, 2024) if quarterly else years(2021, 2024)
    assert answer["periods"] == [period.key for period in periods]
    table = compute_kpi_table(scope=NATIONAL, periods=periods, include_pending=True)
    assert [row["code"] for row in answer["kpis"]] == [kpi.code for kpi in table.kpis]
    assert len(answer["values"]) == len(table.kpis) * len(periods)
    for row in answer["values"]:
        cell = table.cell(row["kpi"], Period.parse(row["period"]))
        assert as_decimal(row["value"]) == (cell.value if cell.shown else None), row
        assert (row["suppressed"], row["applicable"]) == (cell.suppressed, cell.applicable)


def test_public_values_equal_the_engine_s_public_ones(world):
    answer = ok(client_for(world.stranger).get(VALUES, {"scope": f"cluster:{world.cluster.slug}"}))
    this_year = seoul_today().year
    periods = years(this_year - 4, this_year)
    assert answer["periods"] == [period.key for period in periods] and answer["public"] is True
    table = compute_kpi_table(scope=Scope(cluster=world.cluster), periods=periods, public=True)
    for row in answer["values"]:
        cell = table.cell(row["kpi"], Period.parse(row["period"]))
        assert as_decimal(row["value"]) == (cell.value if cell.shown else None), row


def test_bad_queries_are_answered_per_parameter(world):
    client = client_for(world.admin)
    assert set(ok(client.get(VALUES, {"scope": "galaxy"}), 400)) == {"scope"}
    assert client.get(VALUES, {"scope": "cluster:no-such-cluster"}).status_code == 404
    assert set(ok(client.get(VALUES, {"kpi": f"{PATENTS},no-such-kpi"}), 400)) == {"kpi"}
    assert set(ok(client.get(VALUES, {"from": 2025, "to": 2020}), 400)) == {"from"}
    # The dashboards' limits: fifteen years, five by quarter.
    assert set(ok(client.get(VALUES, {"from": 2000, "to": 2024}), 400)) == {"from"}
    assert set(ok(client.get(VALUES, {"from": 2018, "to": 2024, "quarterly": 1}), 400)) == {"from"}
    assert set(ok(client.get(VALUES, {"from": 1800, "quarterly": "maybe"}), 400)) == {
        "from",
        "quarterly",
    }

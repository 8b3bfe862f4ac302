"""Monthly statements: the numbers, who sees which lines, the Excel file, query counts."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ieum.accounts.enums import Role
from ieum.directory.models import Cluster, Organization
from ieum.facilities.booking import book_resource
from ieum.facilities.enums import BookingMode, BookingStatus, DowntimeKind, ResourceStatus
from ieum.facilities.fees import fee_class_for, fee_for, hourly_rate
from ieum.facilities.models import Booking, Downtime, Resource
from ieum.facilities.statements import build_monthly_statement, get_statement
from tests.facilities.conftest import seoul, working_day
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    MembershipFactory,
    ResourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARCH = date(2025, 3, 1)


def past_booking(
    *,
    resource: Resource,
    organization: Organization,
    start: datetime,
    end: datetime,
    status: str = BookingStatus.APPROVED,
    voucher_krw: int = 0,
    checked_in: datetime | None = None,
    checked_out: datetime | None = None,
    mode: str = BookingMode.DIRECT_USE,
) -> Booking:
    """A booking in a past month, priced the way booking prices it (book_resource refuses
    the past)."""
    user_type = fee_class_for(organization=organization, resource=resource)
    rate = hourly_rate(resource=resource, user_type=user_type)
    return Booking.objects.create(
        resource=resource,
        booked_by=UserFactory(),
        organization=organization,
        mode=mode,
        status=status,
        start=start,
        end=end,
        blocked_until=end + timedelta(minutes=resource.buffer_minutes),
        is_exclusive=resource.capacity == 1,
        user_type=user_type,
        hourly_rate_krw=rate,
        fee_krw=fee_for(hourly_rate_krw=rate, start=start, end=end),
        voucher_krw=voucher_krw,
        checked_in_at=checked_in,
        checked_out_at=checked_out,
    )


def at(day: str, clock: str) -> datetime:
    return seoul(date.fromisoformat(day), clock)


def staff_of(cluster: Cluster):
    return MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user


def platform_admin():
    return MembershipFactory(role=Role.PLATFORM_ADMIN).user


@dataclass
class Scenario:
    north: Cluster  # cluster A
    south: Cluster  # cluster B
    cytometer: Resource  # north, weekdays 09–18, 2 hours of downtime in March
    spare: Resource  # north, marked idle, never booked
    bioreactor: Resource  # south, open around the clock, holidays too
    microscope: Resource  # south, never booked
    scrapped: Resource  # north, disused
    resident: Organization  # resident company of north
    external: Organization  # company of neither cluster
    late: Organization  # a company that did not show up


def make_scenario() -> Scenario:
    """March and April 2025 on two clusters, every number worked out in the tests."""
    north, south = ClusterFactory(name_ko="가 북부"), ClusterFactory(name_ko="나 남부")
    s = Scenario(
        north=north,
        south=south,
        cytometer=ResourceFactory(cluster=north, name_ko="유세포분석기"),
        spare=ResourceFactory(cluster=north, name_ko="예비 원심분리기", status=ResourceStatus.IDLE),
        bioreactor=ResourceFactory(
            cluster=south,
            name_ko="생물반응기",
            open_all_hours=True,
            closed_on_public_holidays=False,
        ),
        microscope=ResourceFactory(cluster=south, name_ko="공초점 현미경"),
        scrapped=ResourceFactory(cluster=north, name_ko="폐기 장비", status=ResourceStatus.DISUSED),
        resident=CompanyFactory(name_ko="입주바이오", name_en="Resident Bio"),
        external=CompanyFactory(name_ko="외부메드", name_en="External Med"),
        late=CompanyFactory(name_ko="지각제약", name_en="Late Pharma"),
    )
    ClusterMemberFactory(cluster=north, organization=s.resident, is_resident=True)
    Downtime.objects.create(
        resource=s.cytometer,
        kind=DowntimeKind.MAINTENANCE,
        start=at("2025-03-12", "13:00"),
        end=at("2025-03-12", "15:00"),
    )
    # The resident company pays the resident rate (20,000/h) on the north cytometer and
    # the external rate (50,000/h) on the south bioreactor.
    past_booking(  # 2 h, used 1 h 45 min, 10,000 paid by a voucher
        resource=s.cytometer,
        organization=s.resident,
        start=at("2025-03-10", "10:00"),
        end=at("2025-03-10", "12:00"),
        voucher_krw=10_000,
        checked_in=at("2025-03-10", "10:05"),
        checked_out=at("2025-03-10", "11:50"),
    )
    past_booking(  # 3 h, nobody came: billed all the same
        resource=s.cytometer,
        organization=s.resident,
        start=at("2025-03-14", "13:00"),
        end=at("2025-03-14", "16:00"),
        status=BookingStatus.NO_SHOW,
    )
    past_booking(  # 1 h, never approved: listed, not billed
        resource=s.cytometer,
        organization=s.resident,
        start=at("2025-03-20", "09:00"),
        end=at("2025-03-20", "10:00"),
        status=BookingStatus.REQUESTED,
    )
    past_booking(  # cancelled: not on the statement at all
        resource=s.cytometer,
        organization=s.resident,
        start=at("2025-03-21", "09:00"),
        end=at("2025-03-21", "11:00"),
        status=BookingStatus.CANCELLED,
    )
    past_booking(  # 4 h through the night, not checked in but over: it was used
        resource=s.bioreactor,
        organization=s.resident,
        start=at("2025-03-05", "22:00"),
        end=at("2025-03-06", "02:00"),
        mode=BookingMode.DIRECT_USE,
    )
    past_booking(  # 4 h in April, used in full
        resource=s.cytometer,
        organization=s.external,
        start=at("2025-04-02", "09:00"),
        end=at("2025-04-02", "13:00"),
        checked_in=at("2025-04-02", "09:00"),
        checked_out=at("2025-04-02", "13:00"),
    )
    past_booking(  # February: outside every period in these tests
        resource=s.cytometer,
        organization=s.external,
        start=at("2025-02-27", "10:00"),
        end=at("2025-02-27", "11:00"),
    )
    past_booking(  # 1 h no-show in April: booked, but not a company served
        resource=s.bioreactor,
        organization=s.late,
        start=at("2025-04-07", "10:00"),
        end=at("2025-04-07", "11:00"),
        status=BookingStatus.NO_SHOW,
    )
    return s


@pytest.fixture
def scenario() -> Scenario:
    return make_scenario()


def test_statement_lines_and_totals(scenario):
    statement = build_monthly_statement(organization=scenario.resident, year=2025, month=3)
    assert [(line.day, line.resource, line.status) for line in statement.lines] == [
        (date(2025, 3, 5), "생물반응기", "approved"),
        (date(2025, 3, 10), "유세포분석기", "approved"),
        (date(2025, 3, 14), "유세포분석기", "no_show"),
        (date(2025, 3, 20), "유세포분석기", "requested"),
    ]
    night = statement.lines[0]
    assert (night.hours, night.hourly_rate_krw, night.fee_krw) == (Decimal("4.00"), 50_000, 200_000)
    assert night.cluster == "나 남부"
    first = statement.lines[1]
    assert (first.fee_krw, first.voucher_krw, first.amount_due_krw) == (40_000, 10_000, 30_000)
    # Billed: 2 h + 3 h + 4 h; 40,000 + 60,000 + 200,000, less the 10,000 voucher.
    assert statement.billed.bookings == 3
    assert statement.billed.hours == Decimal("9.00")
    assert statement.billed.fee_krw == 300_000
    assert statement.billed.voucher_krw == 10_000
    assert statement.billed.amount_due_krw == 290_000
    assert (statement.no_shows.bookings, statement.no_shows.fee_krw) == (1, 60_000)
    assert (statement.pending.bookings, statement.pending.fee_krw) == (1, 20_000)
    assert not statement.is_partial


def test_other_months_and_companies_are_not_on_the_statement(scenario):
    april = build_monthly_statement(organization=scenario.resident, year=2025, month=4)
    assert april.lines == []
    assert april.billed.amount_due_krw == 0
    external = build_monthly_statement(organization=scenario.external, year=2025, month=4)
    assert [line.fee_krw for line in external.lines] == [200_000]


def test_a_future_booking_is_on_its_month_statement(scenario):
    member = MembershipFactory(organization=scenario.resident).user
    day = working_day()
    booking = book_resource(
        user=member,
        resource=scenario.cytometer,
        start=seoul(day, "10:00"),
        end=seoul(day, "11:30"),
    )
    statement = get_statement(user=member, organization=scenario.resident, month=day)
    assert [line.booking_id for line in statement.lines] == [booking.pk]
    assert statement.billed.hours == Decimal("1.50")
    assert statement.billed.amount_due_krw == 30_000  # 1.5 h at the resident rate


def test_cluster_staff_see_only_their_clusters_lines(scenario):
    north = get_statement(
        user=staff_of(scenario.north), organization=scenario.resident, month=MARCH
    )
    assert north.is_partial
    assert {line.resource for line in north.lines} == {"유세포분석기"}
    assert north.billed.amount_due_krw == 90_000  # 30,000 + 60,000
    south = get_statement(
        user=staff_of(scenario.south), organization=scenario.resident, month=MARCH
    )
    assert [line.fee_krw for line in south.lines] == [200_000]
    assert south.billed.amount_due_krw == 200_000


def test_members_and_admins_see_the_whole_statement_and_others_nothing(scenario):
    member = MembershipFactory(organization=scenario.resident).user
    assert (
        get_statement(
            user=member, organization=scenario.resident, month=MARCH
        ).billed.amount_due_krw
        == 290_000
    )
    admin = platform_admin()
    assert (
        get_statement(user=admin, organization=scenario.resident, month=MARCH).billed.amount_due_krw
        == 290_000
    )
    outsider = MembershipFactory(organization=scenario.external).user
    with pytest.raises(PermissionDenied):
        get_statement(user=outsider, organization=scenario.resident, month=MARCH)


def url(organization: Organization | None = None, month: str = "2025-03", name="statement") -> str:
    query = f"?month={month}" + (f"&organization={organization.slug}" if organization else "")
    return f"/facilities/{name}/{query}" if name == "statement" else f"/facilities/{name}{query}"


def test_statement_page_for_a_member(client, scenario):
    client.force_login(MembershipFactory(organization=scenario.resident).user)
    response = client.get(url(scenario.resident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "₩290,000" in html
    assert "생물반응기" in html
    assert html.count("<tr") == 1 + 4 + 1  # header, four lines, totals


def test_statement_page_refuses_other_companies_and_strangers(client, scenario):
    assert client.get(url(scenario.resident)).status_code == 302  # to the login page
    client.force_login(MembershipFactory(organization=scenario.external).user)
    assert client.get(url(scenario.resident)).status_code == 403
    assert client.get(url(scenario.resident, name="statement.xlsx")).status_code == 403
    assert client.get("/facilities/statement/?organization=nobody").status_code == 404


def test_statement_page_for_staff_shows_their_lines_only(client, scenario):
    client.force_login(staff_of(scenario.north))
    html = client.get(url(scenario.resident)).content.decode()
    assert "₩90,000" in html
    assert "생물반응기" not in html


def test_organization_list_for_staff_and_members(client, scenario):
    client.force_login(staff_of(scenario.north))
    html = client.get(url()).content.decode()
    assert "입주바이오" in html  # billed on north in March
    assert "외부메드" not in html  # billed on north in April only
    april = client.get(url(month="2025-04")).content.decode()
    assert "외부메드" in april
    assert "지각제약" not in april  # billed on south
    client.force_login(MembershipFactory(organization=scenario.late).user)
    own = client.get(url()).content.decode()
    assert "지각제약" in own  # their own, even without bookings that month
    assert "입주바이오" not in own


def test_bad_month_falls_back_to_this_month(client, scenario):
    client.force_login(MembershipFactory(organization=scenario.resident).user)
    response = client.get(url(scenario.resident, month="2025-13"))
    assert response.status_code == 200
    assert response.context["form"].errors["month"]


def test_statement_workbook_holds_the_lines_and_totals(client, scenario):
    client.force_login(MembershipFactory(organization=scenario.resident).user)
    response = client.get(url(scenario.resident, name="statement.xlsx"))
    assert response.status_code == 200
    assert "statement-" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    summary, lines = workbook.worksheets
    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert "입주바이오" in figures.values()
    assert 290_000 in figures.values()
    rows = list(lines.iter_rows(values_only=True))
    assert len(rows) == 1 + 4 + 1
    assert rows[1][0] == datetime(2025, 3, 5)  # a date cell
    assert rows[1][1] == "22:00–02:00"
    assert rows[-1][-4:-1] == (300_000, 10_000, 290_000)
    assert lines["K2"].number_format == '"₩"#,##0'


def test_a_company_name_is_never_a_formula(client, scenario):
    scenario.resident.name_ko = '=HYPERLINK("http://example.com")'
    scenario.resident.save()
    client.force_login(MembershipFactory(organization=scenario.resident).user)
    workbook = load_workbook(
        BytesIO(client.get(url(scenario.resident, name="statement.xlsx")).content)
    )
    cell = workbook.worksheets[0]["B1"]
    assert cell.data_type == "s"


def add_lines(organization: Organization, resource: Resource, count: int) -> None:
    for n in range(count):
        start = at("2025-03-01", "00:00") + timedelta(hours=2 * n + 1)
        past_booking(
            resource=resource,
            organization=organization,
            start=start,
            end=start + timedelta(hours=1),
        )


def page_queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_statement_query_count_does_not_grow_with_lines(client):
    company = CompanyFactory()
    client.force_login(MembershipFactory(organization=company).user)
    add_lines(company, ResourceFactory(), 1)
    one = page_queries(client, url(company))
    add_lines(company, ResourceFactory(cluster=ClusterFactory()), 29)
    assert page_queries(client, url(company)) == one


def test_statement_list_query_count_does_not_grow_with_organizations(client):
    client.force_login(UserFactory(is_superuser=True))
    resource = ResourceFactory()
    add_lines(CompanyFactory(), resource, 1)
    one = page_queries(client, url())
    for _ in range(29):
        add_lines(CompanyFactory(), ResourceFactory(cluster=resource.cluster), 1)
    thirty = page_queries(client, url())
    assert thirty == one
    html = client.get(url()).content.decode()
    assert html.count("?organization=") == 30

"""A startup of one cluster books another's equipment: approval, calendar, use, fees, report."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from ieum.facilities.models import Booking
from ieum.facilities.timeline import SEOUL
from tests.facilities.conftest import seoul, working_day
from tests.factories import (
    PASSWORD,
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    MembershipFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network():
    gimhae = ClusterFactory(
        name_ko="김해 의생명 클러스터",
        operator=OrganizationFactory(kind="cluster_operator", name_ko="김해의생명산업진흥원"),
    )
    wonju_operator = OrganizationFactory(kind="cluster_operator", name_ko="원주의료기기테크노밸리")
    wonju = ClusterFactory(name_ko="원주 의료기기 클러스터", operator=wonju_operator)
    company = CompanyFactory(name_ko="나노파이버텍", slug="nft")
    ClusterMemberFactory(cluster=gimhae, organization=company)
    founder = MembershipFactory(organization=company, user__email="ceo@nft.kr").user
    staff = MembershipFactory(
        organization=wonju_operator, role="cluster_staff", user__email="staff@wonju.kr"
    ).user
    analyzer = ResourceFactory(
        cluster=wonju,
        name_ko="전자파 적합성 시험장비",
        name_en="EMC test system",
        requires_approval=True,
        rate_external=80_000,
    )
    return {"founder": founder, "staff": staff, "resource": analyzer}


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/me/")


def test_book_across_clusters_approve_and_subscribe(page, network, live_server):
    day = working_day()
    resource = network["resource"]
    log_in(page, "ceo@nft.kr")
    page.goto("/facilities/")
    page.fill("#id_q", "전자파")
    page.locator("#id_q").press("Enter")
    page.locator("#resource-list").get_by_text("전자파 적합성 시험장비").click()
    page.wait_for_url(f"**/facilities/r/{resource.pk}/")

    # Go to the chosen week and pick 10:00 on the day from the grid.
    page.goto(f"/facilities/r/{resource.pk}/?week={day.isoformat()}")
    page.locator(f"td.slot.free a[data-slot-start='{seoul(day, '10:00').isoformat()}']").click()
    assert page.locator("#id_start").input_value() == f"{day.isoformat()}T10:00"
    page.fill("#id_end", f"{day.isoformat()}T12:00")
    page.fill("#id_purpose", "EMC 사전 시험")
    page.locator("#booking-form button[type=submit]").click()
    page.locator("#booking-status").wait_for()
    booking = Booking.objects.get()
    assert booking.status == "requested" and booking.fee_krw == 160_000
    assert page.locator("#booking-status").inner_text() in ("승인 대기", "Awaiting approval")

    # The staff of the other cluster approve it from their queue.
    log_in(page, "staff@wonju.kr")
    page.goto("/facilities/bookings/")
    page.locator("#awaiting").get_by_role("link").first.click()
    page.locator("#decide button.btn-success").click()
    page.locator("#booking-status").wait_for()
    booking.refresh_from_db()
    assert booking.status == "approved" and booking.decided_by == network["staff"]

    # The founder's calendar app subscribes to the private address and sees it.
    log_in(page, "ceo@nft.kr")
    page.goto("/facilities/bookings/")
    feed_url = page.locator("#personal-feed-url").input_value()
    assert feed_url.startswith(live_server.url)
    response = page.request.get(feed_url)
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert event.decoded("DTSTART") == seoul(day, "10:00")
    assert str(event["STATUS"]) == "CONFIRMED"

    # The day comes: the staff check the founder in and out at the instrument.
    now = timezone.now()
    start = now - timedelta(minutes=15)
    Booking.objects.filter(pk=booking.pk).update(
        start=start, end=start + timedelta(hours=2), blocked_until=start + timedelta(hours=2)
    )
    log_in(page, "staff@wonju.kr")
    page.goto(f"/facilities/b/{booking.pk}/")
    page.locator("form[action$='/check-in/'] button").click()
    page.locator("form[action$='/check-out/'] button").click()
    page.locator("#usage").wait_for(state="detached")
    booking.refresh_from_db()
    assert booking.checked_in_at and booking.checked_out_at

    # The fee is on the founder's monthly statement ...
    month = start.astimezone(SEOUL).strftime("%Y-%m")
    log_in(page, "ceo@nft.kr")
    page.goto(f"/facilities/statement/?organization=nft&month={month}")
    assert "160,000" in page.locator("#amount-due").inner_text()
    assert "전자파 적합성 시험장비" in page.locator("#statement-lines").inner_text()

    # ... and the use in the staff's utilization report.
    log_in(page, "staff@wonju.kr")
    page.goto(f"/facilities/reports/?month_from={month}&month_to={month}")
    assert page.locator("#companies-served").inner_text().strip() == "1"
    row = page.locator("#resource-table tr", has_text="전자파 적합성 시험장비")
    assert "2.0" in row.inner_text()
    page.locator("#report-figures").wait_for()
    assert page.csp_violations == []


def test_a_taken_time_shows_why_in_the_form(page, network):
    day = working_day()
    resource = network["resource"]
    from ieum.facilities.booking import book_resource

    book_resource(
        user=network["staff"], resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    log_in(page, "ceo@nft.kr")
    page.goto(f"/facilities/r/{resource.pk}/?week={day.isoformat()}")
    page.fill("#id_start", f"{day.isoformat()}T11:00")
    page.fill("#id_end", f"{day.isoformat()}T12:30")
    page.locator("#booking-form button[type=submit]").click()
    page.locator("#booking-errors").wait_for()
    assert Booking.objects.count() == 1

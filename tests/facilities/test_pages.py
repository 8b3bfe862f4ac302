"""The facility pages as people use them: find, book, decide, use, subscribe."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from ieum.facilities.booking import book_resource, reschedule_booking
from ieum.facilities.enums import BookingStatus
from ieum.facilities.models import Booking, Downtime, Qualification
from tests.facilities.conftest import seoul
from tests.factories import MembershipFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_catalog_searches_and_filters(client):
    microscope = ResourceFactory(
        name_ko="공초점 레이저 현미경", name_en="Confocal laser microscope"
    )
    ResourceFactory(name_ko="클린룸 A", name_en="Clean room A", kind="clean_room")
    response = client.get("/facilities/", {"q": "현미경"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [microscope]
    response = client.get("/facilities/", {"kind": "clean_room"})
    assert [r.name_ko for r in response.context["page"].object_list] == ["클린룸 A"]
    partial = client.get("/facilities/", {"q": "confocal"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert "공초점 레이저 현미경" in partial.content.decode()


def test_catalog_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(3):
        ResourceFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/facilities/")
    for _ in range(20):
        ResourceFactory()
    with django_assert_max_num_queries(len(few)):
        client.get("/facilities/")


def test_resource_page_shows_the_week_and_books(client, resource, member, day):
    client.force_login(member)
    page = client.get(f"/facilities/r/{resource.pk}/", {"week": day.isoformat()})
    assert page.status_code == 200
    states = {slot.state for column in page.context["columns"] for slot in column.slots}
    assert {"free", "closed"} <= states
    response = client.post(
        f"/facilities/r/{resource.pk}/?week={day}",
        {
            "start": f"{day}T10:00",
            "end": f"{day}T11:30",
            "mode": "direct_use",
            "organization": member.memberships.get().organization_id,
            "purpose": "세포 분석",
        },
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == booking.get_absolute_url()
    assert (booking.start, booking.end) == (seoul(day, "10:00"), seoul(day, "11:30"))
    page = client.get(f"/facilities/r/{resource.pk}/", {"week": day.isoformat()})
    full = [s for c in page.context["columns"] for s in c.slots if s.state == "full"]
    assert [s.interval.start for s in full] == [
        seoul(day, "10:00"),
        seoul(day, "10:30"),
        seoul(day, "11:00"),
    ]


def test_a_conflicting_booking_shows_the_reason_and_writes_nothing(client, resource, member, day):
    book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    client.force_login(member)
    response = client.post(
        f"/facilities/r/{resource.pk}/",
        {
            "start": f"{day}T11:00",
            "end": f"{day}T12:00",
            "mode": "direct_use",
            "organization": member.memberships.get().organization_id,
        },
    )
    assert response.status_code == 200
    assert "이미 예약된 시간입니다" in response.content.decode()
    assert Booking.objects.count() == 1
    response = client.post(
        f"/facilities/r/{resource.pk}/",
        {"start": "not a time", "end": "", "mode": "direct_use"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Booking.objects.count() == 1


def test_staff_approve_and_reject_from_the_queue(client, day):
    resource = ResourceFactory(requires_approval=True)
    staff = MembershipFactory(organization=resource.cluster.operator, role="cluster_staff").user
    company_member = MembershipFactory().user
    first = book_resource(
        user=company_member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    second = book_resource(
        user=company_member, resource=resource, start=seoul(day, "13:00"), end=seoul(day, "14:00")
    )
    client.force_login(staff)
    queue = client.get("/facilities/bookings/")
    assert list(queue.context["awaiting"]) == [first, second]
    client.post(f"/facilities/b/{first.pk}/approve/")
    refused = client.post(f"/facilities/b/{second.pk}/reject/", {"reason": ""})
    assert refused.status_code == 400
    client.post(f"/facilities/b/{second.pk}/reject/", {"reason": "장비 점검 일정과 겹칩니다"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.APPROVED, BookingStatus.REJECTED)
    assert second.decision_reason == "장비 점검 일정과 겹칩니다"
    # The company member cannot decide.
    client.force_login(company_member)
    third = book_resource(
        user=company_member, resource=resource, start=seoul(day, "15:00"), end=seoul(day, "16:00")
    )
    assert client.post(f"/facilities/b/{third.pk}/approve/").status_code == 403


def test_other_companies_do_not_see_a_booking(client, resource, member, day):
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    client.force_login(MembershipFactory().user)
    assert client.get(f"/facilities/b/{booking.pk}/").status_code == 404
    assert client.post(f"/facilities/b/{booking.pk}/cancel/").status_code == 404


def test_check_in_out_and_no_show(client, day):
    resource = ResourceFactory(min_notice_minutes=0)
    staff = MembershipFactory(organization=resource.cluster.operator, role="cluster_staff").user
    member = MembershipFactory().user
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    client.force_login(staff)
    early = client.post(f"/facilities/b/{booking.pk}/check-in/", follow=True)
    assert "30" in early.content.decode()
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start - timedelta(days=15), end=booking.end - timedelta(days=15)
    )
    response = client.post(f"/facilities/b/{booking.pk}/no-show/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


def test_staff_log_downtime_and_qualify(client, day):
    resource = ResourceFactory(requires_qualification=True)
    staff = MembershipFactory(organization=resource.cluster.operator, role="cluster_staff").user
    trainee = MembershipFactory().user
    client.force_login(staff)
    client.post(
        f"/facilities/r/{resource.pk}/downtime/",
        {
            "kind": "maintenance",
            "start": f"{day}T09:00",
            "end": f"{day}T12:00",
            "description": "정기 점검",
        },
    )
    assert Downtime.objects.get().description == "정기 점검"
    client.post(
        f"/facilities/r/{resource.pk}/qualify/",
        {"email": trainee.email.upper(), "trained_on": str(day)},
    )
    assert Qualification.objects.get().user == trainee
    client.force_login(trainee)
    assert client.post(f"/facilities/r/{resource.pk}/downtime/", {}).status_code == 403


def test_personal_calendar_feed_updates_in_place(client, resource, member, day):
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    client.force_login(member)
    feed = client.get("/facilities/bookings/").context["feed"]
    client.logout()
    url = f"/facilities/calendar/{feed.token}/bookings.ics"

    def events():
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]

    [before] = events()
    reschedule_booking(
        user=member, booking=booking, start=seoul(day, "14:00"), end=seoul(day, "15:00")
    )
    [after] = events()
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == seoul(day, "14:00")
    assert client.get("/facilities/calendar/wrong-token/bookings.ics").status_code == 404


def test_resource_feed_hides_other_companies_details(client, resource, member, day):
    book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    other = MembershipFactory().user
    client.force_login(other)
    token = client.get("/facilities/bookings/").context["feed"].token
    calendar = Calendar.from_ical(
        client.get(f"/facilities/calendar/{token}/r/{resource.pk}.ics").content
    )
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) in ("Booked", "예약됨")
    assert (
        member.memberships.get().organization.name_ko
        not in client.get(f"/facilities/calendar/{token}/r/{resource.pk}.ics").content.decode()
    )


def test_anonymous_visitors_see_the_catalog_but_must_log_in_to_book(client, resource):
    assert client.get(f"/facilities/r/{resource.pk}/").status_code == 200
    assert client.get("/facilities/bookings/").status_code == 302
    client.force_login(UserFactory())
    page = client.get(f"/facilities/r/{resource.pk}/")
    assert page.context["form"] is None


def test_a_taken_time_offers_the_waiting_list_and_the_offer_is_booked(client, resource, day):
    from ieum.facilities.booking import cancel_booking
    from ieum.facilities.models import WaitlistEntry
    from ieum.facilities.waitlist import offer_freed_time

    holder = MembershipFactory().user
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    waiter = MembershipFactory().user
    client.force_login(waiter)
    form = {
        "start": f"{day}T10:00",
        "end": f"{day}T11:00",
        "mode": "direct_use",
        "organization": waiter.memberships.get().organization_id,
    }
    page = client.post(f"/facilities/r/{resource.pk}/", form)
    assert 'id="join-waitlist"' in page.content.decode()
    client.post(f"/facilities/r/{resource.pk}/wait/", form)
    entry = WaitlistEntry.objects.get()
    assert entry.user == waiter and entry.status == "waiting"

    cancel_booking(user=holder, booking=held)
    offer_freed_time(resource=resource, start=held.start, end=held.end)
    page = client.get("/facilities/bookings/")
    assert f"/facilities/w/{entry.pk}/accept/" in page.content.decode()
    response = client.post(f"/facilities/w/{entry.pk}/accept/")
    booking = Booking.objects.get(organization=waiter.memberships.get().organization)
    assert response.url == booking.get_absolute_url()
    assert (booking.start, booking.end) == (seoul(day, "10:00"), seoul(day, "11:00"))

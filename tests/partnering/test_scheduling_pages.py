"""The organizer's schedule pages: who may use them, runs, publishing, moves and swaps."""

import pytest
from django.urls import reverse

from ieum.partnering.enums import EventStatus, MeetingStatus, RunStatus
from ieum.partnering.models import Meeting, ScheduleRun
from ieum.partnering.schedule_runs import execute_run
from tests.factories import EventFactory, MembershipFactory, UserFactory
from tests.partnering.factories_scheduling import (
    HallFactory,
    accepted_meeting,
    demand_company,
    organizer_of,
    place,
    startup,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    event = EventFactory(status=EventStatus.PUBLISHED)
    HallFactory(event=event, capacity=2, name_en="Hall A")
    return event


def fill(event, count: int, table: int) -> None:
    """`count` meetings: half scheduled at one table of the hall, half waiting."""
    hall = event.locations.get(registration__isnull=True)
    pharma = demand_company(event)
    slots = list(event.slots.order_by("start"))
    for n in range(count):
        meeting = accepted_meeting(startup(event), pharma if n % 2 else startup(event))
        if n % 2 == 0:
            place(meeting, slots[n // 2], hall, table)


def test_the_schedule_page_is_for_organizers_only(client, event):
    url = reverse("partnering:schedule", kwargs={"slug": event.slug})
    assert client.get(url).status_code == 302
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    client.force_login(organizer_of(event))
    response = client.get(url)
    assert response.status_code == 200
    assert b'id="schedule-board"' in response.content


def test_the_schedule_page_shows_the_board_figures_and_reasons(client, event):
    hall = event.locations.get()
    first = event.slots.order_by("start").first()
    alpha = startup(event, organization__name_en="Alpha Bio")
    place(accepted_meeting(alpha, startup(event)), first, hall, 2)
    accepted_meeting(startup(event), startup(event, organization__name_en="Beta Med"))
    client.force_login(organizer_of(event))

    page = client.get(reverse("partnering:schedule", kwargs={"slug": event.slug})).content.decode()

    assert "Alpha Bio" in page and "T2" in page
    assert "Beta Med" in page and "1 meeting not scheduled" in page
    assert 'data-figure="scheduled">1 / 2' in page


def test_the_schedule_page_query_count_does_not_grow(client, event, django_assert_max_num_queries):
    organizer = organizer_of(event)
    client.force_login(organizer)
    url = reverse("partnering:schedule", kwargs={"slug": event.slug})
    fill(event, 4, table=1)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    fill(event, 40, table=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_an_organizer_runs_reviews_and_publishes(client, event):
    pharma = demand_company(event)
    for _ in range(3):
        accepted_meeting(startup(event), pharma, weight=2)
    organizer = organizer_of(event)
    client.force_login(organizer)

    response = client.post(
        reverse("partnering:schedule_run_start", kwargs={"slug": event.slug}),
        {"keep_published": "on", "time_limit": "1"},
    )
    run = ScheduleRun.objects.get()
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert run.status == RunStatus.QUEUED and run.keep_published and run.time_limit == 1

    polling = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in polling and "<html" not in polling

    execute_run(run=run)
    done = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done and "Publish this schedule" in done and "3 / 3" in done

    response = client.post(reverse("partnering:schedule_run_apply", kwargs={"pk": run.pk}))
    assert response.status_code == 302
    assert Meeting.objects.filter(status=MeetingStatus.SCHEDULED).count() == 3
    run.refresh_from_db()
    assert run.status == RunStatus.APPLIED
    assert "Published" in client.get(run.get_absolute_url()).content.decode()


def test_a_second_run_while_one_works_is_refused_with_a_message(client, event):
    client.force_login(organizer_of(event))
    url = reverse("partnering:schedule_run_start", kwargs={"slug": event.slug})
    client.post(url, {"time_limit": "5"})
    response = client.post(url, {"time_limit": "5"}, follow=True)
    assert "already under way" in response.content.decode()
    assert ScheduleRun.objects.count() == 1
    assert not ScheduleRun.objects.get().keep_published


def test_others_cannot_see_or_touch_runs(client, event):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.DONE)
    client.force_login(MembershipFactory().user)
    assert client.get(run.get_absolute_url()).status_code == 403
    apply = reverse("partnering:schedule_run_apply", kwargs={"pk": run.pk})
    assert client.post(apply).status_code == 403
    discard = reverse("partnering:schedule_run_discard", kwargs={"pk": run.pk})
    client.force_login(organizer_of(event))
    client.post(discard)
    run.refresh_from_db()
    assert run.status == RunStatus.DISCARDED


def test_the_move_page_shows_clashes_and_a_refused_move_writes_nothing(client, event):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    alpha = startup(event, organization__name_en="Alpha Bio")
    meeting = place(accepted_meeting(alpha, startup(event)), slots[0], hall, 1)
    place(accepted_meeting(alpha, startup(event, organization__name_en="Gamma")), slots[1], hall, 1)
    client.force_login(organizer_of(event))
    url = reverse("partnering:meeting_move", kwargs={"pk": meeting.pk})

    page = client.get(url).content.decode()
    assert "Alpha Bio already meets Gamma at this time." in page

    refused = client.post(url, {"slot": slots[1].pk, "location": hall.pk})
    assert refused.status_code == 200
    assert "Alpha Bio already meets Gamma" in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.slot == slots[0]

    moved = client.post(url, {"slot": slots[2].pk, "location": hall.pk, "table_number": "2"})
    assert moved.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table_number, meeting.sequence) == (slots[2], 2, 1)


def test_only_organizers_move_meetings(client, event):
    hall = event.locations.get()
    company = startup(event)
    meeting = place(accepted_meeting(company, startup(event)), event.slots.first(), hall)
    url = reverse("partnering:meeting_move", kwargs={"pk": meeting.pk})
    client.force_login(MembershipFactory(organization=company.organization).user)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    swap = reverse("partnering:meeting_swap", kwargs={"pk": meeting.pk})
    assert client.get(swap).status_code == 404


def test_swap_and_unschedule_from_the_pages(client, event):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    first = place(accepted_meeting(startup(event), startup(event)), slots[0], hall, 1)
    second = place(accepted_meeting(startup(event), startup(event)), slots[3], hall, 2)
    client.force_login(organizer_of(event))
    url = reverse("partnering:meeting_swap", kwargs={"pk": first.pk})

    assert client.get(url).status_code == 200
    assert client.post(url, {"other": second.pk}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.slot, first.table_number, second.slot) == (slots[3], 2, slots[0])

    client.post(reverse("partnering:meeting_unschedule", kwargs={"pk": first.pk}))
    first.refresh_from_db()
    assert first.status == MeetingStatus.UNSCHEDULED

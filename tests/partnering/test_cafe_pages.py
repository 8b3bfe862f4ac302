"""Venture cafe pages: who sees and does what, and that each page runs the domain."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ieum.partnering.models import CafeAttendance, CafeSession, MentorSlot
from ieum.partnering.venture_cafe import book_mentor_slot, register_for_session
from tests.factories import UserFactory
from tests.partnering.factories_cafe import (
    CafeSessionFactory,
    MentoringSessionFactory,
    MentorSlotFactory,
    at,
    cafe_event,
    organizer_of,
    startup_member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _cafe_url(event, name="partnering:cafe"):
    return reverse(name, kwargs={"slug": event.slug})


def test_the_programme_is_public_with_places_and_free_slots(client):
    session = CafeSessionFactory(capacity=10, title_en="Seed IR")
    register_for_session(session=session, user=UserFactory())
    slot = MentorSlotFactory(
        session=MentoringSessionFactory(event=session.event), expertise="Licensing"
    )
    response = client.get(_cafe_url(session.event))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Seed IR" in page and "9 places left" in page
    assert "Licensing" in page and slot.start.strftime("%H:%M") not in ("",)
    assert "Log in" in page
    # Without signing in there is nothing to press.
    assert reverse("partnering:cafe_register", args=[session.pk]) not in page
    assert reverse("partnering:cafe_book_slot", args=[session.event.slug]) not in page


def test_a_draft_cafe_is_hidden_except_from_its_organizers(client):
    event = cafe_event(status="draft")
    assert client.get(_cafe_url(event)).status_code == 404
    client.force_login(organizer_of(event))
    assert client.get(_cafe_url(event)).status_code == 200


def test_actions_need_signing_in(client):
    slot = MentorSlotFactory()
    register = reverse("partnering:cafe_register", args=[slot.session.pk])
    response = client.post(register)
    assert response.status_code == 302 and "login" in response.url
    client.post(_cafe_url(slot.session.event, "partnering:cafe_book_slot"), {"slot": slot.pk})
    assert not CafeAttendance.objects.exists()
    assert MentorSlot.objects.get().booked_organization is None


def test_a_person_registers_and_cancels_from_the_page(client):
    session = CafeSessionFactory(capacity=1)
    person, startup = startup_member()
    client.force_login(person)
    register = reverse("partnering:cafe_register", args=[session.pk])
    response = client.post(register, {"organization": startup.pk})
    assert response.status_code == 302
    place = CafeAttendance.objects.get(user=person)
    assert place.organization == startup
    page = client.get(_cafe_url(session.event)).content.decode()
    assert "You are registered" in page
    # Somebody else may not cancel it.
    other = UserFactory()
    client.force_login(other)
    unregister = reverse("partnering:cafe_unregister", args=[place.pk])
    assert client.post(unregister).status_code == 404
    # A full session refuses with a message and writes nothing.
    response = client.post(register, follow=True)
    assert "This session is full." in response.content.decode()
    assert not CafeAttendance.objects.filter(user=other).exists()
    client.force_login(person)
    client.post(unregister)
    place.refresh_from_db()
    assert place.cancelled_at is not None


def test_a_startup_books_a_mentor_from_the_page_and_sees_it(client):
    slot = MentorSlotFactory()
    person, startup = startup_member()
    client.force_login(person)
    page = client.get(_cafe_url(slot.session.event)).content.decode()
    assert reverse("partnering:cafe_book_slot", args=[slot.session.event.slug]) in page
    response = client.post(
        _cafe_url(slot.session.event, "partnering:cafe_book_slot"),
        {"slot": slot.pk, "organization": startup.pk, "topic": "Series A"},
    )
    assert response.status_code == 302 and response.url == reverse("partnering:my_mentoring")
    slot.refresh_from_db()
    assert (slot.booked_organization, slot.topic) == (startup, "Series A")
    mine = client.get(reverse("partnering:my_mentoring")).content.decode()
    assert "Series A" in mine
    # Another startup is told it is taken.
    rival, rival_startup = startup_member()
    client.force_login(rival)
    response = client.post(
        _cafe_url(slot.session.event, "partnering:cafe_book_slot"),
        {"slot": slot.pk, "organization": rival_startup.pk},
        follow=True,
    )
    assert "This slot is already booked." in response.content.decode()
    slot.refresh_from_db()
    assert slot.booked_organization == startup


def test_the_mentor_sees_and_cancels_a_booking(client):
    slot = MentorSlotFactory()
    person, startup = startup_member()
    book_mentor_slot(slot=slot, by=person, organization=startup, topic="인허가")
    client.force_login(slot.mentor)
    page = client.get(reverse("partnering:my_mentoring")).content.decode()
    assert startup.name_en in page and "인허가" in page
    stranger = UserFactory()
    cancel = reverse("partnering:cafe_cancel_booking", args=[slot.pk])
    client.force_login(stranger)
    assert client.post(cancel).status_code == 404
    client.force_login(slot.mentor)
    assert client.post(cancel).status_code == 302
    slot.refresh_from_db()
    assert slot.booked_organization is None


@pytest.mark.parametrize(
    "name",
    [
        "partnering:cafe_session_create",
        "partnering:cafe_mentor_slots",
        "partnering:cafe_attendance",
    ],
)
def test_organizer_pages_refuse_everyone_else(client, name):
    event = cafe_event()
    url = _cafe_url(event, name)
    assert client.get(url).status_code == 302
    client.force_login(startup_member()[0])
    assert client.get(url).status_code == 403
    client.force_login(organizer_of(event))
    assert client.get(url).status_code == 200


def test_organizer_adds_and_edits_a_session(client):
    event = cafe_event()
    client.force_login(organizer_of(event))
    data = {
        "kind": "mentoring",
        "title_ko": "멘토링",
        "date": event.starts_on.isoformat(),
        "starts": "19:00",
        "ends": "21:00",
        "capacity": "20",
    }
    response = client.post(_cafe_url(event, "partnering:cafe_session_create"), data)
    assert response.status_code == 302
    session = CafeSession.objects.get()
    assert session.starts_at.astimezone(event.zone).hour == 19 and session.capacity == 20
    edit = reverse("partnering:cafe_session_edit", args=[session.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, data | {"ends": "18:00"})
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    session.refresh_from_db()
    assert session.ends_at.astimezone(event.zone).hour == 21
    client.force_login(startup_member()[0])
    assert client.post(edit, data | {"capacity": "1"}).status_code == 403


def test_organizer_publishes_slots_for_a_mentor_by_email(client):
    session = MentoringSessionFactory()
    mentor = UserFactory(email="mentor@example.kr")
    url = _cafe_url(session.event, "partnering:cafe_mentor_slots")
    client.force_login(organizer_of(session.event))
    data = {
        "mentor_email": "Mentor@Example.kr",
        "session": session.pk,
        "starts": "19:00",
        "ends": "20:00",
        "minutes": "20",
        "expertise": "FDA",
    }
    assert client.post(url, data).status_code == 302
    assert MentorSlot.objects.filter(mentor=mentor, expertise="FDA").count() == 3
    response = client.post(url, data | {"starts": "19:40", "ends": "20:20"})
    assert response.status_code == 400
    assert "already has a slot" in response.content.decode()
    response = client.post(url, data | {"mentor_email": "nobody@example.kr"})
    assert "Nobody has signed up" in response.content.decode()
    assert MentorSlot.objects.count() == 3


def test_the_door_list_marks_attendance_and_counts(client):
    session = CafeSessionFactory(capacity=5)
    places = [register_for_session(session=session, user=UserFactory()) for _ in range(2)]
    client.force_login(organizer_of(session.event))
    mark = reverse("partnering:cafe_mark_attended", args=[places[0].pk])
    response = client.post(mark, {"attended": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="place-' in response.content.decode()
    places[0].refresh_from_db()
    assert places[0].attended_at is not None
    page = client.get(_cafe_url(session.event, "partnering:cafe_attendance")).content.decode()
    assert "50%" in page
    client.force_login(places[1].user)
    other = reverse("partnering:cafe_mark_attended", args=[places[1].pk])
    assert client.post(other).status_code == 403
    places[1].refresh_from_db()
    assert places[1].attended_at is None


def _programme(sessions: int, mentors: int, event=None):
    event = event or cafe_event()
    for _ in range(sessions):
        CafeSessionFactory(event=event, capacity=30)
    mentoring = MentoringSessionFactory(event=event)
    for _ in range(mentors):
        mentor = UserFactory()
        for k in range(3):
            MentorSlotFactory(
                session=mentoring,
                mentor=mentor,
                start=mentoring.starts_at + timedelta(minutes=20 * k),
            )
    return event


def test_the_cafe_page_query_count_does_not_grow_with_the_programme(
    client, django_assert_max_num_queries
):
    person, _ = startup_member()
    client.force_login(person)
    small = _programme(1, 1)
    with django_assert_max_num_queries(12) as small_queries:
        assert client.get(_cafe_url(small)).status_code == 200
    large = _programme(8, 10)
    for session in large.cafe_sessions.all()[:3]:
        register_for_session(session=session, user=person)
    with django_assert_max_num_queries(len(small_queries)):
        assert client.get(_cafe_url(large)).status_code == 200


def test_the_attendance_page_query_count_does_not_grow_with_the_list(
    client, django_assert_max_num_queries
):
    session = CafeSessionFactory()
    organizer = organizer_of(session.event)
    client.force_login(organizer)
    register_for_session(session=session, user=UserFactory())
    url = _cafe_url(session.event, "partnering:cafe_attendance")
    with django_assert_max_num_queries(15) as few:
        assert client.get(url).status_code == 200
    for _ in range(20):
        register_for_session(session=session, user=UserFactory())
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_a_malformed_booking_is_refused_with_a_message(client):
    slot = MentorSlotFactory()
    person, startup = startup_member()
    client.force_login(person)
    url = _cafe_url(slot.session.event, "partnering:cafe_book_slot")
    for data in ({"slot": "x", "organization": startup.pk}, {"organization": startup.pk}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == _cafe_url(slot.session.event)
    # A slot of another cafe is not offered here.
    elsewhere = MentorSlotFactory()
    client.post(url, {"slot": elsewhere.pk, "organization": startup.pk})
    assert not MentorSlot.objects.filter(booked_organization__isnull=False).exists()


def test_mentoring_lists_do_not_grow_in_queries(client, django_assert_max_num_queries):
    event = _programme(0, 1)
    organizer = organizer_of(event)
    mentor = MentorSlot.objects.first().mentor
    person, startup = startup_member()
    book_mentor_slot(slot=MentorSlot.objects.first(), by=person, organization=startup)
    pages = [
        (organizer, _cafe_url(event, "partnering:cafe_mentor_slots")),
        (mentor, reverse("partnering:my_mentoring")),
        (person, reverse("partnering:my_mentoring")),
    ]
    counts = []
    for user, url in pages:
        client.force_login(user)
        with django_assert_max_num_queries(15) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    _programme(0, 12, event=event)
    later = MentoringSessionFactory(
        event=event, starts_at=at(event.ends_on, "19:00"), ends_at=at(event.ends_on, "21:00")
    )
    for k in range(6):
        slot = MentorSlotFactory(
            session=later, mentor=mentor, start=later.starts_at + timedelta(minutes=20 * k)
        )
        colleague, _ = startup_member(startup)
        book_mentor_slot(slot=slot, by=colleague, organization=startup)
    for (user, url), count in zip(pages, counts, strict=True):
        client.force_login(user)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200

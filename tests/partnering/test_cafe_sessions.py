"""Venture cafe sessions: adding them, places, registration and the door list."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ieum.partnering.cafe_programme import session_figures
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import CafeAttendance, CafeSession
from ieum.partnering.venture_cafe import (
    add_cafe_session,
    cancel_session_registration,
    mark_attended,
    register_for_session,
    update_cafe_session,
)
from tests.factories import EventFactory, MembershipFactory, UserFactory
from tests.partnering.factories_cafe import (
    CafeSessionFactory,
    MentorSlotFactory,
    at,
    cafe_event,
    organizer_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _add(event, **fields):
    values = {
        "event": event,
        "by": organizer_of(event),
        "kind": "ir",
        "title_ko": "IR 피칭",
        "starts_at": at(event.starts_on, "19:00"),
        "ends_at": at(event.starts_on, "20:00"),
    }
    return add_cafe_session(**(values | fields))


def test_organizer_adds_a_session_on_the_evening():
    event = cafe_event()
    session = _add(event, capacity=30, room="3층 라운지", title_en="IR pitches")
    assert session.pk and session.capacity == 30 and session.event == event


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_at_hours": -2}, "The end must be after the start."),
        ({"days": 5}, "The session must take place on the days of the event."),
        ({"kind": "party"}, "Unknown kind of session."),
        ({"title_ko": "  "}, "Give the session a Korean title."),
    ],
)
def test_bad_sessions_are_refused_and_nothing_is_written(change, message):
    event = cafe_event()
    fields = {}
    if "ends_at_hours" in change:
        fields["ends_at"] = at(event.starts_on, "19:00") + timedelta(hours=change["ends_at_hours"])
    if "days" in change:
        fields["starts_at"] = at(event.starts_on, "19:00") + timedelta(days=change["days"])
        fields["ends_at"] = fields["starts_at"] + timedelta(hours=1)
    for name in ("kind", "title_ko"):
        if name in change:
            fields[name] = change[name]
    with pytest.raises(ValidationError) as caught:
        _add(event, **fields)
    assert message in caught.value.messages
    assert not CafeSession.objects.exists()


def test_sessions_belong_to_venture_cafes_only():
    partnering = EventFactory(days=[])
    with pytest.raises(ValidationError, match="only be added to a venture cafe"):
        _add(partnering)
    assert not CafeSession.objects.exists()


def test_the_days_of_the_event_are_read_in_its_own_time_zone():
    event = cafe_event(time_zone="America/New_York")
    # 08:00 in Seoul on the first day is still the evening before in New York.
    with pytest.raises(ValidationError, match="days of the event"):
        _add(
            event,
            starts_at=at(event.starts_on, "08:00"),
            ends_at=at(event.starts_on, "09:00"),
        )
    session = _add(
        event,
        starts_at=at(event.starts_on, "19:00", event.zone),
        ends_at=at(event.starts_on, "21:00", event.zone),
    )
    assert session.starts_at.astimezone(event.zone).hour == 19


def test_places_never_drop_below_those_taken():
    session = CafeSessionFactory(capacity=5)
    for _ in range(3):
        register_for_session(session=session, user=UserFactory())
    with pytest.raises(ValidationError, match="3 people are registered"):
        update_cafe_session(session=session, by=organizer_of(session.event), capacity=2)
    session.refresh_from_db()
    assert session.capacity == 5
    update_cafe_session(session=session, by=organizer_of(session.event), capacity=3)
    session.refresh_from_db()
    assert session.capacity == 3


def test_a_session_keeps_its_mentors_slots_inside_its_time():
    slot = MentorSlotFactory()
    session = slot.session
    with pytest.raises(ValidationError, match="withdraw them first"):
        update_cafe_session(
            session=session,
            by=organizer_of(session.event),
            starts_at=session.starts_at + timedelta(minutes=30),
        )
    with pytest.raises(ValidationError, match="before changing the kind"):
        update_cafe_session(session=session, by=organizer_of(session.event), kind="networking")
    session.refresh_from_db()
    assert session.kind == "mentoring" and session.starts_at == slot.start


def test_register_until_full_then_refused_with_nothing_written():
    session = CafeSessionFactory(capacity=2)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    register_for_session(session=session, user=first)
    register_for_session(session=session, user=second)
    with pytest.raises(SchedulingConflict, match="This session is full"):
        register_for_session(session=session, user=third)
    assert not CafeAttendance.objects.filter(user=third).exists()


def test_registering_twice_is_refused():
    session = CafeSessionFactory()
    person = UserFactory()
    register_for_session(session=session, user=person)
    with pytest.raises(IllegalStep, match="already registered"):
        register_for_session(session=session, user=person)
    assert CafeAttendance.objects.filter(user=person).count() == 1


def test_cancelling_frees_the_place_and_registering_again_reactivates_the_row():
    session = CafeSessionFactory(capacity=1)
    person, other = UserFactory(), UserFactory()
    place = register_for_session(session=session, user=person)
    cancel_session_registration(attendance=place, by=person)
    taken = register_for_session(session=session, user=other)
    cancel_session_registration(attendance=taken, by=other)
    again = register_for_session(session=session, user=person)
    assert again.pk == place.pk and again.cancelled_at is None
    assert CafeAttendance.objects.filter(session=session).count() == 2


def test_registering_for_someone_elses_organization_is_refused():
    session = CafeSessionFactory()
    stranger_company = MembershipFactory().organization
    person = UserFactory()
    with pytest.raises(ValidationError, match="do not belong"):
        register_for_session(session=session, user=person, organization=stranger_company)
    assert not CafeAttendance.objects.exists()


def test_no_registration_for_a_draft_cafe_or_a_session_that_is_over():
    draft = CafeSessionFactory(event=cafe_event(status="draft"))
    with pytest.raises(IllegalStep, match="not open"):
        register_for_session(session=draft, user=UserFactory())
    event = cafe_event(starts_on=timezone.localdate() - timedelta(days=3))
    over = CafeSessionFactory(event=event)
    with pytest.raises(IllegalStep, match="over"):
        register_for_session(session=over, user=UserFactory())
    assert not CafeAttendance.objects.exists()


def test_only_the_person_or_an_organizer_cancels_a_place():
    session = CafeSessionFactory()
    person = UserFactory()
    place = register_for_session(session=session, user=person)
    with pytest.raises(PermissionDenied):
        cancel_session_registration(attendance=place, by=UserFactory())
    cancel_session_registration(attendance=place, by=organizer_of(session.event))
    place.refresh_from_db()
    assert place.cancelled_at is not None
    with pytest.raises(IllegalStep, match="cancelled already"):
        cancel_session_registration(attendance=place, by=person)


def test_organizers_keep_the_door_list_and_the_figures_follow():
    session = CafeSessionFactory(capacity=10)
    places = [register_for_session(session=session, user=UserFactory()) for _ in range(4)]
    organizer = organizer_of(session.event)
    with pytest.raises(PermissionDenied):
        mark_attended(attendance=places[0], by=places[1].user)
    mark_attended(attendance=places[0], by=organizer)
    mark_attended(attendance=places[1], by=organizer)
    mark_attended(attendance=places[2], by=organizer)
    mark_attended(attendance=places[2], by=organizer, attended=False)
    cancel_session_registration(attendance=places[3], by=places[3].user)
    with pytest.raises(IllegalStep):
        mark_attended(attendance=places[3], by=organizer)
    (figures,) = session_figures(event=session.event)
    assert (figures.registered, figures.attended) == (3, 2)
    assert figures.rate == pytest.approx(2 / 3)
    assert figures.places_left == 7

"""Mentoring office hours: mentors' slots are published whole, booked once, and freed by
the people concerned; every refusal writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.partnering import job_names
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import MentorSlot
from ieum.partnering.venture_cafe import (
    book_mentor_slot,
    cancel_mentor_booking,
    publish_mentor_slots,
    withdraw_mentor_slot,
)
from tests.factories import UserFactory
from tests.partnering.factories_cafe import (
    CafeSessionFactory,
    MentoringSessionFactory,
    MentorSlotFactory,
    cafe_event,
    member_of_kind,
    organizer_of,
    startup_member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _publish(session, mentor, start_minutes=0, length_minutes=60, **options):
    start = session.starts_at + timedelta(minutes=start_minutes)
    return publish_mentor_slots(
        session=session,
        mentor=mentor,
        start=start,
        end=start + timedelta(minutes=length_minutes),
        by=organizer_of(session.event),
        **options,
    )


def _booked(slot) -> tuple:
    slot.refresh_from_db()
    return slot.booked_organization_id, slot.booked_by_id, slot.topic


def _jobs(event: str) -> list[int]:
    return [
        job.args["slot_id"]
        for job in ProcrastinateJob.objects.filter(task_name=job_names.MENTOR_SLOT_EMAIL)
        if job.args["event"] == event
    ]


def test_publishing_cuts_whole_slots_and_drops_the_rest():
    session = MentoringSessionFactory()
    slots = _publish(session, UserFactory(), length_minutes=70, expertise="인허가")
    assert [(s.end - s.start).seconds // 60 for s in slots] == [20, 20, 20]
    assert MentorSlot.objects.filter(session=session, expertise="인허가").count() == 3
    assert _publish(session, UserFactory(), minutes=30)[1].start == session.starts_at + timedelta(
        minutes=30
    )


def test_a_mentors_overlapping_slots_are_refused_whole():
    session = MentoringSessionFactory()
    mentor = UserFactory()
    _publish(session, mentor, length_minutes=40)
    with pytest.raises(SchedulingConflict, match="already has a slot"):
        _publish(session, mentor, start_minutes=20, length_minutes=60)
    assert MentorSlot.objects.filter(mentor=mentor).count() == 2
    # Another session of the same evening at the same time is the same mentor still.
    other = MentoringSessionFactory(event=session.event)
    with pytest.raises(SchedulingConflict):
        _publish(other, mentor, length_minutes=20)
    assert MentorSlot.objects.filter(mentor=mentor).count() == 2


@pytest.mark.parametrize(
    ("kind", "start_minutes", "length_minutes", "minutes", "message"),
    [
        ("ir", 0, 60, 20, "Mentor slots belong to mentoring sessions."),
        ("mentoring", 100, 60, 20, "Slots must lie within the session"),
        ("mentoring", 0, 15, 20, "shorter than one 20-minute slot"),
        ("mentoring", 0, 60, 3, "between 5 and 120 minutes"),
        ("mentoring", 0, -20, 20, "The end must be after the start."),
    ],
)
def test_bad_publications_write_nothing(kind, start_minutes, length_minutes, minutes, message):
    session = CafeSessionFactory(kind=kind)
    with pytest.raises(ValidationError) as caught:
        _publish(session, UserFactory(), start_minutes, length_minutes, minutes=minutes)
    assert any(message in text for text in caught.value.messages)
    assert not MentorSlot.objects.exists()


def test_a_startup_books_a_free_slot_and_the_mentor_is_told(django_capture_on_commit_callbacks):
    slot = MentorSlotFactory()
    person, startup = startup_member()
    with django_capture_on_commit_callbacks(execute=True):
        book_mentor_slot(slot=slot, by=person, organization=startup, topic="해외 인허가 전략")
    assert _booked(slot) == (startup.pk, person.pk, "해외 인허가 전략")
    assert _jobs("booked") == [slot.pk]


def test_a_taken_slot_is_refused_and_stays_with_the_first():
    slot = MentorSlotFactory()
    first, first_startup = startup_member()
    second, second_startup = startup_member()
    book_mentor_slot(slot=slot, by=first, organization=first_startup)
    with pytest.raises(SchedulingConflict, match="already booked"):
        book_mentor_slot(slot=slot, by=second, organization=second_startup, topic="x")
    assert _booked(slot) == (first_startup.pk, first.pk, "")


def test_one_startup_never_holds_two_overlapping_slots():
    first = MentorSlotFactory()
    second = MentorSlotFactory(session=first.session, start=first.start + timedelta(minutes=10))
    person, startup = startup_member()
    colleague, _ = startup_member(startup)
    book_mentor_slot(slot=first, by=person, organization=startup)
    with pytest.raises(SchedulingConflict, match="already has a mentoring slot"):
        book_mentor_slot(slot=second, by=colleague, organization=startup)
    assert _booked(second) == (None, None, "")
    # Back to back is fine.
    third = MentorSlotFactory(session=first.session, start=first.end)
    book_mentor_slot(slot=third, by=colleague, organization=startup)
    assert _booked(third)[0] == startup.pk


def test_a_slot_that_has_started_cannot_be_booked():
    event = cafe_event(starts_on=timezone.localdate())
    slot = MentorSlotFactory(
        session=MentoringSessionFactory(event=event),
        start=timezone.now() - timedelta(minutes=5),
    )
    person, startup = startup_member()
    with pytest.raises(IllegalStep, match="already started"):
        book_mentor_slot(slot=slot, by=person, organization=startup)
    assert _booked(slot) == (None, None, "")


def test_only_members_book_and_only_for_a_startup():
    slot = MentorSlotFactory()
    _, startup = startup_member()
    outsider = UserFactory()
    with pytest.raises(ValidationError, match="do not belong"):
        book_mentor_slot(slot=slot, by=outsider, organization=startup)
    investor = member_of_kind()
    investor_firm = investor.memberships.get().organization
    with pytest.raises(ValidationError, match="booked by startups"):
        book_mentor_slot(slot=slot, by=investor, organization=investor_firm)
    mentor_startup = startup_member()[1]
    MentorSlot.objects.filter(pk=slot.pk).update(mentor=mentor_startup.memberships.get().user)
    with pytest.raises(ValidationError, match="your own slot"):
        book_mentor_slot(
            slot=slot, by=mentor_startup.memberships.get().user, organization=mentor_startup
        )
    assert _booked(slot) == (None, None, "")


def _booked_slot(**slot_fields):
    slot = MentorSlotFactory(**slot_fields)
    person, startup = startup_member()
    book_mentor_slot(slot=slot, by=person, organization=startup)
    return slot, person


def test_the_startup_the_mentor_and_organizers_cancel_others_do_not(
    django_capture_on_commit_callbacks,
):
    slot, person = _booked_slot()
    with pytest.raises(PermissionDenied):
        cancel_mentor_booking(slot=slot, by=UserFactory())
    assert _booked(slot)[0] is not None
    with django_capture_on_commit_callbacks(execute=True):
        cancel_mentor_booking(slot=slot, by=person)
    assert _booked(slot) == (None, None, "")
    assert _jobs("cancelled") == [slot.pk]
    for by in (lambda s: s.mentor, lambda s: organizer_of(s.session.event)):
        slot, _ = _booked_slot()
        cancel_mentor_booking(slot=slot, by=by(slot))
        assert _booked(slot) == (None, None, "")


def test_late_cancellations_are_for_organizers_only():
    event = cafe_event(starts_on=timezone.localdate())
    soon = timezone.now() + timedelta(minutes=90)
    slot, person = _booked_slot(session=MentoringSessionFactory(event=event), start=soon)
    with pytest.raises(IllegalStep, match="up to 2 hours before"):
        cancel_mentor_booking(slot=slot, by=person)
    with pytest.raises(IllegalStep):
        cancel_mentor_booking(slot=slot, by=slot.mentor)
    assert _booked(slot)[0] is not None
    cancel_mentor_booking(slot=slot, by=organizer_of(event))
    assert _booked(slot)[0] is None


def test_withdrawing_a_slot():
    slot, _ = _booked_slot()
    with pytest.raises(IllegalStep, match="cancel the booking first"):
        withdraw_mentor_slot(slot=slot, by=slot.mentor)
    free = MentorSlotFactory()
    with pytest.raises(PermissionDenied):
        withdraw_mentor_slot(slot=free, by=UserFactory())
    withdraw_mentor_slot(slot=free, by=free.mentor)
    other = MentorSlotFactory()
    withdraw_mentor_slot(slot=other, by=organizer_of(other.session.event))
    assert list(MentorSlot.objects.all()) == [slot]

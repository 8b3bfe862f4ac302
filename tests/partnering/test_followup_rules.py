"""Feedback and outcomes: who may give them, when, with what; refusals write nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ieum.partnering.errors import IllegalStep
from ieum.partnering.followup import (
    delete_outcome,
    give_feedback,
    outcomes_for,
    record_outcome,
    update_outcome,
)
from ieum.partnering.models import FollowUpOutcome, MeetingFeedback
from tests.partnering.factories_followup import (
    accepted_meeting,
    current_slot,
    demand,
    future_slot,
    member_of,
    past_event,
    scheduled_meeting,
    startup,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    return past_event()


@pytest.fixture
def parties(event):
    return startup(event, "마바바이오"), demand(event, "가나제약")


@pytest.fixture
def meeting(parties):
    return scheduled_meeting(*parties, requester_in=True, recipient_in=True)


def messages_of(error: ValidationError) -> dict:
    return error.value.message_dict


def test_each_side_gives_feedback_once_and_may_change_it(meeting, parties):
    startup_side, demand_side = parties
    person = member_of(startup_side)
    first = give_feedback(
        meeting=meeting, registration=startup_side, by=person, rating=4, comment=" 좋은 미팅 "
    )
    assert (first.rating, first.comment, first.wants_follow_up) == (4, "좋은 미팅", False)
    again = give_feedback(
        meeting=meeting, registration=startup_side, by=person, rating=5, wants_follow_up=True
    )
    assert again.pk == first.pk
    give_feedback(meeting=meeting, registration=demand_side, by=member_of(demand_side), rating=2)
    rows = MeetingFeedback.objects.filter(meeting=meeting).order_by("rating")
    assert [(row.registration, row.rating, row.wants_follow_up) for row in rows] == [
        (demand_side, 2, False),
        (startup_side, 5, True),
    ]


def test_feedback_from_the_time_the_slot_starts(event, parties):
    started = scheduled_meeting(*parties, slot=current_slot(event))
    give_feedback(meeting=started, registration=parties[0], by=None, rating=3)
    assert MeetingFeedback.objects.filter(meeting=started).count() == 1


@pytest.mark.parametrize("rating", [0, 6, -1, "5", 4.5, True, None])
def test_ratings_outside_one_to_five_are_refused(meeting, parties, rating):
    with pytest.raises(ValidationError) as error:
        give_feedback(meeting=meeting, registration=parties[0], by=None, rating=rating)
    assert messages_of(error) == {"rating": ["Rate the meeting from 1 to 5."]}
    assert not MeetingFeedback.objects.exists()


def test_a_refused_change_keeps_the_earlier_feedback(meeting, parties):
    give_feedback(meeting=meeting, registration=parties[0], by=None, rating=4, comment="ok")
    with pytest.raises(ValidationError) as error:
        give_feedback(
            meeting=meeting, registration=parties[0], by=None, rating=5, comment="x" * 4001
        )
    assert "comment" in messages_of(error)
    feedback = MeetingFeedback.objects.get()
    assert (feedback.rating, feedback.comment) == (4, "ok")


def test_only_the_two_parties_give_feedback(event, meeting):
    outsider = startup(event)
    with pytest.raises(ValidationError) as error:
        give_feedback(meeting=meeting, registration=outsider, by=None, rating=5)
    assert error.value.messages == ["Only the two parties of a meeting give feedback on it."]
    assert not MeetingFeedback.objects.exists()


def test_no_feedback_before_the_meeting_or_on_unscheduled_meetings(event, parties):
    ahead = scheduled_meeting(*parties, slot=future_slot(event))
    with pytest.raises(IllegalStep) as error:
        give_feedback(meeting=ahead, registration=parties[0], by=None, rating=5)
    assert error.value.messages == ["This meeting has not started yet."]
    unscheduled = accepted_meeting(startup(event), parties[1])
    with pytest.raises(IllegalStep):
        give_feedback(
            meeting=unscheduled, registration=unscheduled.request.requester, by=None, rating=5
        )
    assert not MeetingFeedback.objects.exists()


def meeting_day(meeting):
    return meeting.slot.start.astimezone(meeting.event.zone).date()


def test_record_outcomes_with_and_without_amounts(meeting, parties):
    person = member_of(parties[0])
    day = meeting_day(meeting)
    nda = record_outcome(meeting=meeting, by=person, kind="nda", agreed_on=day)
    licence = record_outcome(
        meeting=meeting,
        by=person,
        kind="licensing",
        agreed_on=timezone.localdate(),
        amount_krw=50_000_000,
        note=" 선급금 ",
    )
    free_poc = record_outcome(meeting=meeting, by=person, kind="poc", agreed_on=day, amount_krw=0)
    assert (nda.amount_krw, licence.amount_krw, free_poc.amount_krw) == (None, 50_000_000, 0)
    assert licence.note == "선급금"
    assert licence.recorded_by == person
    assert FollowUpOutcome.objects.filter(meeting=meeting).count() == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "merger"}, "kind", "Choose what came of the meeting."),
        (
            {"kind": "investment", "amount_krw": None},
            "amount_krw",
            "Give the amount of a licence, an investment or a supply contract.",
        ),
        ({"kind": "supply", "amount_krw": None}, "amount_krw", None),
        ({"amount_krw": -1}, "amount_krw", "The amount cannot be negative."),
        ({"amount_krw": 10**15}, "amount_krw", "The amount is too large."),
        ({"amount_krw": "100"}, "amount_krw", "Give the amount in whole won."),
        ({"agreed_on": "2025-01-01"}, "agreed_on", "Give the date it was agreed."),
        ({"agreed_on": "future"}, "agreed_on", "The date cannot be in the future."),
        ({"agreed_on": "before"}, "agreed_on", None),
        ({"note": "x" * 4001}, "note", None),
    ],
)
def test_bad_outcomes_are_refused_and_write_nothing(meeting, changes, field, message):
    day = meeting_day(meeting)
    dates = {"future": timezone.localdate() + timedelta(days=2), "before": day - timedelta(days=1)}
    arguments = {"kind": "licensing", "agreed_on": day, "amount_krw": 1_000_000, "note": ""}
    arguments.update(changes)
    arguments["agreed_on"] = dates.get(arguments["agreed_on"], arguments["agreed_on"])
    with pytest.raises(ValidationError) as error:
        record_outcome(meeting=meeting, by=None, **arguments)
    assert list(messages_of(error)) == [field]
    if message:
        assert messages_of(error)[field] == [message]
    assert not FollowUpOutcome.objects.exists()


def test_the_date_before_the_meeting_names_the_meeting_day(meeting):
    day = meeting_day(meeting)
    with pytest.raises(ValidationError) as error:
        record_outcome(meeting=meeting, by=None, kind="nda", agreed_on=day - timedelta(days=1))
    assert messages_of(error)["agreed_on"] == [
        f"The date cannot be before the meeting ({day.isoformat()})."
    ]


def test_no_outcomes_for_meetings_that_have_not_happened(event, parties):
    ahead = scheduled_meeting(*parties, slot=future_slot(event))
    with pytest.raises(IllegalStep):
        record_outcome(meeting=ahead, by=None, kind="nda", agreed_on=timezone.localdate())
    unscheduled = accepted_meeting(startup(event), parties[1])
    with pytest.raises(IllegalStep):
        record_outcome(meeting=unscheduled, by=None, kind="nda", agreed_on=timezone.localdate())
    assert not FollowUpOutcome.objects.exists()


def test_update_and_delete_outcomes(meeting):
    day = meeting_day(meeting)
    outcome = record_outcome(meeting=meeting, by=None, kind="nda", agreed_on=day)
    update_outcome(
        outcome=outcome, by=None, kind="investment", agreed_on=day, amount_krw=300_000_000
    )
    outcome.refresh_from_db()
    assert (outcome.kind, outcome.amount_krw) == ("investment", 300_000_000)
    with pytest.raises(ValidationError):
        update_outcome(outcome=outcome, by=None, kind="supply", agreed_on=day, amount_krw=None)
    outcome.refresh_from_db()
    assert (outcome.kind, outcome.amount_krw) == ("investment", 300_000_000)
    delete_outcome(outcome=outcome, by=None)
    assert not FollowUpOutcome.objects.exists()
    with pytest.raises(IllegalStep):
        delete_outcome(outcome=outcome, by=None)


def test_outcomes_for_an_event_an_organization_and_a_year(meeting, parties):
    other_event = past_event()
    elsewhere = scheduled_meeting(startup(other_event), demand(other_event))
    day = meeting_day(meeting)
    here = record_outcome(meeting=meeting, by=None, kind="nda", agreed_on=day)
    there = record_outcome(meeting=elsewhere, by=None, kind="poc", agreed_on=day)
    assert list(outcomes_for(event=meeting.event)) == [here]
    assert list(outcomes_for(organization=parties[1].organization)) == [here]
    assert list(outcomes_for(organization=elsewhere.request.requester.organization)) == [there]
    assert set(outcomes_for(year=day.year)) == {here, there}
    assert not outcomes_for(year=day.year - 1).exists()
    assert list(outcomes_for(event=meeting.event, year=day.year)) == [here]


def test_outcomes_for_loads_the_parties_in_one_query(meeting, django_assert_num_queries):
    for kind in ("nda", "poc", "joint_rd"):
        record_outcome(meeting=meeting, by=None, kind=kind, agreed_on=meeting_day(meeting))
    with django_assert_num_queries(1):
        names = [
            (row.meeting.event.name, row.meeting.request.requester.organization.name)
            for row in outcomes_for(event=meeting.event)
        ]
    assert len(names) == 3

"""The follow-up pages: who sees and does what, refusals that write nothing, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.models import FollowUpOutcome, MeetingFeedback
from tests.partnering.factories_followup import (
    demand,
    future_slot,
    member_of,
    organizer_of,
    past_event,
    platform_admin,
    scheduled_meeting,
    startup,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    return past_event()


@pytest.fixture
def meeting(event):
    return scheduled_meeting(startup(event, "마바바이오"), demand(event, "가나제약"))


@pytest.fixture
def party(meeting):
    return member_of(meeting.request.requester)


@pytest.fixture
def other_company(event, meeting):
    # Registered at the same event, with meetings of its own, but not in this one.
    other = startup(event)
    scheduled_meeting(other, meeting.request.recipient, slot=event.slots.order_by("start")[1])
    return member_of(other)


def followup_url(meeting):
    return f"/partnering/meetings/{meeting.pk}/follow-up/"


def licence(meeting, **changes):
    data = {"kind": "licensing", "agreed_on": meeting.event.ends_on.isoformat()}
    data.update({"amount_krw": "50000000", "note": "선급금"} | changes)
    return data


def test_a_party_sees_its_side_and_gives_feedback(client, meeting, party):
    client.force_login(party)
    page = client.get(followup_url(meeting))
    assert page.status_code == 200
    assert page.context["side"] == meeting.request.requester
    assert 'id="feedback-form"' in page.content.decode()
    response = client.post(
        f"/partnering/meetings/{meeting.pk}/feedback/",
        {"rating": "4", "comment": "좋았습니다", "wants_follow_up": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == followup_url(meeting)
    feedback = MeetingFeedback.objects.get()
    assert (feedback.registration, feedback.rating, feedback.wants_follow_up) == (
        meeting.request.requester,
        4,
        True,
    )
    assert feedback.author == party
    # Giving it again changes the one row; the form shows what was given.
    client.post(f"/partnering/meetings/{meeting.pk}/feedback/", {"rating": "2"})
    assert MeetingFeedback.objects.get().rating == 2
    assert client.get(followup_url(meeting)).context["feedback_form"].initial["rating"] == 2


def test_a_bad_rating_or_an_early_feedback_writes_nothing(client, event, meeting, party):
    client.force_login(party)
    response = client.post(f"/partnering/meetings/{meeting.pk}/feedback/", {"rating": "9"})
    assert response.status_code == 400
    assert response.context["feedback_form"].errors["rating"]
    ahead = scheduled_meeting(meeting.request.requester, demand(event), slot=future_slot(event))
    page = client.get(followup_url(ahead))
    assert "once the meeting has started" in page.content.decode()
    response = client.post(f"/partnering/meetings/{ahead.pk}/feedback/", {"rating": "5"})
    assert response.status_code == 400
    assert response.context["feedback_form"].non_field_errors() == [
        "This meeting has not started yet."
    ]
    assert not MeetingFeedback.objects.exists()


def test_the_other_party_does_not_see_ones_feedback_but_organizers_do(client, meeting, party):
    MeetingFeedback.objects.create(
        meeting=meeting, registration=meeting.request.requester, rating=1, comment="비밀 의견"
    )
    client.force_login(member_of(meeting.request.recipient))
    assert "비밀 의견" not in client.get(followup_url(meeting)).content.decode()
    client.force_login(organizer_of(meeting.event))
    page = client.get(followup_url(meeting))
    assert page.status_code == 200
    assert "비밀 의견" in page.content.decode()
    assert 'id="feedback-form"' not in page.content.decode()


def test_organizers_and_admins_see_but_do_not_give_feedback(client, meeting):
    for person in (organizer_of(meeting.event), platform_admin()):
        client.force_login(person)
        assert client.get(followup_url(meeting)).status_code == 200
        response = client.post(f"/partnering/meetings/{meeting.pk}/feedback/", {"rating": "5"})
        assert response.status_code == 403
    assert not MeetingFeedback.objects.exists()


def test_other_companies_and_anonymous_people_are_kept_out(client, meeting, other_company):
    outcome = FollowUpOutcome.objects.create(
        meeting=meeting, kind="nda", agreed_on=meeting.event.ends_on
    )
    urls_get = [followup_url(meeting), f"/partnering/outcomes/{outcome.pk}/edit/"]
    urls_post = [
        (f"/partnering/meetings/{meeting.pk}/feedback/", {"rating": "5"}),
        (f"/partnering/meetings/{meeting.pk}/outcomes/", licence(meeting)),
        (f"/partnering/outcomes/{outcome.pk}/edit/", licence(meeting)),
        (f"/partnering/outcomes/{outcome.pk}/delete/", {}),
    ]
    client.force_login(other_company)
    for url in urls_get:
        assert client.get(url).status_code == 403, url
    for url, data in urls_post:
        assert client.post(url, data).status_code == 403, url
    client.logout()
    for url in urls_get:
        assert client.get(url)["Location"].startswith("/accounts/login/"), url
    for url, data in urls_post:
        assert client.post(url, data)["Location"].startswith("/accounts/login/"), url
    assert not MeetingFeedback.objects.exists()
    assert list(FollowUpOutcome.objects.values_list("kind", flat=True)) == ["nda"]
    client.force_login(other_company)
    assert client.get("/partnering/meetings/999999/follow-up/").status_code == 404


@pytest.mark.parametrize("who", ["party", "other side", "organizer", "admin"])
def test_parties_and_organizers_record_edit_and_remove_outcomes(client, meeting, who):
    person = {
        "party": lambda: member_of(meeting.request.requester),
        "other side": lambda: member_of(meeting.request.recipient),
        "organizer": lambda: organizer_of(meeting.event),
        "admin": platform_admin,
    }[who]()
    client.force_login(person)
    response = client.post(f"/partnering/meetings/{meeting.pk}/outcomes/", licence(meeting))
    assert response.status_code == 302
    outcome = FollowUpOutcome.objects.get()
    assert (outcome.kind, outcome.amount_krw, outcome.recorded_by) == (
        "licensing",
        50_000_000,
        person,
    )
    assert client.get(f"/partnering/outcomes/{outcome.pk}/edit/").status_code == 200
    response = client.post(
        f"/partnering/outcomes/{outcome.pk}/edit/", licence(meeting, amount_krw="70000000")
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.amount_krw == 70_000_000
    assert client.post(f"/partnering/outcomes/{outcome.pk}/delete/").status_code == 302
    assert not FollowUpOutcome.objects.exists()


def test_refused_outcomes_show_why_and_write_nothing(client, meeting, party):
    client.force_login(party)
    url = f"/partnering/meetings/{meeting.pk}/outcomes/"
    response = client.post(url, licence(meeting, amount_krw=""))
    assert response.status_code == 400
    assert response.context["outcome_form"].errors["amount_krw"] == [
        "Give the amount of a licence, an investment or a supply contract."
    ]
    early = meeting.event.starts_on.replace(year=meeting.event.starts_on.year - 1)
    response = client.post(url, licence(meeting, agreed_on=early.isoformat()))
    assert response.status_code == 400
    assert response.context["outcome_form"].errors["agreed_on"]
    assert client.post(url, licence(meeting, amount_krw="-5")).status_code == 400
    assert not FollowUpOutcome.objects.exists()
    outcome = FollowUpOutcome.objects.create(
        meeting=meeting, kind="nda", agreed_on=meeting.event.ends_on
    )
    response = client.post(
        f"/partnering/outcomes/{outcome.pk}/edit/", licence(meeting, kind="supply", amount_krw="")
    )
    assert response.status_code == 400
    outcome.refresh_from_db()
    assert outcome.kind == "nda"


def my_followups(client, **params):
    return client.get("/partnering/my/follow-ups/", params)


def test_my_followups_lists_past_meetings_awaiting_our_feedback(client, event, meeting, party):
    mine_later = scheduled_meeting(
        meeting.request.requester, demand(event), slot=event.slots.order_by("start")[3]
    )
    scheduled_meeting(meeting.request.requester, demand(event), slot=future_slot(event))
    scheduled_meeting(startup(event), demand(event))  # not ours
    client.force_login(party)
    page = my_followups(client)
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [mine_later, meeting]
    # The other side's feedback does not count as ours.
    MeetingFeedback.objects.create(
        meeting=meeting, registration=meeting.request.recipient, rating=3
    )
    MeetingFeedback.objects.create(
        meeting=mine_later, registration=meeting.request.requester, rating=3
    )
    assert list(my_followups(client).context["page"].object_list) == [meeting]
    everything = my_followups(client, show="all").context["page"].object_list
    assert [(row, row.given) for row in everything] == [(mine_later, True), (meeting, False)]
    other_event = past_event()
    assert not my_followups(client, event=other_event.slug).context["form"].is_valid()
    assert list(my_followups(client, event=event.slug).context["page"].object_list) == [meeting]


def test_my_followups_needs_a_login(client):
    assert my_followups(client)["Location"].startswith("/accounts/login/")


def test_my_followups_query_count_does_not_grow(client, event, meeting, party):
    client.force_login(party)
    mine = meeting.request.requester
    slots = list(event.slots.order_by("start"))
    with CaptureQueriesContext(connection) as few:
        assert my_followups(client, show="all").status_code == 200
    for slot in slots[1:12]:
        scheduled_meeting(mine, demand(event), slot=slot)
    with CaptureQueriesContext(connection) as many:
        page = my_followups(client, show="all")
    assert len(page.context["page"].object_list) == 12
    assert len(many) <= len(few)

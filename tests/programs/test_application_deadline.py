"""The deadline is the server's clock: from the closing second on, nothing is submitted,
saved or removed, the applicant reads when the call closed in Seoul time, and nothing
changes or is queued."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.programs import applications, job_names
from ieum.programs.enums import ApplicationStatus
from ieum.programs.errors import CallClosed
from tests.programs.application_factories import complete_draft, pdf_upload, queued
from tests.programs.test_applications import snapshot

pytestmark = pytest.mark.django_db

CLOSES = datetime(2026, 11, 30, 18, 0, tzinfo=SEOUL)
OPENS = datetime(2026, 11, 2, 9, 0, tzinfo=SEOUL)
CLOSED_MESSAGE = (
    "The call closed on 2026-11-30 18:00 (Seoul time); applications are no longer accepted."
)


@pytest.fixture
def clock(monkeypatch):
    """Set the server's clock: `clock(moment)`."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


@pytest.fixture
def dated_draft(program_world, clock):
    """A complete draft, written on 3 November, of a call that runs from 2 November to
    30 November 2026, 18:00 Seoul."""
    world = program_world
    clock(OPENS + timedelta(days=1))
    world.call.opens_at, world.call.closes_at = OPENS, CLOSES
    world.call.save()
    return complete_draft(world)


def submit(world, application):
    return applications.submit_application(actor=world.company_member, application=application)


@pytest.mark.parametrize("late", [timedelta(0), timedelta(seconds=1), timedelta(days=3)])
def test_a_submission_at_or_after_the_closing_time_is_refused(
    program_world, dated_draft, clock, english, late, django_capture_on_commit_callbacks
):
    clock(CLOSES + late)
    before = snapshot(dated_draft)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(CallClosed) as refused,
    ):
        submit(program_world, dated_draft)
    assert refused.value.messages == [CLOSED_MESSAGE]
    assert snapshot(dated_draft) == before
    assert before["status"] == ApplicationStatus.DRAFT
    assert callbacks == [] and queued(job_names.SUBMISSION_EMAIL) == []


def test_the_last_second_before_closing_still_counts(
    program_world, dated_draft, clock, django_capture_on_commit_callbacks
):
    clock(CLOSES - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        submit(program_world, dated_draft)
    dated_draft.refresh_from_db()
    assert dated_draft.status == ApplicationStatus.SUBMITTED
    assert dated_draft.submitted_at == CLOSES - timedelta(seconds=1)
    assert len(queued(job_names.SUBMISSION_EMAIL)) == 1


def test_the_message_is_in_seoul_time_whatever_the_clock_zone(program_world, dated_draft, clock):
    # The server clock is in UTC; the message still names 18:00 in Seoul.
    clock((CLOSES + timedelta(minutes=5)).astimezone(UTC))
    with pytest.raises(CallClosed) as refused:
        submit(program_world, dated_draft)
    assert "2026-11-30 18:00" in refused.value.messages[0]


def test_a_submission_before_the_call_opens_is_refused(program_world, clock, english):
    world = program_world
    application = complete_draft(world)
    world.call.opens_at = timezone.now() + timedelta(days=1)
    world.call.closes_at = timezone.now() + timedelta(days=30)
    world.call.save()
    before = snapshot(application)
    with pytest.raises(CallClosed) as refused:
        submit(world, application)
    opens = timezone.localtime(world.call.opens_at, SEOUL).strftime("%Y-%m-%d %H:%M")
    assert refused.value.messages == [
        f"The call opens on {opens} (Seoul time); applications are not accepted yet."
    ]
    assert snapshot(application) == before


def test_a_draft_is_not_saved_after_closing(program_world, dated_draft, clock, english):
    clock(CLOSES + timedelta(seconds=1))
    before = snapshot(dated_draft)
    with pytest.raises(CallClosed) as refused:
        applications.save_application(
            actor=program_world.company_member,
            application=dated_draft,
            data={"title": "마감 후 수정"},
            answers={},
            uploads={f"document-{program_world.document.pk}": pdf_upload("late.pdf")},
        )
    assert refused.value.messages == [CLOSED_MESSAGE]
    assert snapshot(dated_draft) == before


def test_a_file_is_not_removed_after_closing(program_world, dated_draft, clock):
    clock(CLOSES)
    stored = dated_draft.files.get()
    with pytest.raises(CallClosed):
        applications.remove_file(actor=program_world.company_member, file=stored)
    assert dated_draft.files.filter(pk=stored.pk).exists()


def test_no_draft_is_started_after_closing(program_world, clock):
    world = program_world
    world.call.opens_at, world.call.closes_at = OPENS, CLOSES
    world.call.save()
    clock(CLOSES + timedelta(seconds=1))
    with pytest.raises(CallClosed):
        applications.start_application(
            actor=world.company_member, call=world.call, company=world.company
        )
    assert not world.call.applications.exists()


def test_a_cancelled_call_takes_nothing(program_world, english):
    world = program_world
    application = complete_draft(world)
    world.call.status = "cancelled"
    world.call.save()
    with pytest.raises(CallClosed) as refused:
        submit(world, application)
    assert refused.value.messages == ["This call does not take applications."]

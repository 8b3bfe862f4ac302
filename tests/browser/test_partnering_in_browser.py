"""Partnering in a browser: a startup from proposal to agenda, a demand company from
screening to feedback, with the organizer running the scheduler in between."""

from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ieum.partnering import needs, placement, proposals, registration, schedule_runs
from ieum.partnering.enums import MeetingStatus, ProposalStatus
from ieum.partnering.models import Meeting, MeetingFeedback, Proposal
from tests.browser.test_facilities_in_browser import log_in as log_in_korean
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
)
from tests.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    """Log in and read the pages in English, so steps find buttons by English labels."""
    log_in_korean(page, email)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": urljoin(page.url, "/")}]
    )


def open_innovation_week(*, days_from_today: int):
    """An open event with a demand company (booth, one need), a startup and an organizer.

    Everyone prefers English, so the e-mails they get are in English too.
    """
    organizer_org = OrganizationFactory(kind="public_agency", name_ko="한국보건산업진흥원")
    first_day = timezone.localdate() + timedelta(days=days_from_today)
    event = EventFactory(
        organizer=organizer_org,
        name_ko="글로벌 오픈이노베이션 위크",
        name_en="Global Open Innovation Week",
        starts_on=first_day,
        ends_on=first_day,
        days=[(first_day, "00:00", "23:30", [])],
    )
    organizer = MembershipFactory(
        organization=organizer_org,
        role="event_organizer",
        user__email="events@khidi.kr",
        user__preferred_language="en",
    ).user
    pharma = DemandCompanyFactory(name_ko="노스브리지 메디컬", name_en="Northbridge Medical")
    scout = MembershipFactory(
        organization=pharma,
        role="demand_company_member",
        user__email="scout@northbridge.com",
        user__preferred_language="en",
    ).user
    startup = CompanyFactory(name_ko="에이치바이오진단", name_en="H-Bio Diagnostics")
    founder = MembershipFactory(
        organization=startup, user__email="ceo@hbio.kr", user__preferred_language="en"
    ).user
    demand = registration.register_organization(event=event, organization=pharma, by=scout)
    party = registration.register_organization(event=event, organization=startup, by=founder)
    registration.add_delegate(
        registration=party, by=founder, full_name="박민준", email=founder.email, user=founder
    )
    registration.add_delegate(
        registration=demand, by=scout, full_name="Emily Carter", email=scout.email, user=scout
    )
    need = needs.post_need(
        registration=demand,
        by=scout,
        title_ko="심혈관 체외진단 바이오마커",
        title_en="Cardiovascular in-vitro diagnostic biomarkers",
        description_ko="조기 심부전 진단용 바이오마커와 현장진단 플랫폼을 찾습니다.",
        deal_types=["licensing", "joint_rd"],
    )
    return {
        "event": event,
        "organizer": organizer,
        "scout": scout,
        "founder": founder,
        "startup": party,
        "need": need,
    }


def test_a_startup_goes_from_proposal_to_its_agenda(page):
    week = open_innovation_week(days_from_today=14)
    event, need = week["event"], week["need"]

    log_in(page, "ceo@hbio.kr")
    page.goto(f"/partnering/needs/?event={event.slug}")
    page.get_by_role("link", name="Cardiovascular in-vitro diagnostic biomarkers").first.click()
    page.wait_for_url(f"**/partnering/needs/{need.pk}/")
    page.fill("#proposal-form input[name=title]", "혈중 NT-proBNP 현장진단 키트")
    page.fill(
        "#proposal-form textarea[name=summary]",
        "15분 안에 손끝 혈액으로 심부전 위험을 판정하는 현장진단 키트입니다.",
    )
    page.locator("#proposal-form button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    proposal = Proposal.objects.get(need=need)
    assert proposal.status == ProposalStatus.SUBMITTED

    # The demand company accepts it (its own browser walk is the next test).
    proposals.accept_proposal(proposal=proposal, by=week["scout"], priority=3)
    meeting = Meeting.objects.get(request__proposal=proposal)
    assert meeting.status == MeetingStatus.UNSCHEDULED

    # The organizer runs the scheduler in the worker, watches the run and publishes.
    log_in(page, "events@khidi.kr")
    page.goto(f"/partnering/events/{event.slug}/schedule/")
    page.locator("#run-scheduler button[type=submit]").click()
    page.wait_for_selector("#run-status")
    run_worker()
    page.locator("#run-actions").wait_for()
    page.locator("#run-actions button", has_text="Publish").click()
    page.wait_for_selector(".alert-success")
    meeting.refresh_from_db()
    event.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.published_at is not None
    assert event.status == "published"

    # The startup finds the meeting on its agenda, with its place and a calendar link.
    log_in(page, "ceo@hbio.kr")
    page.goto(reverse("partnering:my_events"))
    page.locator("#my-event-list a", has_text="Agenda").click()
    page.wait_for_url(f"**/partnering/agenda/{event.slug}/")
    agenda = page.locator(".agenda-section").first
    assert "Northbridge Medical" in agenda.inner_text()
    assert meeting.location.name_en in agenda.inner_text()
    feed_address = page.locator(".agenda-section input[readonly]").first.input_value()
    assert feed_address.endswith(".ics")
    assert page.csp_violations == []


def test_a_demand_company_screens_proposals_and_gives_feedback(page):
    # The meeting day is today, with slots around the clock, so the meeting placed
    # below has started by the time feedback is given.
    week = open_innovation_week(days_from_today=0)
    event, need, founder = week["event"], week["need"], week["founder"]
    proposal = proposals.submit_proposal(
        need=need,
        registration=week["startup"],
        by=founder,
        title="혈중 NT-proBNP 현장진단 키트",
        summary="15분 안에 심부전 위험을 판정합니다.",
    )

    log_in(page, "scout@northbridge.com")
    page.goto("/partnering/screening/")
    card = page.locator("#proposal-list .list-group-item", has_text="NT-proBNP")
    card.get_by_role("button", name="Shortlist").click()
    page.wait_for_selector(".alert-success")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SHORTLISTED
    card = page.locator("#proposal-list .list-group-item", has_text="NT-proBNP")
    card.locator("select[name=priority]").select_option("3")
    card.get_by_role("button", name="Accept and meet").click()
    page.wait_for_selector(".alert-success")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    meeting = Meeting.objects.get(request__proposal=proposal)
    assert meeting.weight == 3

    # The organizer schedules and publishes, then moves the meeting to the day's first
    # slot, which has begun, so that feedback is due.
    run = schedule_runs.start_run(event=event, by=week["organizer"], time_limit=2)
    schedule_runs.execute_run(run=run)
    assert schedule_runs.apply_run(run=run, by=week["organizer"]) == 1
    first_slot = event.slots.order_by("start").first()
    meeting.refresh_from_db()
    if meeting.slot_id != first_slot.pk:
        placement.move_meeting(meeting=meeting, slot=first_slot, by=week["organizer"])

    page.goto("/partnering/my/follow-ups/")
    page.locator("#followup-list a", has_text="Give feedback").click()
    page.locator("#feedback-form input[name=rating][value='5']").check()
    page.fill("#feedback-form textarea[name=comment]", "Strong clinical data; we will follow up.")
    page.locator("#feedback-form input[name=wants_follow_up]").check()
    page.locator("#feedback-form button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    feedback = MeetingFeedback.objects.get(meeting=meeting)
    assert (feedback.rating, feedback.wants_follow_up) == (5, True)
    assert feedback.registration.organization.name_en == "Northbridge Medical"
    assert page.csp_violations == []

"""The 2025 Global Open Innovation Week – Biohealth (12–14 November 2025, El Tower,
Seoul), built the way it happened: the organizer sets it up, eighteen demand companies
and 104 startups register, needs are posted and answered, screened and accepted, the
parties ask each other for meetings, the scheduler places them and the agendas go out.

Everything goes through the domain functions while the event is open; the times they
stamp (today) are moved back to autumn 2025 at the end (`History.write`). What happened
at and after the meetings is in `aftermath.py`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from ieum.core.db_stats import refresh_statistics
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Organization
from ieum.partnering import event_setup, needs, proposals, registration, schedule_runs
from ieum.partnering.demo.aftermath import hold_meetings
from ieum.partnering.demo.cast import Cast, History, add_speakers_as_delegates, at
from ieum.partnering.demo.direct_requests import ask_for_meetings
from ieum.partnering.demo.needs_medtech import MEDTECH_NEEDS
from ieum.partnering.demo.needs_pharma import PHARMA_NEEDS
from ieum.partnering.demo.people import PARTIES, demand_specs, party_email
from ieum.partnering.demo.texts import (
    DECLINE_REASONS_EN,
    DECLINE_REASONS_KO,
    PROPOSAL_SUMMARIES_EN,
    PROPOSAL_SUMMARIES_KO,
    NeedText,
)
from ieum.partnering.enums import EventKind, EventStatus, LocationKind
from ieum.partnering.models import (
    Event,
    Meeting,
    Proposal,
    Registration,
    TechnologyNeed,
)

SLUG = "global-oi-week-biohealth-2025"
FIRST_DAY, MEETING_DAYS = date(2025, 11, 12), (date(2025, 11, 13), date(2025, 11, 14))
# Scheduler seconds: enough for this size, short enough for a quick seed.
TIME_LIMIT = 2.0
NAME_KO = "2025 글로벌 오픈이노베이션 위크-바이오헬스"
NAME_EN = "2025 Global Open Innovation Week – Biohealth"
SUMMARY_KO = (
    "보건복지부와 한국보건산업진흥원이 주최하고 한국제약바이오협회와 한국의료기기산업협회가 "
    "공동 주관하는 다섯 번째 글로벌 오픈이노베이션 위크입니다. 올해는 제약·바이오를 넘어 "
    "의료기기, 디지털헬스, 인공지능까지 바이오헬스 전반으로 범위를 넓혔습니다. 첫날 "
    "콘퍼런스와 K-BIC 벤처카페에 이어 11월 13–14일 이틀 동안 국내외 기술 수요기업 18곳과 "
    "국내 기업 104곳이 1:1 파트너링 미팅으로 공동 연구개발, 기술이전, 투자 협력을 논의합니다."
)
SUMMARY_EN = (
    "The fifth Global Open Innovation Week, hosted by the Ministry of Health and Welfare and "
    "KHIDI and co-organized by KPBMA and KMDIA. This year it reaches beyond pharma and "
    "biotech to medical devices, digital health and AI. After the opening conference and the "
    "K-BIC venture cafe on day one, 18 Korean and global demand companies meet 104 Korean "
    "companies in 1:1 partnering meetings on 13 and 14 November to discuss joint R&D, "
    "technology transfer and investment."
)
# The company login's startup: what it proposed and how each need's owner answered.
COMPANY_PROPOSALS = {
    "Point-of-care molecular testing": "accept",
    "Companion diagnostics for infectious disease": "accept",
    "Women's health technology": "decline",
}
# Slots some parties blocked: (organization slug, team, day index, "HH:MM", reason).
BLOCKS = [
    ("rheinfeld-pharma", 2, 1, "16:00", "Flight to Frankfurt"),
    ("rheinfeld-pharma", 2, 1, "16:30", "Flight to Frankfurt"),
    ("calloway-therapeutics", 1, 0, "10:00", "Jet lag: first meeting from 10:30"),
    ("tasman-health-ai", 1, 1, "13:00", "KPBMA Open Innovation Plaza panel"),
    ("northbridge-medical", 2, 0, "10:00", "Evening call with Boston headquarters"),
]


class Week:
    """The week as it is built; `aftermath` and `direct_requests` work on it too."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast = cast
        self.rng = rng
        self.history = History()
        self.registrations: dict[int, Registration] = {}  # by organization id
        self.needs: list[tuple[NeedText, TechnologyNeed]] = []
        self.live_pairs: set[frozenset[int]] = set()

    def moment(self, first: datetime, last: datetime) -> datetime:
        seconds = int((last - first).total_seconds())
        return first + timedelta(seconds=self.rng.randint(0, max(seconds, 0)))

    def build(self) -> Event:
        event = self.set_up()
        # Each stage adds hundreds of rows the next one queries; fresh statistics keep
        # the planner from taking those tables for empty ones.
        for stage in (
            lambda: self.register(event),
            self.post_needs,
            self.propose,
            self.screen,
            lambda: ask_for_meetings(self),
            lambda: self.block_times(event),
            lambda: self.schedule(event),
            lambda: hold_meetings(self, event),
        ):
            stage()
            refresh_statistics(app_label="partnering")
        self.history.write()
        return event

    # The event, its days and its hall.

    def set_up(self) -> Event:
        cast = self.cast
        by = cast.organizer
        event = event_setup.create_event(
            organizer=cast.khidi,
            by=by,
            kind=EventKind.PARTNERING,
            name_ko=NAME_KO,
            name_en=NAME_EN,
            slug=SLUG,
            starts_on=FIRST_DAY,
            ends_on=MEETING_DAYS[-1],
            venue_ko="서울 엘타워 (서울 서초구)",
            venue_en="El Tower, Seocho-gu, Seoul",
            summary_ko=SUMMARY_KO,
            summary_en=SUMMARY_EN,
        )
        for day in MEETING_DAYS:
            event_setup.set_event_day(
                event=event,
                date=day,
                opens_at=at(day, "10:00").time(),
                closes_at=at(day, "17:00").time(),
                breaks=[(at(day, "12:00").time(), at(day, "13:00").time(), "점심", "Lunch")],
            )
        event_setup.add_location(
            event=event,
            by=by,
            kind=LocationKind.TABLES,
            name_ko="파트너링 홀 (번호 테이블)",
            name_en="Partnering hall (numbered tables)",
            capacity=24,
        )
        event = event_setup.set_event_status(event=event, status=EventStatus.OPEN, by=by)
        Event.objects.filter(pk=event.pk).update(is_demo=True)
        self.history.set(event, created_at=at(date(2025, 8, 18), "10:00"))
        return event

    def register(self, event: Event) -> None:
        cast = self.cast
        specs = demand_specs()
        for party in PARTIES:
            organization = cast.demand[party.slug]
            spec = specs[party.slug]
            reg = registration.register_organization(
                event=event,
                organization=organization,
                by=cast.organizer,
                teams=party.teams,
                pitch_ko=spec["interests_ko"],
                pitch_en=spec["interests_en"],
            )
            when = self.moment(at(date(2025, 9, 1), "09:00"), at(date(2025, 9, 5), "18:00"))
            self.history.set(reg, created_at=when)
            # Delegates from abroad read their agendas in their own time zone and language.
            for team, (name, title) in enumerate(party.delegates, start=1):
                email = party_email(party, team)
                delegate = registration.add_delegate(
                    registration=reg,
                    by=cast.organizer,
                    full_name=name,
                    email=email,
                    user=cast.demand_people[email],
                    team=team,
                    time_zone=party.time_zone,
                    language=party.language,
                    job_title=title,
                )
                self.history.set(delegate, created_at=when + timedelta(hours=2))
            self.registrations[organization.pk] = reg
        speakers = []
        for startup in cast.startups:
            speaker = cast.speakers[startup.pk]
            reg = registration.register_organization(
                event=event,
                organization=startup,
                by=speaker,
                pitch_ko=startup.summary_ko,
                pitch_en=startup.summary_en,
            )
            when = self.moment(at(date(2025, 9, 15), "09:00"), at(date(2025, 10, 10), "18:00"))
            self.history.set(reg, created_at=when)
            speakers.append((reg, speaker))
            self.registrations[startup.pk] = reg
        for slug, investor in cast.investors.items():
            user = cast.investor_people[slug]
            reg = registration.register_organization(event=event, organization=investor, by=user)
            when = self.moment(at(date(2025, 10, 1), "09:00"), at(date(2025, 10, 15), "18:00"))
            self.history.set(reg, created_at=when)
            speakers.append((reg, user))
            self.registrations[investor.pk] = reg
        for delegate in add_speakers_as_delegates(speakers):
            joined = self.history.rows[Registration][delegate.registration_id]["created_at"]
            self.history.set(delegate, created_at=joined + timedelta(hours=1))

    # Needs and proposals.

    def post_needs(self) -> None:
        cast = self.cast
        for text in [*PHARMA_NEEDS, *MEDTECH_NEEDS]:
            owner = cast.demand[text.company]
            need = needs.post_need(
                registration=self.registrations[owner.pk],
                by=cast.demand_user(text.company),
                title_ko=text.title_ko,
                title_en=text.title_en,
                description_ko=text.description_ko,
                description_en=text.description_en,
                areas=cast.terms.many(Vocabulary.THERAPEUTIC_AREA, text.areas)
                + cast.terms.many(Vocabulary.TECHNOLOGY_FIELD, text.fields),
                modalities=cast.terms.many(Vocabulary.MODALITY, text.modalities),
                stages=cast.terms.many(Vocabulary.TRL, text.stages),
                deal_types=text.deals,
            )
            posted = self.moment(at(date(2025, 9, 8), "09:00"), at(date(2025, 9, 19), "18:00"))
            self.history.set(need, created_at=posted)
            self.needs.append((text, need))

    def propose(self) -> None:
        cast = self.cast
        load: dict[int, int] = defaultdict(int)
        proposed: set[tuple[int, str]] = set()  # (startup, demand company)
        company = cast.company
        for text, need in self.needs:
            if text.title_en in COMPANY_PROPOSALS:
                self.submit(text, need, company)
                proposed.add((company.pk, text.company))
                load[company.pk] += 1
        for text, need in self.rng.sample(self.needs, len(self.needs)):
            candidates = [
                s for s in cast.startups if (s.pk, text.company) not in proposed and s != company
            ]
            candidates.sort(
                key=lambda s: cast.fit(s, text) + self.rng.random() * 1.5 - load[s.pk] * 0.7,
                reverse=True,
            )
            for startup in candidates[: self.rng.randint(5, 9)]:
                self.submit(text, need, startup)
                proposed.add((startup.pk, text.company))
                load[startup.pk] += 1

    def submit(self, text: NeedText, need: TechnologyNeed, startup: Organization) -> Proposal:
        cast = self.cast
        english = cast.party(text.company).language == "en"
        idea_ko, idea_en = self.rng.choice(text.ideas)
        field = cast.terms.one(Vocabulary.TECHNOLOGY_FIELD, text.fields[0])
        if english:
            title = idea_en[0].upper() + idea_en[1:]
            summary = self.rng.choice(PROPOSAL_SUMMARIES_EN).format(
                company=startup.name_en or startup.name_ko, idea=idea_en, field=field.name_en
            )
        else:
            title = idea_ko
            summary = self.rng.choice(PROPOSAL_SUMMARIES_KO).format(
                company=startup.name_ko, idea=idea_ko, field=field.name_ko
            )
        deals = [d for d in text.deals if self.rng.random() < 0.7] or [text.deals[0]]
        proposal = proposals.submit_proposal(
            need=need,
            registration=self.registrations[startup.pk],
            by=cast.speakers[startup.pk],
            title=title,
            summary=summary,
            stage=cast.terms.one(Vocabulary.TRL, self.rng.choice(text.stages)),
            deal_types=deals,
        )
        sent = self.moment(at(date(2025, 9, 22), "09:00"), at(date(2025, 10, 24), "17:00"))
        self.history.set(proposal, created_at=sent)
        return proposal

    def screen(self) -> None:
        """Each demand company answers the proposals to its needs before November."""
        cast = self.cast
        close = at(date(2025, 10, 24), "18:00")
        TechnologyNeed.objects.filter(pk__in=[n.pk for _t, n in self.needs]).update(
            proposals_close_at=close
        )
        titles = {need.pk: text for text, need in self.needs}
        company = cast.company
        for proposal in (
            Proposal.objects.filter(need__in=titles).select_related("need").order_by("pk")
        ):
            text = titles[proposal.need_id]
            by = cast.demand_user(text.company)
            english = cast.party(text.company).language == "en"
            decided = self.moment(at(date(2025, 10, 27), "09:00"), at(date(2025, 11, 4), "18:00"))
            if proposal.registration.organization_id == company.pk:
                step = COMPANY_PROPOSALS[text.title_en]
            else:
                draw = self.rng.random()
                step = (
                    "withdraw" if draw < 0.05
                    else "accept" if draw < 0.47
                    else "shortlist" if draw < 0.65
                    else "decline"
                )  # fmt: skip
            if step == "withdraw":
                proposals.withdraw_proposal(proposal=proposal, by=proposal.submitted_by)
                self.history.set(proposal, updated_at=decided)
                continue
            if step == "accept":
                request = proposals.accept_proposal(
                    proposal=proposal, by=by, priority=self.rng.choice([3, 3, 2, 2, 1])
                )
                self.live_pairs.add(frozenset((request.requester_id, request.recipient_id)))
                self.history.set(request, created_at=decided, answered_at=decided)
                self.history.set(request.meeting, created_at=decided)
            elif step == "shortlist":
                proposals.shortlist_proposal(proposal=proposal, by=by)
            else:
                reasons = DECLINE_REASONS_EN if english else DECLINE_REASONS_KO
                proposals.decline_proposal(
                    proposal=proposal, by=by, reason=self.rng.choice(reasons)
                )
            self.history.set(proposal, decided_at=decided)

    def speaker(self, organization: Organization):
        cast = self.cast
        if organization.pk in cast.speakers:
            return cast.speakers[organization.pk]
        if organization.slug in cast.demand:
            return cast.demand_user(organization.slug)
        return cast.investor_people.get(organization.slug) or cast.organizer

    # Blocked times, the scheduler and the published agendas.

    def block_times(self, event: Event) -> None:
        slots = {slot.start: slot for slot in event.slots.all()}
        for slug, team, day, hhmm, reason in BLOCKS:
            organization = self.cast.demand[slug]
            registration.block_slot(
                registration=self.registrations[organization.pk],
                slot=slots[at(MEETING_DAYS[day], hhmm)],
                by=self.cast.demand_user(slug),
                team=team,
                reason=reason,
            )

    def schedule(self, event: Event) -> None:
        by = self.cast.organizer
        run = schedule_runs.start_run(event=event, by=by, time_limit=TIME_LIMIT)
        run = schedule_runs.execute_run(run=run)
        schedule_runs.apply_run(run=run, by=by)
        started = at(date(2025, 11, 7), "15:10")
        published = at(date(2025, 11, 7), "16:30")
        self.history.set(
            run,
            created_at=started,
            started_at=started,
            finished_at=started + timedelta(seconds=TIME_LIMIT + 1),
            applied_at=published,
        )
        self.history.set(event, published_at=published)
        for meeting in Meeting.objects.filter(event=event, published_at__isnull=False):
            self.history.set(meeting, published_at=published)
        Event.objects.filter(pk=event.pk).update(requests_close_at=at(date(2025, 11, 7), "12:00"))


def build_week(cast: Cast, *, seed: int) -> Event | None:
    """Build the 2025 week unless it is there already; returns it when built."""
    if Event.objects.filter(slug=SLUG).exists():
        return None
    return Week(cast, random.Random(seed)).build()

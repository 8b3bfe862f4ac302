"""A partnering day a few weeks ahead, open for proposals and requests, so the demo
logins walk the whole path: the company login proposes to Northbridge's needs and
answers a request, the demand login screens proposals and answers requests, the
organizer runs the scheduler when the requests are in.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ieum.directory.enums import Vocabulary
from ieum.partnering import event_setup, needs, proposals, registration, requests
from ieum.partnering.demo.cast import SEOUL, Cast, add_speakers_as_delegates, at
from ieum.partnering.demo.needs_medtech import MEDTECH_NEEDS
from ieum.partnering.demo.needs_pharma import PHARMA_NEEDS
from ieum.partnering.demo.people import demand_specs, party_email
from ieum.partnering.demo.texts import DECLINE_REASONS_EN, PROPOSAL_SUMMARIES_EN
from ieum.partnering.enums import EventKind, EventStatus, LocationKind
from ieum.partnering.models import Event, Registration

DEMAND = [
    "northbridge-medical",
    "sakura-diagnostics",
    "rheinfeld-pharma",
    "daewoong-pharmaceutical",
    "lumen-digital-health",
    "cascadia-imaging",
]
STARTUPS = 30
LEAD_DAYS = 24


def event_day(today: date) -> date:
    """The first Wednesday at least LEAD_DAYS ahead."""
    day = today + timedelta(days=LEAD_DAYS)
    return day + timedelta(days=(2 - day.weekday()) % 7)


def build_upcoming(cast: Cast, *, seed: int) -> Event | None:
    day = event_day(cast.now.astimezone(SEOUL).date())
    slug = f"biohealth-oi-partnering-day-{day:%Y-%m}"
    if Event.objects.filter(slug=slug).exists():
        return None
    return Upcoming(cast, random.Random(seed), day, slug).build()


class Upcoming:
    def __init__(self, cast: Cast, rng: random.Random, day: date, slug: str) -> None:
        self.cast, self.rng, self.day, self.slug = cast, rng, day, slug
        self.registrations: dict[int, Registration] = {}

    def build(self) -> Event:
        cast = self.cast
        by = cast.organizer
        day = self.day
        event = event_setup.create_event(
            organizer=cast.khidi,
            by=by,
            kind=EventKind.PARTNERING,
            name_ko=f"{day.year} 바이오헬스 오픈이노베이션 파트너링 데이 ({day.month}월)",
            name_en=f"Biohealth Open Innovation Partnering Day ({day:%B %Y})",
            slug=self.slug,
            starts_on=day,
            ends_on=day,
            venue_ko="코엑스 콘퍼런스룸 (서울 강남구)",
            venue_en="COEX conference rooms, Gangnam-gu, Seoul",
            summary_ko=(
                "글로벌 오픈이노베이션 위크의 후속 파트너링 데이입니다. 국내외 수요기업 6곳이 "
                "기술 수요를 공개하고, 창업기업은 제안서를 내 1:1 미팅을 신청합니다."
            ),
            summary_en=(
                "A follow-up partnering day to the Global Open Innovation Week: six Korean and "
                "global demand companies publish their technology needs, and startups answer "
                "with proposals and ask for 1:1 meetings."
            ),
        )
        event_setup.set_event_day(
            event=event,
            date=day,
            opens_at=at(day, "10:00").time(),
            closes_at=at(day, "17:00").time(),
            breaks=[(at(day, "12:00").time(), at(day, "13:00").time(), "점심", "Lunch")],
        )
        event_setup.add_location(
            event=event, by=by, kind=LocationKind.TABLES, name_ko="미팅 테이블",
            name_en="Meeting tables", capacity=12,
        )  # fmt: skip
        event = event_setup.set_event_status(event=event, status=EventStatus.OPEN, by=by)
        Event.objects.filter(pk=event.pk).update(is_demo=True)
        self.register(event)
        self.post_and_propose()
        self.ask()
        return event

    def register(self, event: Event) -> None:
        cast = self.cast
        specs = demand_specs()
        for slug in DEMAND:
            party = cast.party(slug)
            reg = registration.register_organization(
                event=event, organization=cast.demand[slug], by=cast.organizer,
                teams=party.teams, pitch_ko=specs[slug]["interests_ko"],
                pitch_en=specs[slug]["interests_en"],
            )  # fmt: skip
            for team, (name, title) in enumerate(party.delegates, start=1):
                email = party_email(party, team)
                registration.add_delegate(
                    registration=reg, by=cast.organizer, full_name=name, email=email,
                    user=cast.demand_people[email], team=team, time_zone=party.time_zone,
                    language=party.language, job_title=title,
                )  # fmt: skip
            self.registrations[cast.demand[slug].pk] = reg
        texts = [t for t in [*PHARMA_NEEDS, *MEDTECH_NEEDS] if t.company in DEMAND]
        others = [s for s in cast.startups if s != cast.company]
        others.sort(key=lambda s: -max(cast.fit(s, t) for t in texts) - self.rng.random())
        speakers = []
        for startup in [cast.company, *others[: STARTUPS - 1]]:
            speaker = cast.speakers[startup.pk]
            reg = registration.register_organization(
                event=event, organization=startup, by=speaker, pitch_ko=startup.summary_ko,
                pitch_en=startup.summary_en,
            )  # fmt: skip
            speakers.append((reg, speaker))
            self.registrations[startup.pk] = reg
        add_speakers_as_delegates(speakers)

    def post_and_propose(self) -> None:
        cast = self.cast
        close = at(self.day - timedelta(days=5), "18:00")
        if close <= cast.now:
            close = None
        chosen = [t for t in MEDTECH_NEEDS if t.company == "northbridge-medical"]
        for slug in DEMAND[1:]:
            chosen.append(next(t for t in [*PHARMA_NEEDS, *MEDTECH_NEEDS] if t.company == slug))
        startups = [s for s in cast.startups if s.pk in self.registrations]
        for text in chosen:
            need = needs.post_need(
                registration=self.registrations[cast.demand[text.company].pk],
                by=cast.demand_user(text.company),
                title_ko=text.title_ko, title_en=text.title_en,
                description_ko=text.description_ko, description_en=text.description_en,
                areas=cast.terms.many(Vocabulary.THERAPEUTIC_AREA, text.areas)
                + cast.terms.many(Vocabulary.TECHNOLOGY_FIELD, text.fields),
                modalities=cast.terms.many(Vocabulary.MODALITY, text.modalities),
                stages=cast.terms.many(Vocabulary.TRL, text.stages),
                deal_types=text.deals, proposals_close_at=close,
            )  # fmt: skip
            # The company login has not answered Northbridge yet: that is for the demo.
            pool = [s for s in startups if s != cast.company]
            pool.sort(key=lambda s: -cast.fit(s, text) - self.rng.random() * 1.5)
            answering = pool[: self.rng.randint(4, 6)]
            if text.company == "sakura-diagnostics":
                answering.insert(0, cast.company)
            for position, startup in enumerate(answering):
                _idea_ko, idea_en = self.rng.choice(text.ideas)
                proposal = proposals.submit_proposal(
                    need=need,
                    registration=self.registrations[startup.pk],
                    by=cast.speakers[startup.pk],
                    title=idea_en[0].upper() + idea_en[1:],
                    summary=self.rng.choice(PROPOSAL_SUMMARIES_EN).format(
                        company=startup.name_en or startup.name_ko, idea=idea_en,
                        field=cast.terms.one(Vocabulary.TECHNOLOGY_FIELD, text.fields[0]).name_en,
                    ),
                    stage=cast.terms.one(Vocabulary.TRL, self.rng.choice(text.stages)),
                    deal_types=text.deals[:2],
                )  # fmt: skip
                by = cast.demand_user(text.company)
                if startup == cast.company:
                    continue
                # Northbridge has screened a few; most wait for the demand login.
                if position == 1:
                    proposals.shortlist_proposal(proposal=proposal, by=by)
                elif position == 2 and text.company != "northbridge-medical":
                    proposals.accept_proposal(proposal=proposal, by=by, priority=2)
                elif position == 3:
                    proposals.decline_proposal(
                        proposal=proposal, by=by, reason=self.rng.choice(DECLINE_REASONS_EN)
                    )

    def ask(self) -> None:
        cast = self.cast
        company = self.registrations[cast.company.pk]
        northbridge = self.registrations[cast.demand["northbridge-medical"].pk]
        cascadia = self.registrations[cast.demand["cascadia-imaging"].pk]
        # A request waiting for the company login.
        requests.send_request(
            requester=cascadia, recipient=company, by=cast.demand_user("cascadia-imaging"),
            message="We saw your point-of-care platform at the 2025 week and would like to "
            "discuss a joint ultrasound-plus-biomarker triage kit.", priority=2,
        )  # fmt: skip
        taken = {
            frozenset((r.requester_id, r.recipient_id)) for r in northbridge.received_requests.all()
        } | {frozenset((r.requester_id, r.recipient_id)) for r in northbridge.sent_requests.all()}
        startups = [
            self.registrations[s.pk]
            for s in cast.startups
            if s.pk in self.registrations and s != cast.company
        ]
        waiting = [s for s in startups if frozenset((s.pk, northbridge.pk)) not in taken]
        for index, reg in enumerate(waiting[:4]):
            request = requests.send_request(
                requester=reg, recipient=northbridge, by=cast.speakers[reg.organization_id],
                message="We would like to present our cardiometabolic monitoring work to "
                "Northbridge's external innovation team.", priority=self.rng.choice([2, 3]),
            )  # fmt: skip
            if index == 0:
                requests.accept_request(request=request, by=cast.demand_user("northbridge-medical"))

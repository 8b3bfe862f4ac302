"""The K-BIC venture cafe, held monthly since 2023: the evening of 12 November 2025 at
the Global Open Innovation Week, and next month's, open for registration and mentor
bookings so the demo logins can book a slot.

The past evening is set up through the domain functions; its bookings, registrations
and attendance are written directly with their times, because booking and registering
refuse sessions that are over.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from ieum.partnering import event_setup, venture_cafe
from ieum.partnering.demo.cast import SEOUL, Cast, at, stamp
from ieum.partnering.enums import CafeSessionKind, EventKind, EventStatus
from ieum.partnering.models import CafeAttendance, CafeSession, Event, MentorSlot

PAST_DAY = date(2025, 11, 12)
PAST_SLUG = "k-bic-venture-cafe-2025-11"
VENUE = ("서울 엘타워 (서울 서초구)", "El Tower, Seocho-gu, Seoul")
NEXT_VENUE = (
    "K-BIC 오픈이노베이션 라운지 (서울 중구)",
    "K-BIC Open Innovation Lounge, Jung-gu, Seoul",
)
SUMMARY_KO = (
    "K-BIC 벤처카페는 2023년부터 매달 열리는 바이오헬스 창업기업 모임입니다. 투자설명회(IR), "
    "전문가 멘토링, 네트워킹으로 창업기업이 투자자, 수요기업, 선배 창업자를 만납니다."
)
SUMMARY_EN = (
    "The K-BIC venture cafe has met every month since 2023. Bio-health startups pitch to "
    "investors, book mentors for advice and meet demand companies and fellow founders."
)
# (kind, start, end, Korean title, English title, room, places)
PROGRAMME = [
    (CafeSessionKind.IR, "15:00", "16:20", "창업기업 투자설명회(IR): 디지털헬스·AI",
     "Startup IR pitches: digital health and AI", "IR 세션장", 80),
    (CafeSessionKind.MENTORING, "16:30", "17:50", "전문가 멘토링 (1:1, 20분)",
     "Expert mentoring (1:1, 20 minutes)", "멘토링 라운지", None),
    (CafeSessionKind.NETWORKING, "18:00", "19:30", "네트워킹: 수요기업·투자자와의 만남",
     "Networking with demand companies and investors", "로비 라운지", 120),
]  # fmt: skip
TOPICS = [
    "시리즈 A 투자 유치 전략과 기업가치 산정",
    "FDA 510(k) 경로와 임상 근거 준비",
    "글로벌 제약사 기술이전 조건(선급금·마일스톤) 협상",
    "미국 시장 진출 파트너 찾기",
    "유럽 CE-MDR 인증 일정",
    "IR 자료 구성 피드백",
    "공동연구 계약서 검토 포인트",
]


def second_wednesday_after(day: date) -> date:
    """The next month's second Wednesday, when the cafe meets."""
    first = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    first_wednesday = first + timedelta(days=(2 - first.weekday()) % 7)
    return first_wednesday + timedelta(days=7)


def _cafe(cast: Cast, *, day: date, slug: str, name_ko: str, name_en: str, venue) -> Event:
    by = cast.organizer
    event = event_setup.create_event(
        organizer=cast.khidi,
        by=by,
        kind=EventKind.VENTURE_CAFE,
        name_ko=name_ko,
        name_en=name_en,
        slug=slug,
        starts_on=day,
        ends_on=day,
        venue_ko=venue[0],
        venue_en=venue[1],
        summary_ko=SUMMARY_KO,
        summary_en=SUMMARY_EN,
    )
    event = event_setup.set_event_status(event=event, status=EventStatus.OPEN, by=by)
    Event.objects.filter(pk=event.pk).update(is_demo=True)
    for kind, start, end, title_ko, title_en, room, places in PROGRAMME:
        session = venture_cafe.add_cafe_session(
            event=event, by=by, kind=kind, title_ko=title_ko, title_en=title_en,
            starts_at=at(day, start), ends_at=at(day, end), room=room, capacity=places,
        )  # fmt: skip
        if kind == CafeSessionKind.MENTORING:
            for mentor, expertise in cast.mentors:
                venture_cafe.publish_mentor_slots(
                    session=session,
                    mentor=mentor,
                    start=session.starts_at,
                    end=session.ends_at,
                    by=by,
                    expertise=expertise,
                )
    return event


def _guests(cast: Cast, rng: random.Random, count: int) -> list:
    """People who come: startup speakers mostly, some demand-company people."""
    startups = [s for s in cast.startups if s != cast.company]
    people = [(cast.speakers[s.pk], s) for s in rng.sample(startups, count - 6)]
    people += [(user, None) for user in rng.sample(sorted(cast.demand_people.values(), key=str), 6)]
    return people


def build_past_cafe(cast: Cast, *, seed: int) -> Event | None:
    if Event.objects.filter(slug=PAST_SLUG).exists():
        return None
    rng = random.Random(seed)
    event = _cafe(
        cast,
        day=PAST_DAY,
        slug=PAST_SLUG,
        name_ko="K-BIC 벤처카페 (2025년 11월, 글로벌 오픈이노베이션 위크 부대행사)",
        name_en="K-BIC Venture Cafe (November 2025, Global Open Innovation Week)",
        venue=VENUE,
    )
    sessions = list(event.cafe_sessions.order_by("starts_at"))
    times: dict[type, dict[int, dict[str, datetime | None]]] = {
        Event: {event.pk: {"created_at": at(date(2025, 10, 1), "10:00")}},
        CafeSession: {s.pk: {"created_at": at(date(2025, 10, 2), "10:00")} for s in sessions},
    }
    guests = _guests(cast, rng, 44)
    attendances = []
    for session in sessions:
        chosen = rng.sample(guests, min(len(guests), session.capacity or 30))
        for user, organization in chosen:
            registered = at(date(2025, 10, 15), "09:00") + timedelta(hours=rng.randint(0, 24 * 26))
            came = rng.random() < 0.85
            attendances.append(
                (
                    CafeAttendance(session=session, user=user, organization=organization),
                    registered,
                    session.starts_at + timedelta(minutes=rng.randint(-10, 15)) if came else None,
                )
            )
    CafeAttendance.objects.bulk_create([row[0] for row in attendances])
    times[CafeAttendance] = {
        a.pk: {"created_at": registered, "updated_at": came or registered, "attended_at": came}
        for a, registered, came in attendances
    }
    slots = list(MentorSlot.objects.filter(session__event=event).order_by("start", "pk"))
    bookers = [(u, o) for u, o in guests if o is not None]
    rng.shuffle(bookers)
    booked = []
    for slot, (user, organization) in zip(
        [s for s in slots if rng.random() < 0.8], bookers, strict=False
    ):
        slot.booked_by, slot.booked_organization = user, organization
        slot.topic = rng.choice(TOPICS)
        booked.append(slot)
    MentorSlot.objects.bulk_update(booked, ["booked_by", "booked_organization", "topic"])
    times[MentorSlot] = {slot.pk: {"created_at": at(date(2025, 10, 20), "11:00")} for slot in slots}
    for slot in booked:
        moment = at(date(2025, 10, 25), "09:00") + timedelta(hours=rng.randint(0, 24 * 16))
        times[MentorSlot][slot.pk].update(booked_at=moment, updated_at=moment)
    for model, rows in times.items():
        stamp(model, rows)
    event_setup.set_event_status(event=event, status=EventStatus.CLOSED, by=cast.organizer)
    stamp(Event, {event.pk: {"updated_at": at(date(2025, 11, 13), "09:00")}})
    return event


def build_next_cafe(cast: Cast, *, seed: int) -> Event | None:
    day = second_wednesday_after(cast.now.astimezone(SEOUL).date())
    slug = f"k-bic-venture-cafe-{day:%Y-%m}"
    if Event.objects.filter(slug=slug).exists():
        return None
    rng = random.Random(seed)
    event = _cafe(
        cast,
        day=day,
        slug=slug,
        name_ko=f"K-BIC 벤처카페 ({day.year}년 {day.month}월)",
        name_en=f"K-BIC Venture Cafe ({day:%B %Y})",
        venue=NEXT_VENUE,
    )
    guests = _guests(cast, rng, 20)
    for session in event.cafe_sessions.order_by("starts_at"):
        for user, organization in rng.sample(guests, 12):
            venture_cafe.register_for_session(session=session, user=user, organization=organization)
    # Some slots are taken; the company login finds most of them free.
    slots = list(MentorSlot.objects.filter(session__event=event).order_by("start", "pk"))
    bookers = [(u, o) for u, o in guests if o is not None]
    for slot, (user, organization) in zip(rng.sample(slots, 5), bookers, strict=False):
        venture_cafe.book_mentor_slot(
            slot=slot, by=user, organization=organization, topic=rng.choice(TOPICS)
        )
    return event

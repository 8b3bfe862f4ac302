"""The company login's story: 에이치바이오진단 (company@), a 김해 maker of HIV and
multiplex rapid tests, with records in every state. Its yearly figures come from
`series.py` like every company's; its other records are written here by hand, and
`login_states` holds its 2025 figures back for 김해's staff and adds a 2023 revenue
entered with VAT and sent back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ieum.directory.demo.people import DEMO_LOGINS
from ieum.outcomes.demo.texts import REJECTIONS
from ieum.outcomes.demo.world import Company, Planned, World
from ieum.outcomes.enums import (
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    VerificationStatus,
)

K, S, V = OutcomeKind, OutcomeSubtype, VerificationStatus
COMPANY_LOGIN = next(login for login in DEMO_LOGINS if login.role == "company_member")

# (day, kind, data, status, reason); 에이치바이오진단 makes HIV and multiplex rapid tests.
LOGIN_HISTORY = [
    (
        date(2020, 3, 17),
        K.PATENT,
        {
            "subtype": S.PATENT_APPLICATION,
            "patent_scope": PatentScope.DOMESTIC,
            "title": "HIV-1/2 항체 동시 검출 신속진단 키트",
            "reference": "10-2020-0034512",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2021, 4, 20),
        K.NATIONAL_RND,
        {
            "title": "[범부처전주기의료기기연구개발사업] 다중 감염병 현장진단 플랫폼 개발",
            "reference": "RS-2021-00143877",
            "counterparty": "한국보건산업진흥원",
            "amount": 1_200_000_000,
            "currency": Currency.KRW,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2021, 6, 14),
        K.APPROVAL,
        {
            "subtype": S.MFDS,
            "device_class": 3,
            "title": "HIV 신속진단키트 (자가검사용)",
            "reference": "제허 21-412호",
            "counterparty": "식품의약품안전처",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2021, 9, 8),
        K.EXPORT,
        {
            "country": "VN",
            "counterparty": "Saigon Medical Equipment JSC",
            "title": "HIV 신속진단키트 공급 계약",
            "amount": 320_000,
            "currency": Currency.USD,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2021, 11, 2),
        K.PATENT,
        {
            "subtype": S.PATENT_REGISTRATION,
            "patent_scope": PatentScope.DOMESTIC,
            "title": "HIV-1/2 항체 동시 검출 신속진단 키트",
            "reference": "10-2335120",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2022, 5, 30),
        K.INVESTMENT,
        {
            "subtype": S.SERIES_B,
            "counterparty": "KB인베스트먼트",
            "amount": 12_000_000_000,
            "currency": Currency.KRW,
            "is_confidential": True,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2022, 8, 11),
        K.PATENT,
        {
            "subtype": S.PATENT_APPLICATION,
            "patent_scope": PatentScope.PCT,
            "title": "다중 감염병 동시 진단용 측방유동 스트립",
            "reference": "PCT/KR2022/011245",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2022, 11, 21),
        K.EXPORT,
        {
            "country": "DE",
            "counterparty": "Rhein Medizintechnik GmbH",
            "title": "다중 진단 카트리지 공급 계약",
            "amount": 180_000,
            "currency": Currency.EUR,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2023, 7, 19),
        K.APPROVAL,
        {
            "subtype": S.FDA_510K,
            "title": "H-Check HIV 1/2 Rapid Test",
            "reference": "K231542",
            "counterparty": "U.S. FDA",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2024, 2, 5),
        K.CLINICAL_TRIAL,
        {
            "subtype": S.DEVICE_PIVOTAL,
            "title": "다중 감염병 현장진단기기의 확증 임상시험",
            "reference": "KCT0009123",
            "counterparty": "인제대학교 부산백병원",
            "country": "KR",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2024, 5, 9),
        K.PATENT,
        {
            "subtype": S.PATENT_APPLICATION,
            "patent_scope": PatentScope.DOMESTIC,
            "title": "항원·항체 동시 검출 카트리지",
            "reference": "10-2024-0612345",
        },
        V.REJECTED,
        REJECTIONS[K.PATENT][0],
    ),
    (
        date(2024, 5, 9),
        K.PATENT,
        {
            "subtype": S.PATENT_APPLICATION,
            "patent_scope": PatentScope.DOMESTIC,
            "title": "항원·항체 동시 검출 카트리지",
            "reference": "10-2024-0061234",
            "note": "출원번호를 고쳐 다시 올립니다.",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2024, 10, 2),
        K.EXPORT,
        {
            "country": "US",
            "counterparty": "Northstar Diagnostics LLC",
            "title": "HIV 자가검사 키트 공급 계약",
            "amount": 750_000,
            "currency": Currency.USD,
            "is_confidential": True,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2025, 3, 27),
        K.APPROVAL,
        {
            "subtype": S.CE_MDR,
            "title": "H-Check Multiplex Cartridge",
            "reference": "MDR 745120",
            "counterparty": "TÜV SÜD Product Service",
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2025, 4, 15),
        K.NATIONAL_RND,
        {
            "title": "[보건의료기술연구개발사업] 감염병 다중진단 카트리지 임상 실증",
            "reference": "RS-2025-02281934",
            "counterparty": "한국보건산업진흥원",
            "amount": 850_000_000,
            "currency": Currency.KRW,
        },
        V.VERIFIED,
        "",
    ),
    (
        date(2025, 12, 10),
        K.EXPORT,
        {
            "country": "SA",
            "counterparty": "Riyadh Medical Care Est.",
            "title": "다중 진단 카트리지 공급 계약",
            "amount": 410_000,
            "currency": Currency.USD,
        },
        V.PENDING,
        "",
    ),
    (
        date(2026, 2, 3),
        K.PATENT,
        {
            "subtype": S.PATENT_APPLICATION,
            "patent_scope": PatentScope.FOREIGN,
            "country": "US",
            "title": "Lateral flow strip for multiplex detection",
            "reference": "US 19/044,512",
        },
        V.PENDING,
        "",
    ),
    (
        date(2026, 6, 22),
        K.APPROVAL,
        {
            "subtype": S.OTHER_APPROVAL,
            "country": "JP",
            "title": "H-Check HIV 1/2 Rapid Test",
            "reference": "JP-2026-3318",
            "counterparty": "PMDA (일본 의약품의료기기종합기구)",
        },
        V.PENDING,
        "",
    ),
]


def login_company(world: World) -> Company | None:
    return next(
        (
            c
            for c in world.companies.values()
            if c.organization.slug == COMPANY_LOGIN.organization_slug
        ),
        None,
    )


def login_plans(company: Company) -> list[Planned]:
    plans = []
    for day, kind, data, status, reason in LOGIN_HISTORY:
        clusters = company.clusters_in(day.year)
        if not clusters:
            continue
        plans.append(
            Planned(
                company=company,
                kind=kind,
                data={"occurred_on": day, **data},
                clusters=clusters,
                status=status,
                reason=reason,
                programs=company.programs_on(day),
                by_staff=kind == K.NATIONAL_RND,
            )
        )
    return plans


def login_states(plans: list[Planned], login: Company) -> list[Planned]:
    """The login's 2025 yearly figures still waiting for 김해's staff, and its 2023
    revenue first entered with VAT, sent back, then entered again."""
    changed = []
    for plan in plans:
        if plan.company is login and plan.day.year == 2025:
            plan = replace(plan, status=V.PENDING)
        changed.append(plan)
        if plan.company is login and plan.kind == K.REVENUE and plan.day.year == 2023:
            wrong = {**plan.data, "amount": round(int(plan.data["amount"]) * 1.1)}
            changed.append(
                replace(plan, data=wrong, status=V.REJECTED, reason=REJECTIONS[K.REVENUE][0])
            )
    return changed

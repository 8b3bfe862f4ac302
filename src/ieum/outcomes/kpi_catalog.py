"""The built-in KPIs: the figures the ministry's reports on the clusters ask for, named as
those reports name them, and the figures of the other apps' records.

`ensure_builtin_kpis` writes them as `KPIDefinition` rows. The data migration
`0002_builtin_kpis` runs it, so the set exists after `migrate`; running it again (after
adding a built-in here) creates only the missing ones. It never overwrites what a
platform admin may change on a built-in: the names, descriptions, whether it is shown
and its order. What it computes (unit, source, computation, figure and filters) is not
editable on a built-in, so it follows this catalog: a fix here reaches existing rows.
A definition an admin made under a code that later became a built-in's is left alone.

This module reads no model at import time and writes only through the model class it
is given, so the migration can hand it the historical model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ieum.outcomes.enums import (
    Computation,
    KPIField,
    KPISource,
    KPIUnit,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    Region,
)

K, S, C = OutcomeKind, OutcomeSubtype, Computation


@dataclass(frozen=True)
class BuiltinKPI:
    code: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str
    unit: str
    computation: str
    source: str = KPISource.RECORDS
    field: str = ""
    kinds: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    patent_scopes: tuple[str, ...] = ()
    region: str = Region.ANY
    currencies: tuple[str, ...] = ()
    sort_order: int = 100

    def definition(self) -> dict:
        """What the KPI computes: kept in step with this catalog."""
        return {
            "unit": self.unit,
            "source": self.source,
            "computation": self.computation,
            "field": self.field,
            "kinds": list(self.kinds),
            "subtypes": list(self.subtypes),
            "patent_scopes": list(self.patent_scopes),
            "region": self.region,
            "currencies": list(self.currencies),
        }

    def presentation(self) -> dict:
        """What a platform admin may change: written once, when the KPI is created."""
        return {
            "name_ko": self.name_ko,
            "name_en": self.name_en,
            "description_ko": self.description_ko,
            "description_en": self.description_en,
            "is_active": True,
            "sort_order": self.sort_order,
        }


DEFINITION_FIELDS = tuple(BuiltinKPI("", "", "", "", "", "", "").definition())


def _records(code, ko, en, desc_ko, desc_en, unit, computation, **filters) -> BuiltinKPI:
    return BuiltinKPI(code, ko, en, desc_ko, desc_en, unit, computation, **filters)


def _source(code, ko, en, desc_ko, desc_en, unit, computation, source) -> BuiltinKPI:
    return BuiltinKPI(code, ko, en, desc_ko, desc_en, unit, computation, source=source)


_BUILTINS = [
    _records(
        "patent_applications",
        "특허 출원",
        "Patent applications",
        "국내·PCT·해외 특허 출원 건수",
        "Patent applications filed at home, under the PCT or abroad.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.PATENT,),
        subtypes=(S.PATENT_APPLICATION,),
    ),
    _records(
        "patent_registrations",
        "특허 등록",
        "Patent registrations",
        "국내·해외 특허 등록 건수",
        "Patents granted at home or abroad.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.PATENT,),
        subtypes=(S.PATENT_REGISTRATION,),
    ),
    _records(
        "overseas_patent_applications",
        "해외 특허 출원",
        "Overseas patent applications",
        "PCT 국제출원과 해외 특허청 출원 건수",
        "International (PCT) applications and applications at foreign offices.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.PATENT,),
        subtypes=(S.PATENT_APPLICATION,),
        patent_scopes=(PatentScope.PCT, PatentScope.FOREIGN),
    ),
    _records(
        "domestic_approvals",
        "국내 인허가",
        "Domestic approvals",
        "식품의약품안전처(MFDS) 허가·인증·신고 건수",
        "Approvals, certifications and notifications by the MFDS.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.APPROVAL,),
        subtypes=(S.MFDS,),
    ),
    _records(
        "overseas_approvals",
        "해외 인허가",
        "Overseas approvals",
        "FDA, CE(MDR) 등 해외 인허가·인증 건수",
        "Approvals and certifications abroad: FDA, CE (MDR) and others.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.APPROVAL,),
        region=Region.OVERSEAS,
    ),
    _records(
        "export_contracts",
        "수출 계약",
        "Export contracts",
        "수출 계약 건수",
        "Export contracts signed.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.EXPORT,),
    ),
    _records(
        "export_amount",
        "수출 계약액",
        "Export contract amount",
        "수출 계약 금액 합계(계약일 환율로 환산한 미화)",
        "Export contracts' amounts in US dollars at the rate of each contract's date.",
        KPIUnit.USD,
        C.SUM,
        field=KPIField.AMOUNT_USD,
        kinds=(K.EXPORT,),
    ),
    _records(
        "revenue",
        "매출액",
        "Revenue",
        "기업별 최근 연 매출액의 합계",
        "Each company's latest yearly revenue in the period, added up.",
        KPIUnit.KRW,
        C.LATEST,
        field=KPIField.AMOUNT_KRW,
        kinds=(K.REVENUE,),
    ),
    _records(
        "employees",
        "고용 인원",
        "Employees",
        "기업별 최근 고용 인원의 합계",
        "Each company's latest headcount in the period, added up.",
        KPIUnit.PEOPLE,
        C.LATEST,
        field=KPIField.HEADCOUNT,
        kinds=(K.EMPLOYMENT,),
    ),
    _records(
        "youth_employees",
        "청년 고용",
        "Youth employees",
        "기업별 최근 청년(만 15~34세) 고용 인원의 합계",
        "Each company's latest headcount of young employees in the period, added up.",
        KPIUnit.PEOPLE,
        C.LATEST,
        field=KPIField.YOUTH_HEADCOUNT,
        kinds=(K.EMPLOYMENT,),
    ),
    _records(
        "new_hires",
        "신규 채용",
        "New hires",
        "기간 중 신규 채용 인원의 합계",
        "People hired in the period.",
        KPIUnit.PEOPLE,
        C.SUM,
        field=KPIField.NEW_HIRES,
        kinds=(K.EMPLOYMENT,),
    ),
    _records(
        "investment_amount",
        "투자 유치액",
        "Investment raised",
        "투자 유치 금액 합계(원화 환산)",
        "Investment raised, in KRW at the rate of each deal's date.",
        KPIUnit.KRW,
        C.SUM,
        field=KPIField.AMOUNT_KRW,
        kinds=(K.INVESTMENT,),
    ),
    _records(
        "investment_deals",
        "투자 유치 건수",
        "Investment deals",
        "투자 유치 건수",
        "Investment rounds closed.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.INVESTMENT,),
    ),
    _records(
        "clinical_trials",
        "임상시험",
        "Clinical trials",
        "임상시험(의약품 1~4상, 의료기기 탐색·확증) 승인·개시 건수",
        "Clinical trials approved or started: drug phases 1 to 4, device pilot and pivotal.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.CLINICAL_TRIAL,),
    ),
    _records(
        "tech_transfers",
        "기술이전",
        "Technology transfers",
        "기술이전·라이선스 계약 건수",
        "Technology transfer and licensing agreements.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.TECH_TRANSFER,),
    ),
    _records(
        "tech_transfer_amount",
        "기술료",
        "Technology transfer amount",
        "기술이전·라이선스 계약 금액 합계(원화 환산)",
        "Technology transfer and licensing amounts, in KRW.",
        KPIUnit.KRW,
        C.SUM,
        field=KPIField.AMOUNT_KRW,
        kinds=(K.TECH_TRANSFER,),
    ),
    _records(
        "national_rnd_projects",
        "국가 R&D 과제 수주",
        "National R&D projects won",
        "국가 연구개발 과제 수주 건수",
        "National R&D projects won.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.NATIONAL_RND,),
    ),
    _records(
        "national_rnd_amount",
        "국가 R&D 과제 수주액",
        "National R&D funding won",
        "국가 연구개발 과제 수주 금액 합계",
        "The funding of national R&D projects won, in KRW.",
        KPIUnit.KRW,
        C.SUM,
        field=KPIField.AMOUNT_KRW,
        kinds=(K.NATIONAL_RND,),
    ),
    _records(
        "ipos_and_mas",
        "IPO·M&A",
        "IPOs and M&As",
        "기업공개(IPO)와 인수합병(M&A) 건수",
        "Initial public offerings and mergers or acquisitions.",
        KPIUnit.COUNT,
        C.COUNT,
        kinds=(K.EXIT,),
    ),
    _records(
        "companies_with_outcomes",
        "성과 창출 기업",
        "Companies with outcomes",
        "기간 중 검증된 성과가 하나 이상 있는 기업 수",
        "Companies with at least one verified outcome of any kind in the period.",
        KPIUnit.COMPANIES,
        C.DISTINCT_COMPANIES,
    ),
    _source(
        "facility_companies",
        "시설·장비 이용 기업",
        "Companies that used facilities",
        "클러스터 시설·장비를 이용한 기업 수(승인된 예약의 이용 또는 종료 기준)",
        "Companies that used a cluster's facilities or equipment (approved bookings "
        "checked in or ended).",
        KPIUnit.COMPANIES,
        C.DISTINCT_COMPANIES,
        KPISource.FACILITY_COMPANIES,
    ),
    _source(
        "facility_hours",
        "시설·장비 이용 시간",
        "Facility hours used",
        "시설·장비 입실부터 퇴실까지의 이용 시간 합계",
        "Hours from check-in to check-out on the clusters' facilities and equipment.",
        KPIUnit.HOURS,
        C.SUM,
        KPISource.FACILITY_HOURS,
    ),
    _source(
        "service_requests",
        "병원·전문기관 연계 지원",
        "Service requests delivered",
        "병원·전문기관이 결과를 제공한 연계 서비스 요청 건수",
        "Hospital and expert service requests delivered by their providers.",
        KPIUnit.COUNT,
        C.COUNT,
        KPISource.SERVICE_REQUESTS,
    ),
    _source(
        "trials_and_approvals_supported",
        "임상·인허가 지원",
        "Trials and approvals supported",
        "임상시험·실증·인허가·GMP·해외인증 컨설팅 등 결과가 제공된 연계 서비스 건수",
        "Trial, validation, regulatory, GMP and overseas certification services delivered.",
        KPIUnit.COUNT,
        C.COUNT,
        KPISource.TRIALS_AND_APPROVALS,
    ),
    _source(
        "support_cases",
        "기업 지원",
        "Support cases",
        "사업을 통한 기업 지원 건수(취소 제외)",
        "Support given to companies through programs, cancelled cases left out.",
        KPIUnit.COUNT,
        C.COUNT,
        KPISource.SUPPORT_CASES,
    ),
    _source(
        "companies_supported",
        "지원 기업",
        "Companies supported",
        "지원을 받은 기업 수",
        "Companies that received support.",
        KPIUnit.COMPANIES,
        C.DISTINCT_COMPANIES,
        KPISource.COMPANIES_SUPPORTED,
    ),
    _source(
        "support_amount",
        "지원 금액",
        "Support amount",
        "기업 지원 금액 합계",
        "The amounts of the support given, in KRW.",
        KPIUnit.KRW,
        C.SUM,
        KPISource.SUPPORT_AMOUNT,
    ),
    _source(
        "partnering_meetings",
        "파트너링 상담",
        "Partnering meetings held",
        "양측이 모두 참석한 파트너링 1:1 상담 건수",
        "One-to-one partnering meetings both sides attended.",
        KPIUnit.COUNT,
        C.COUNT,
        KPISource.PARTNERING_MEETINGS,
    ),
    _source(
        "partnering_outcomes",
        "파트너링 후속 성과",
        "Partnering follow-up outcomes",
        "파트너링 상담 후 NDA, PoC, 공동연구, 라이선스, 투자, 공급 계약 건수",
        "NDAs, PoCs, joint R&D, licences, investments and supply deals after meetings.",
        KPIUnit.COUNT,
        C.COUNT,
        KPISource.PARTNERING_OUTCOMES,
    ),
]

# Ordered as the ministry's report lists them, ten apart so admins can slot others in.
BUILTIN_KPIS: tuple[BuiltinKPI, ...] = tuple(
    replace(kpi, sort_order=(index + 1) * 10) for index, kpi in enumerate(_BUILTINS)
)
BUILTIN_CODES = frozenset(kpi.code for kpi in BUILTIN_KPIS)


def ensure_builtin_kpis(*, model=None) -> list[str]:
    """Create the built-in KPIs that are missing and bring the definition of existing
    built-ins in step with the catalog; returns the codes created.

    An admin's names, descriptions, `is_active` and `sort_order` are never touched.
    `model` is `KPIDefinition`, or its historical version in a migration.
    """
    if model is None:
        from ieum.outcomes.models import KPIDefinition as model
    existing = {kpi.code: kpi for kpi in model.objects.filter(code__in=BUILTIN_CODES)}
    missing = [builtin for builtin in BUILTIN_KPIS if builtin.code not in existing]
    model.objects.bulk_create(
        model(
            code=builtin.code,
            is_builtin=True,
            **builtin.presentation(),
            **builtin.definition(),
        )
        for builtin in missing
    )
    for builtin in BUILTIN_KPIS:
        row = existing.get(builtin.code)
        if row is None or not row.is_builtin:
            continue
        changed = {
            name: value
            for name, value in builtin.definition().items()
            if getattr(row, name) != value
        }
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)
    return [builtin.code for builtin in missing]

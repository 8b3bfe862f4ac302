"""The requests the demo logins find waiting, so the issue's walkthrough can be done by
hand:

- company@ ((주)에이치바이오진단) has just submitted a confidential request for
  clinical-trial consulting in 심혈관질환; it waits in gimhae.staff@'s triage inbox (the
  company's routing cluster is 김해 의생명 클러스터), and routing puts 연세의료원 first;
- yonsei.coordinator@ has a confidential request assigned and waiting for the NDA, and
  one in progress;
- the company also has past requests (closed with ratings), one in progress, one
  delivered and waiting for its rating, and a draft.
"""

from __future__ import annotations

import random

from ieum.directory.demo.people import DEMO_LOGINS
from ieum.linkage.demo.plans import YONSEI, Catalog, Requester, area_term
from ieum.linkage.demo.request_texts import ASKS
from ieum.linkage.demo.stories import Plan, story
from ieum.linkage.enums import ProductStage, RequestStatus, ServiceType

S = RequestStatus
T = ServiceType
P = ProductStage
COMPANY_SLUG = next(
    login.organization_slug for login in DEMO_LOGINS if login.email.startswith("company@")
)
WALKTHROUGH_TITLE = "현장형 트로포닌 I 신속진단키트 확증 임상시험 설계 자문"
# Companies whose open work waits at 연세의료원 (another cardiovascular company if gone).
YONSEI_ASSIGNED = "neulbom-medix"
YONSEI_IN_PROGRESS = "dasom-mechatronics"
TROPONIN = "트로포닌 I 현장진단키트 (HB-cTnI)"

# (status, service type, provider slug, area code, title, description, product, stage,
#  goal, confidential, addressed)
COMPANY_REQUESTS = [
    (S.SUBMITTED, T.CLINICAL_TRIAL_CONSULTING, None, "cardiovascular", WALKTHROUGH_TITLE,
     "응급실과 흉통 클리닉에서 15분 안에 급성 심근경색을 선별하는 트로포닌 I 현장진단키트의 "
     "확증 임상을 준비하고 있습니다. 중앙검사실 고감도 트로포닌 검사와의 일치도를 1차 "
     "평가변수로 잡으려 하며, 대상자 수 산출과 채혈 시점 설계를 심혈관 전문의에게 검토받고 "
     "싶습니다. 탐색 연구 요약을 첨부합니다.",
     TROPONIN, P.CLINICAL,
     "식약처 임상시험계획 승인 신청, 이후 FDA 510(k) 자료로 활용", True, False),
    (S.CLOSED, T.IP_STRATEGY, "gimhae-biomedical-agency", "infectious",
     "HIV 항원·항체 동시검출 신호증폭 기술 특허 출원 전략",
     "측방유동 면역분석에 신호증폭 나노입자를 결합한 기술의 출원 전략이 필요합니다. 선행기술 "
     "조사와 청구범위, PCT 일정을 검토받고 싶습니다.",
     "HIV 항원·항체 동시진단 시약", P.APPROVAL, "국내 출원 후 PCT 진입", True, True),
    (S.CLOSED, T.OVERSEAS_CERTIFICATION, "gimhae-biomedical-agency", "infectious",
     "HIV 1/2 항체 신속진단키트 CE-IVDR 전환 준비",
     "기존 CE 인증 제품을 유럽 IVDR로 전환해야 합니다. 성능평가 보고서와 기술문서의 부족한 "
     "부분을 점검받고 싶습니다.",
     "HIV 1/2 항체 신속진단키트", P.ON_MARKET, "IVDR 인증기관 심사 신청", False, False),
    (S.IN_PROGRESS, T.REGULATORY_CONSULTING, "kmedi-hub", "cardiovascular",
     "트로포닌 I 현장진단키트 FDA 510(k) 전략 자문",
     "미국 파트너사와 공동 인허가를 검토하고 있습니다. 비교 대상 기기 선정과 Pre-Submission "
     "질의 목록을 준비하고 싶습니다.",
     TROPONIN, P.CLINICAL, "FDA Pre-Submission 미팅 신청", False, True),
    (S.DELIVERED, T.TESTING_ANALYSIS, "wonju-medical-technovalley", "infectious",
     "성매개감염 다중 현장진단 카트리지 리더기 전기안전·EMC 시험",
     "카트리지 판독용 리더기의 IEC 60601-1 전기안전과 EMC 사전 시험을 의뢰합니다.",
     "성매개감염 다중 현장진단 카트리지", P.NONCLINICAL, "허가용 시험성적서 확보", False, False),
    (S.DRAFT, T.CLINICAL_VALIDATION, None, "infectious",
     "HIV 자가검사키트 사용적합성 실증",
     "일반인이 스스로 검사하는 HIV 자가검사키트의 사용적합성 평가를 병원에서 진행하고 "
     "싶습니다. 설명서 이해도와 판독 오류율을 확인하려 합니다.",
     "HIV 1/2 항체 신속진단키트", P.PROTOTYPE, "자가검사용 허가 신청 자료 확보", True, False),
]  # fmt: skip


def walkthrough_plans(
    rng: random.Random, catalog: Catalog, company: Requester | None, pool: list[Requester]
) -> list[Plan]:
    plans = []
    if company is not None:
        for spec in COMPANY_REQUESTS:
            plan = _company_plan(rng, catalog, company, spec)
            if plan is not None:
                plans.append(plan)
    for slug, service_type, status in [
        (YONSEI_ASSIGNED, T.CLINICAL_VALIDATION, S.ASSIGNED),
        (YONSEI_IN_PROGRESS, T.CLINICAL_TRIAL_CONSULTING, S.IN_PROGRESS),
    ]:
        plan = _yonsei_plan(rng, catalog, _cardiovascular(pool, slug), service_type, status)
        if plan is not None:
            plans.append(plan)
    return plans


def _company_plan(rng, catalog, company: Requester, spec) -> Plan | None:
    (status, service_type, provider, area, title, description, product, stage, goal,
     confidential, addressed) = spec  # fmt: skip
    offering = catalog.of(provider, service_type) if provider else None
    if provider and offering is None:
        return None
    device = next((p.device_class for p in company.products if p.name_ko == product), None)
    data = {
        "service_type": service_type,
        "title": title,
        "description": description,
        "product_name": product,
        "product_stage": stage,
        "therapeutic_area": area_term(area),
        "device_class": device or next((p.device_class for p in company.products), None),
        "goal": goal,
        "is_confidential": confidential,
        "addressed_offering": offering if addressed else None,
    }
    steps = story(
        rng,
        target=status,
        offerings=[offering] if offering else [],
        addressed=addressed,
        confidential=confidential,
        area_name=data["therapeutic_area"].name_ko,
    )
    plan = Plan(company.organization, data, steps, status, wanted_in_days=60)
    if title == WALKTHROUGH_TITLE:
        plan.attachment = True
        plan.extra["attachment_name"] = "HB-cTnI_탐색연구_요약.pdf"
    if status == S.CLOSED:
        plan.steps[-1].rating = 5 if service_type == T.IP_STRATEGY else 4
    else:
        plan.age = {S.SUBMITTED: 0, S.IN_PROGRESS: 2, S.DELIVERED: 1, S.DRAFT: 3}.get(status)
    return plan


def _yonsei_plan(rng, catalog, requester: Requester | None, service_type, status):
    offering = catalog.of(YONSEI, service_type)
    if requester is None or offering is None:
        return None
    area = area_term("cardiovascular")
    product = requester.products[0]
    ask = ASKS[service_type][0]
    words = {"product": product.name_ko, "area": area.name_ko}
    data = {
        "service_type": service_type,
        "title": ask.title.format(**words)[:200],
        "description": ask.description.format(**words),
        "product_name": product.name_ko,
        "product_stage": ProductStage.CLINICAL,
        "therapeutic_area": area,
        "device_class": product.device_class,
        "goal": ask.goal,
        "is_confidential": True,
        "addressed_offering": None,
    }
    steps = story(
        rng,
        target=status,
        offerings=[offering],
        confidential=True,
        sealed=True,
        area_name=area.name_ko,
    )
    plan = Plan(requester.organization, data, steps, status, wanted_in_days=90)
    plan.age = 0 if status == S.ASSIGNED else 1
    return plan


def _cardiovascular(pool: list[Requester], slug: str) -> Requester | None:
    named = [r for r in pool if r.organization.slug == slug]
    fitting = [r for r in pool if any(a.code == "cardiovascular" for a in r.areas)]
    return (named or fitting or pool or [None])[0]

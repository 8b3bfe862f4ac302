"""The linkage demo that `seed_demo` loads: every research hospital's services, the
clusters' and experts' consulting, about a hundred requests in every state walked
through the workflow, and the issue's walkthrough ready for the demo logins.

One load for all checks: loading takes several seconds.
"""

from collections import Counter
from datetime import date, datetime

from auditlog.context import disable_auditlog
from django.db.models import Count, Q
from django.utils import timezone

from ieum.accounts.models import User
from ieum.core.business_days import SEOUL, business_days_between, seoul_today
from ieum.directory.demo.loader import load_demo, reset_demo
from ieum.directory.models import HospitalProfile, Organization
from ieum.linkage import threads, workflow
from ieum.linkage.deadlines import is_overdue, overdue_requests
from ieum.linkage.demo.loader import linkage_demo_totals, load_linkage_demo, reset_linkage_demo
from ieum.linkage.demo.walkthrough import WALKTHROUGH_TITLE
from ieum.linkage.drafts import default_cluster
from ieum.linkage.enums import (
    FeeBasis,
    FileKind,
    RequestStatus,
    RequiredDocument,
    ServiceType,
    Step,
)
from ieum.linkage.models import RequestEvent, RequestFile, ServiceOffering, ServiceRequest
from ieum.linkage.routing import suggest_providers
from ieum.linkage.visibility import visible_requests
from tests.linkage.factories import pdf_upload

S = RequestStatus
EXPECTED_STATUSES = {
    S.DRAFT: 5,
    S.SUBMITTED: 6,
    S.TRIAGED: 4,
    S.ASSIGNED: 7,
    S.ACCEPTED: 4,
    S.IN_PROGRESS: 9,
    S.DELIVERED: 6,
    S.CLOSED: 48,
    S.CANCELLED: 7,
}


def test_the_linkage_demo_loads_once_with_the_walkthrough_ready(db):
    # As seed_demo loads it: without an audit-log entry for each row.
    with disable_auditlog():
        load_demo()
        created = load_linkage_demo()
    assert created["service offerings"] >= 45
    assert created["service requests"] == sum(EXPECTED_STATUSES.values())

    check_the_offerings()
    check_the_history()
    check_what_the_demo_logins_find()

    totals = linkage_demo_totals()
    with disable_auditlog():
        assert not load_linkage_demo()
    assert linkage_demo_totals() == totals

    # The requests go first; then the organizations they protect can go too.
    removed = reset_linkage_demo()
    assert removed["service requests"] == totals["service requests"]
    assert removed["service offerings"] == totals["service offerings"]
    assert not ServiceRequest.objects.exists() and not ServiceOffering.objects.exists()
    assert reset_demo()["organizations"] > 0


def check_the_offerings():
    offerings = ServiceOffering.objects.filter(is_demo=True).select_related("provider")
    # Every research hospital offers each service its profile lists.
    for profile in HospitalProfile.objects.filter(organization__is_demo=True):
        listed = {
            code.replace("-", "_") for code in profile.services.values_list("code", flat=True)
        }
        offered = set(offerings.filter(provider=profile.organization_id).values_list(
            "service_type", flat=True
        ))  # fmt: skip
        assert listed == offered, profile.organization.slug
    yonsei = offerings.get(
        provider__slug="yonsei-health-system",
        service_type=ServiceType.CLINICAL_TRIAL_CONSULTING,
    )
    assert list(yonsei.therapeutic_areas.values_list("code", flat=True)) == ["cardiovascular"]
    assert yonsei.fee_basis == FeeBasis.FREE_UNDER_PROGRAM
    assert yonsei.program_name == "K-바이오헬스 연계 지원사업"

    # Clusters and firms give regulatory, GMP, IP and overseas-certification consulting.
    consulting = offerings.filter(provider__kind__in=["cluster_operator", "company"])
    kinds = set(consulting.values_list("service_type", flat=True))
    assert {
        ServiceType.REGULATORY_CONSULTING,
        ServiceType.GMP_CONSULTING,
        ServiceType.IP_STRATEGY,
        ServiceType.OVERSEAS_CERTIFICATION,
    } <= kinds
    regulators = set(
        consulting.filter(service_type=ServiceType.REGULATORY_CONSULTING).values_list(
            "provider__slug", flat=True
        )
    )
    assert {
        "osong-medical-foundation",
        "kmedi-hub",
        "wonju-medical-technovalley",
        "gimhae-biomedical-agency",
    } <= regulators
    assert offerings.filter(provider__kind="company").exists()  # the regulatory firms
    assert offerings.filter(name_ko__contains="510(k)").exists()
    assert offerings.filter(name_ko__contains="MDR").exists()

    # Fees and documents as the services need them.
    fees = Counter(offerings.values_list("fee_basis", flat=True))
    assert fees[FeeBasis.FREE_UNDER_PROGRAM] > fees[FeeBasis.FIXED] > 0
    assert fees[FeeBasis.QUOTED] > 0
    assert not offerings.filter(fee_basis=FeeBasis.FREE_UNDER_PROGRAM, program_name="").exists()
    assert not offerings.filter(fee_basis=FeeBasis.FIXED, fee_krw__isnull=True).exists()
    iit = offerings.filter(service_type=ServiceType.INVESTIGATOR_INITIATED_TRIAL)
    assert all(RequiredDocument.IRB_APPROVAL in o.required_documents for o in iit)
    data = offerings.filter(service_type=ServiceType.MEDICAL_DATA)
    assert all(RequiredDocument.DATA_USE_AGREEMENT in o.required_documents for o in data)
    assert not offerings.filter(contact_email="").exists()


def check_the_history():
    requests = ServiceRequest.objects.filter(is_demo=True)
    assert Counter(requests.values_list("status", flat=True)) == EXPECTED_STATUSES
    assert requests.values("company").distinct().count() >= 30
    assert requests.values("cluster").distinct().count() >= 6
    assert len(set(requests.values_list("service_type", flat=True))) == len(ServiceType)

    # Two years of history: from January 2025 to today, nothing in the future.
    now = timezone.now()
    submitted = requests.exclude(submitted_at=None)
    assert submitted.order_by("submitted_at").first().submitted_at.date() < date(2025, 4, 1)
    months = {moment.astimezone(SEOUL).strftime("%Y-%m") for moment in
              submitted.values_list("submitted_at", flat=True)}  # fmt: skip
    assert len(months) >= 15
    events = RequestEvent.objects.filter(request__in=requests)
    assert not events.filter(at__gt=now).exists()
    assert not events.filter(at__lt=datetime(2025, 1, 2, tzinfo=SEOUL)).exists()
    for request in requests.prefetch_related("events"):
        moments = [e.at for e in sorted(request.events.all(), key=lambda e: e.pk)]
        assert moments == sorted(moments) and moments[0] == request.created_at

    # Providers answer in one to five business days.
    answers = []
    assigned = {}
    for request_id, step, at in (
        events.filter(step__in=(Step.ASSIGN, Step.ACCEPT, Step.DECLINE))
        .order_by("request_id", "at", "pk")
        .values_list("request_id", "step", "at")
    ):
        if step == Step.ASSIGN:
            assigned[request_id] = at
        else:
            start, end = assigned[request_id].astimezone(SEOUL), at.astimezone(SEOUL)
            answers.append(business_days_between(start.date(), end.date()))
    assert answers and set(answers) <= {1, 2, 3, 4, 5}

    # Closed with ratings (mostly 3 to 5) and a delivered report; some declined and
    # were assigned again; a few cancelled.
    closed = requests.filter(status=S.CLOSED)
    ratings = Counter(closed.values_list("rating", flat=True))
    assert None not in ratings and sum(n for r, n in ratings.items() if r >= 3) >= 0.9 * len(closed)
    reports = RequestFile.objects.filter(request__in=closed, kind=FileKind.DELIVERABLE)
    assert reports.values("request").distinct().count() == closed.count()
    report = reports.first()
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert report.content_type == "application/pdf"
    reassigned = closed.annotate(
        declines=Count("events", filter=Q(events__step=Step.DECLINE))
    ).filter(declines__gt=0)
    assert reassigned.count() >= 3
    assert not requests.filter(status=S.CANCELLED).exclude(events__step=Step.CANCEL).exists()
    assert requests.exclude(status=S.DRAFT).filter(messages__isnull=False).distinct().count() >= 30

    # Some are overdue now: with staff, with a provider's answer, with a delivery.
    overdue = set(overdue_requests(requests, today=seoul_today()).values_list("status", flat=True))
    assert {S.SUBMITTED, S.ASSIGNED, S.IN_PROGRESS} <= overdue


def check_what_the_demo_logins_find():
    company = User.objects.get(email="company@demo.ieum.kr")
    staff = User.objects.get(email="gimhae.staff@demo.ieum.kr")
    coordinator = User.objects.get(email="yonsei.coordinator@demo.ieum.kr")
    startup = Organization.objects.get(slug="h-bio-diagnostics")

    # The startup's confidential request for 심혈관 trial consulting waits for triage.
    request = ServiceRequest.objects.get(title=WALKTHROUGH_TITLE)
    assert request.company == startup and request.created_by == company
    assert request.status == S.SUBMITTED and request.is_confidential
    assert request.cluster == default_cluster(startup)
    assert request.cluster.operator.slug == "gimhae-biomedical-agency"
    assert not is_overdue(request, today=seoul_today())
    assert request.files.filter(kind=FileKind.ATTACHMENT).exists()
    assert visible_requests(staff).filter(pk=request.pk, status=S.SUBMITTED).exists()
    mine = set(visible_requests(company).values_list("status", flat=True))
    assert {S.CLOSED, S.IN_PROGRESS, S.DELIVERED, S.DRAFT, S.SUBMITTED} <= mine

    # The platform proposes 연세의료원 first, with its reason.
    best = suggest_providers(request)[0]
    assert best.offering.provider.slug == "yonsei-health-system"
    assert "심혈관질환" in best.reason and best.average_response_days is not None

    # Yonsei's coordinator: one confidential request waiting for the NDA, one in progress.
    held = visible_requests(coordinator).exclude(pk=request.pk)
    waiting = held.get(status=S.ASSIGNED)
    assert waiting.details_sealed
    assert not coordinator.has_perm("linkage.read_request_details", waiting)
    assert held.filter(status=S.IN_PROGRESS).count() == 1

    # And the walkthrough can be done by these logins.
    request = workflow.triage_request(actor=staff, request=request, note="심혈관 전문 병원 연계")
    request = workflow.assign_request(actor=staff, request=request, offering=best.offering)
    request = workflow.accept_nda(actor=coordinator, request=request)
    threads.post_message(actor=coordinator, request=request, body="다음 주 화요일 미팅 가능합니다.")
    request = workflow.accept_request(actor=coordinator, request=request)
    request = workflow.start_work(actor=coordinator, request=request)
    request = workflow.deliver_request(
        actor=coordinator, request=request, note="검토 의견서입니다.", uploads=[pdf_upload()]
    )
    request = workflow.close_request(actor=company, request=request, rating=5)
    assert request.status == S.CLOSED

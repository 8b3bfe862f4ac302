"""Every role of `LinkageWorld` against the service requests API.

Nobody outside the parties learns that a request exists (404, absent from lists, the
same answer as for a number that was never used); a provider before the NDA sees only
the sealed part; and every step a role or state does not allow is refused (403, 404 or
409) without changing anything.
"""

import pytest

from ieum.linkage.drafts import update_request
from ieum.linkage.enums import OPEN_STATUSES, PROVIDER_STATUSES, RequestStatus
from ieum.linkage.models import RequestFile, RequestRead, ServiceRequest
from ieum.linkage.workflow import cancel_request
from tests.linkage.factories import make_world, pdf_upload, walk_to
from tests.partnering.factories_api import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/service-requests/"
S = RequestStatus
STATUSES = [
    S.DRAFT,
    S.SUBMITTED,
    S.TRIAGED,
    S.ASSIGNED,
    S.ACCEPTED,
    S.IN_PROGRESS,
    S.DELIVERED,
    S.CLOSED,
    S.CANCELLED,
    # Cancelled after it was sent: the cluster staff keep seeing it.
    "cancelled_after_triage",
]
OUTSIDERS = ("other_company", "other_coordinator", "other_staff", "reviewer", "stranger")
SECRET = "HB-Stent 관상동맥 비밀 설계"


@pytest.fixture
def world(db):
    return make_world()


def sees(role: str, status: str) -> bool:
    """Who may know of a request in this state (the brief's parties, written out)."""
    if role in ("company", "admin"):
        return True
    if role == "staff":
        # Not a draft, nor one cancelled before it was sent.
        return status not in (S.DRAFT, S.CANCELLED)
    if role == "coordinator":
        # A request cancelled before any assignment never reached the hospital.
        if status == S.CANCELLED or status == "cancelled_after_triage":
            return False
        return status in PROVIDER_STATUSES
    return False


def reads(role: str, status: str) -> bool:
    # The walked requests are confidential; the NDA is accepted on the way to accepted.
    return sees(role, status) and not (role == "coordinator" and status == S.ASSIGNED)


def request_in(world, status: str) -> ServiceRequest:
    """A confidential request with an attachment, walked to `status`."""
    draft = world.request(S.DRAFT, product_name=SECRET, goal=SECRET)
    draft = update_request(
        actor=world.company_member, request=draft, data={}, uploads=[pdf_upload()]
    )
    if status == "cancelled_after_triage":
        triaged = walk_to(world, draft, S.TRIAGED)
        return cancel_request(actor=world.company_member, request=triaged)
    return walk_to(world, draft, status)


@pytest.mark.parametrize("status", STATUSES)
def test_every_role_reads_only_what_it_may(world, status):
    service_request = request_in(world, status)
    stored = RequestFile.objects.filter(request=service_request).first()
    detail = f"{URL}{service_request.pk}/"
    never_used = f"{URL}{service_request.pk + 10_000}/"
    paths = ["", "messages/", "events/", "files/", f"files/{stored.pk}/"]
    for role, user in world.roles.items():
        api = client_for(user)
        listed = [row["id"] for row in api.get(URL).json()["results"]]
        for box in ("company", "provider", "triage"):
            listed += [row["id"] for row in api.get(URL, {"role": box}).json()["results"]]
        if not sees(role, status):
            assert service_request.pk not in listed, role
            for path in paths:
                hidden = api.get(detail + path)
                assert hidden.status_code == 404, (role, path)
                assert hidden.content == api.get(never_used + path).content, (role, path)
            posted = api.post(f"{detail}messages/", {"body": "안녕하세요"})
            assert posted.status_code == 404, role
            continue
        assert service_request.pk in listed, role
        shown = api.get(detail)
        assert shown.status_code == 200, role
        if reads(role, status):
            assert shown.json()["details_sealed"] is False
            assert shown.json()["product_name"] == SECRET
            for path in paths[1:]:
                assert api.get(detail + path).status_code == 200, (role, path)
        else:
            # The provider before the NDA: the sealed part, nothing that says what is asked.
            assert shown.json()["details_sealed"] is True
            assert set(shown.json()) == {
                "id",
                "reference",
                "status",
                "service_type",
                "therapeutic_area",
                "product_stage",
                "wanted_by",
                "triage_due",
                "response_due",
                "delivery_due",
                "overdue",
                "details_sealed",
            }
            for path in paths[1:]:
                refused = api.get(detail + path)
                assert refused.status_code == 403, (role, path)
                assert SECRET.encode() not in refused.content
            assert api.post(f"{detail}messages/", {"body": "질문"}).status_code == 403
            assert not service_request.messages.filter(author=user).exists()
    readers = set(RequestRead.objects.values_list("user_id", flat=True))
    allowed = {world.roles[role].pk for role in world.roles if reads(role, status)}
    assert readers == allowed


def test_sealed_provider_learns_nothing_of_the_details_anywhere(world):
    service_request = world.request(S.ASSIGNED, product_name=SECRET, goal=SECRET)
    api = client_for(world.coordinator)
    answers = [
        api.get(URL),
        api.get(URL, {"role": "provider"}),
        api.get(f"{URL}{service_request.pk}/"),
        api.get(f"{URL}{service_request.pk}/suggestions/"),
        api.get(f"{URL}{service_request.pk}/events/"),
    ]
    for answer in answers:
        assert SECRET.encode() not in answer.content
        assert service_request.title.encode() not in answer.content
        assert world.company.name_ko.encode() not in answer.content
    assert not RequestRead.objects.exists()


# Every step against every role and state. Legal combinations are walked elsewhere
# (test_linkage_requests_api.py); here every other one is refused and changes nothing.

STEPS = {
    "edit": ("patch", "", {"title": "바꾼 제목"}),
    "attach": ("post", "files/", None),
    "submit": ("post", "submit/", {}),
    "triage": ("post", "triage/", {"note": "확인"}),
    "assign": ("post", "assign/", "offering"),
    "accept-nda": ("post", "accept-nda/", {}),
    "accept": ("post", "accept/", {}),
    "decline": ("post", "decline/", {"reason": "여력 없음"}),
    "start": ("post", "start/", {}),
    "deliver": ("post", "deliver/", {"note": "보고서"}),
    "close": ("post", "close/", {"rating": 4}),
    "cancel": ("post", "cancel/", {"reason": "취소"}),
}
TAKEN_BY = {
    "edit": {"company"},
    "attach": {"company"},
    "submit": {"company"},
    "triage": {"staff", "admin"},
    "assign": {"staff", "admin"},
    "accept-nda": {"coordinator"},
    "accept": {"coordinator"},
    "decline": {"coordinator"},
    "start": {"coordinator"},
    "deliver": {"coordinator"},
    "close": {"company"},
    "cancel": {"company"},
}
# The states each step starts from (the request is confidential: the NDA comes first).
ALLOWED_FROM = {
    "edit": {S.DRAFT},
    "attach": {S.DRAFT},
    "submit": {S.DRAFT},
    "triage": {S.SUBMITTED},
    "assign": {S.SUBMITTED, S.TRIAGED, S.ASSIGNED},
    "accept-nda": {S.ASSIGNED},
    "accept": set(),
    "decline": {S.ASSIGNED},
    "start": {S.ACCEPTED},
    "deliver": {S.ACCEPTED, S.IN_PROGRESS},
    "close": {S.DELIVERED},
    "cancel": set(OPEN_STATUSES),
}


def expected(role: str, step: str, status: str) -> int:
    if not sees(role, status):
        return 404
    if role not in TAKEN_BY[step]:
        return 403
    if status not in ALLOWED_FROM[step]:
        return 409
    return 200


def snapshot(service_request: ServiceRequest) -> tuple:
    row = ServiceRequest.objects.get(pk=service_request.pk)
    return (
        row.status,
        row.title,
        row.updated_at,
        row.provider_id,
        row.nda_accepted_at,
        row.rating,
        row.events.count(),
        row.messages.count(),
        row.files.count(),
    )


def call(api, detail: str, step: str, world):
    method, path, body = STEPS[step]
    if body == "offering":
        body = {"offering": world.offering.pk}
    if body is None:
        return api.post(detail + path, {"files": [pdf_upload()]}, format="multipart")
    return getattr(api, method)(detail + path, body, format="json")


@pytest.mark.parametrize("status", STATUSES)
def test_every_refused_step_changes_nothing(world, status):
    service_request = request_in(world, status)
    detail = f"{URL}{service_request.pk}/"
    before = snapshot(service_request)
    reads_before = RequestRead.objects.count()
    for role, user in world.roles.items():
        api = client_for(user)
        for step in STEPS:
            want = expected(role, step, status)
            if want == 200:
                continue
            answer = call(api, detail, step, world)
            assert answer.status_code == want, (role, step, answer.content)
            assert snapshot(service_request) == before, (role, step)
    assert RequestRead.objects.count() == reads_before


@pytest.mark.parametrize("status", STATUSES)
def test_every_allowed_step_succeeds_and_is_recorded(world, status):
    """The other half of the table: what it allows, the API does."""
    allowed = [
        (role, step)
        for role in world.roles
        for step in STEPS
        if expected(role, step, status) == 200
    ]
    assert all(role not in OUTSIDERS for role, _step in allowed)
    for role, step in allowed:
        service_request = request_in(world, status)
        before = snapshot(service_request)
        answer = call(client_for(world.roles[role]), f"{URL}{service_request.pk}/", step, world)
        assert answer.status_code == 200, (role, step, answer.content)
        assert snapshot(service_request) != before, (role, step)


def test_accept_before_the_nda_is_409_and_after_it_succeeds(world):
    service_request = world.request(S.ASSIGNED)
    api = client_for(world.coordinator)
    detail = f"{URL}{service_request.pk}/"
    assert api.post(f"{detail}accept/").status_code == 409
    assert ServiceRequest.objects.get(pk=service_request.pk).status == S.ASSIGNED
    assert api.post(f"{detail}accept-nda/").status_code == 200
    assert api.post(f"{detail}accept-nda/").status_code == 409
    assert api.post(f"{detail}accept/").json()["status"] == S.ACCEPTED

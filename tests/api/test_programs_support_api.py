"""The support cases API: who reads which cases, staff record and move them on through
the domain, and refusals change nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import Deliverable, SupportCase
from tests.factories import HospitalFactory, MembershipFactory
from tests.partnering.factories_api import client_for
from tests.programs.factories import ProgramFactory, make_program_world

pytestmark = pytest.mark.django_db

CASES = "/api/v1/support-cases/"


@pytest.fixture
def world(db):
    return make_program_world()


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json()


def ids(response) -> list[int]:
    return [row["id"] for row in ok(response)["results"]]


def case_of(world, *, company=None, cluster=None, **data) -> SupportCase:
    values = {
        "company": company or world.company,
        "cluster": cluster or world.cluster,
        "program": world.program,
        "stage": SupportStage.PROTOTYPE,
        "title": "웨어러블 심전도 패치 시제품 제작",
        "amount_krw": 15_000_000,
        "starts_on": date(2025, 3, 2),
    }
    values.update(data)
    return SupportCase.objects.create(**values)


def test_cases_are_read_by_the_company_the_provider_and_the_cluster_s_staff(world):
    hospital = HospitalFactory()
    coordinator = MembershipFactory(organization=hospital).user
    mine = case_of(world, provider=hospital)
    other_cluster = case_of(
        world, company=world.other_company, cluster=world.others["cluster"], program=None
    )
    assert ids(client_for(world.company_member).get(CASES)) == [mine.pk]
    assert ids(client_for(coordinator).get(CASES)) == [mine.pk]
    assert ids(client_for(world.staff).get(CASES)) == [mine.pk]
    assert ids(client_for(world.other_staff).get(CASES)) == [other_cluster.pk]
    assert set(ids(client_for(world.admin).get(CASES))) == {mine.pk, other_cluster.pk}
    for person in (world.reviewers[0], world.stranger):
        assert ids(client_for(person).get(CASES)) == []
        assert client_for(person).get(f"{CASES}{mine.pk}/").status_code == 404
    detail = ok(client_for(world.company_member).get(f"{CASES}{mine.pk}/"))
    assert detail["provider"]["slug"] == hospital.slug and detail["deliverables"] == []
    filtered = client_for(world.admin).get(f"{CASES}?cluster={world.cluster.slug}&stage=prototype")
    assert ids(filtered) == [mine.pk]


def test_staff_record_a_case_change_it_and_move_it_on(world):
    staff = client_for(world.staff)
    created = ok(
        staff.post(
            CASES,
            {
                "company": world.company.slug,
                "cluster": world.cluster.slug,
                "program": world.program.slug,
                "stage": "clinical",
                "title": "확증 임상 설계 자문",
                "amount_krw": 30_000_000,
                "starts_on": "2025-05-01",
            },
            format="json",
        ),
        201,
    )
    assert created["status"] == "planned" and created["program"] == world.program.slug
    url = f"{CASES}{created['id']}/"
    changed = ok(staff.patch(url, {"amount_krw": 35_000_000}, format="json"))
    assert changed["amount_krw"] == 35_000_000
    started = ok(staff.post(f"{url}status/", {"status": "in_progress"}, format="json"))
    assert started["status"] == "in_progress"
    delivered = ok(
        staff.post(
            f"{url}deliverables/",
            {
                "title": "임상시험계획서 검토 의견",
                "delivered_on": "2025-06-01",
                "file": SimpleUploadedFile("opinion.pdf", b"%PDF-1.4\nopinion\n%%EOF\n"),
            },
            format="multipart",
        ),
        201,
    )
    assert [d["title"] for d in delivered["deliverables"]] == ["임상시험계획서 검토 의견"]
    assert delivered["deliverables"][0]["has_file"] is True
    # planned is behind it: 409, nothing changes.
    assert staff.post(f"{url}status/", {"status": "planned"}, format="json").status_code == 409
    assert SupportCase.objects.get(pk=created["id"]).status == SupportStatus.IN_PROGRESS


def test_others_cannot_record_or_change_cases_and_nothing_changes(world):
    case = case_of(world)
    url = f"{CASES}{case.pk}/"
    body = {"company": world.company.slug, "cluster": world.cluster.slug}
    body |= {"stage": "gmp", "title": "GMP 컨설팅"}
    company = client_for(world.company_member)
    assert company.post(CASES, body, format="json").status_code == 403
    assert company.patch(url, {"amount_krw": 1}, format="json").status_code == 403
    assert company.post(f"{url}status/", {"status": "cancelled"}).status_code == 403
    assert company.post(f"{url}deliverables/", {"title": "x"}).status_code == 403
    # Another cluster's staff do not see the case, and cannot record for this cluster.
    other = client_for(world.other_staff)
    assert other.patch(url, {"amount_krw": 1}, format="json").status_code == 404
    assert other.post(CASES, body, format="json").status_code == 400
    case.refresh_from_db()
    assert case.amount_krw == 15_000_000 and case.status == SupportStatus.PLANNED
    assert SupportCase.objects.count() == 1 and not Deliverable.objects.exists()


def test_bad_input_is_a_400_and_nothing_is_written(world):
    staff = client_for(world.staff, language="en")
    other_program = ProgramFactory(cluster=world.others["cluster"])
    response = staff.post(
        CASES,
        {
            "company": world.company.slug,
            "cluster": world.cluster.slug,
            "program": other_program.slug,
            "stage": "gmp",
            "title": "GMP",
        },
        format="json",
    )
    assert response.status_code == 400 and "program" in response.json()
    blank = staff.post(
        CASES,
        {
            "company": world.company.slug,
            "cluster": world.cluster.slug,
            "stage": "gmp",
            "title": " ",
            "starts_on": "2025-05-02",
            "ends_on": "2025-05-01",
        },
        format="json",
    )
    assert blank.status_code == 400 and {"title", "ends_on"} <= set(blank.json())
    assert not SupportCase.objects.exists()

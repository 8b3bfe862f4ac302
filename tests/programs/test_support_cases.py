"""Support cases: staff record them for their clusters, link requests and bookings of the
same company, move them through their statuses and add deliverables; anything wrong is
refused with a reason and writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from ieum.accounts.enums import Role
from ieum.linkage.enums import RequestStatus
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Cohort, Deliverable, SupportCase
from ieum.programs.support import (
    add_deliverable,
    create_support_case,
    set_support_status,
    update_support_case,
)
from ieum.programs.visibility import visible_support_cases
from tests.factories import ClusterFactory, HospitalFactory, MembershipFactory
from tests.programs.factories import ProgramFactory
from tests.programs.support_factories import (
    booking,
    fake_pdf,
    make_support_setting,
    pdf_upload,
    service_request,
    support_case,
)
from tests.race import race

S = SupportStatus


@pytest.fixture
def setting(program_world):
    return make_support_setting(program_world)


def case_data(world, **changes) -> dict:
    data = {
        "cluster": world.cluster,
        "program": world.program,
        "stage": SupportStage.CLINICAL,
        "title": "  관상동맥 스텐트 확증 임상 설계  ",
        "description": "임상시험계획서 검토",
        "amount_krw": 42_000_000,
        "starts_on": date(2025, 4, 1),
        "ends_on": date(2025, 9, 30),
    }
    data.update(changes)
    return data


def private_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# Creating


def test_staff_record_a_case_through_a_linkage_request_whose_provider_it_takes(
    program_world, setting
):
    world = program_world
    request = service_request(world.company, cluster=world.cluster, provider=setting.hospital)
    case = create_support_case(
        actor=world.staff,
        company=world.company,
        data=case_data(world, service_request=request),
    )
    case.refresh_from_db()
    assert case.title == "관상동맥 스텐트 확증 임상 설계"
    assert case.provider == setting.hospital
    assert case.service_request == request
    assert (case.status, case.amount_krw, case.created_by) == (S.PLANNED, 42_000_000, world.staff)
    assert LogEntry.objects.get_for_object(case).get().actor == world.staff


def test_a_booking_makes_the_resources_cluster_operator_the_provider(program_world, setting):
    world = program_world
    held = booking(world.company, resource=setting.resource, booked_by=world.company_member)
    case = create_support_case(
        actor=world.staff,
        company=world.company,
        data=case_data(world, stage=SupportStage.NONCLINICAL, booking=held),
    )
    assert case.provider == world.cluster.operator
    assert case.booking == held


def test_a_provider_named_by_staff_is_kept_over_the_linked_request(program_world, setting):
    world = program_world
    request = service_request(world.company, cluster=world.cluster, provider=setting.hospital)
    other_hospital = HospitalFactory()
    case = create_support_case(
        actor=world.staff,
        company=world.company,
        data=case_data(world, service_request=request, provider=other_hospital),
    )
    assert case.provider == other_hospital


def test_a_cohort_brings_its_program(program_world):
    world = program_world
    cohort = Cohort.objects.create(program=world.program, name_ko="강소기업 3기", year=2025)
    case = create_support_case(
        actor=world.staff,
        company=world.company,
        data=case_data(world, program=None, cohort=cohort),
    )
    assert (case.program, case.cohort) == (world.program, cohort)


def test_platform_admins_record_national_cases_without_a_cluster(program_world):
    world = program_world
    national = ProgramFactory(cluster=None)
    case = create_support_case(
        actor=world.admin,
        company=world.other_company,
        data=case_data(world, cluster=None, program=national),
    )
    assert case.cluster is None and case.program == national


@pytest.mark.parametrize("role", ["other_staff", "company", "other_company", "stranger"])
def test_only_the_clusters_staff_record_its_cases(program_world, role):
    world = program_world
    with pytest.raises(PermissionDenied):
        create_support_case(actor=world.roles[role], company=world.company, data=case_data(world))
    assert not SupportCase.objects.exists()


def refused(world, actor=None, **changes) -> dict:
    """The errors of a refused creation; nothing may have been written."""
    with pytest.raises(ValidationError) as refusal:
        create_support_case(
            actor=actor or world.staff, company=world.company, data=case_data(world, **changes)
        )
    assert not SupportCase.objects.exists()
    return refusal.value.message_dict


def test_a_request_of_another_company_is_refused(program_world, setting):
    world = program_world
    theirs = service_request(world.other_company, cluster=world.cluster, provider=setting.hospital)
    assert set(refused(world, service_request=theirs)) == {"service_request"}


def test_a_request_the_staff_cannot_see_is_refused(program_world, setting):
    world = program_world
    elsewhere = service_request(
        world.company, cluster=world.others["cluster"], provider=setting.hospital
    )
    draft = service_request(world.company, cluster=world.cluster, status=RequestStatus.DRAFT)
    assert set(refused(world, service_request=elsewhere)) == {"service_request"}
    assert set(refused(world, actor=world.admin, service_request=draft)) == {"service_request"}


def test_a_booking_of_another_company_is_refused(program_world, setting):
    world = program_world
    theirs = booking(
        world.other_company, resource=setting.resource, booked_by=world.other_company_member
    )
    assert set(refused(world, booking=theirs)) == {"booking"}


def test_bad_amounts_dates_stages_and_titles_are_refused_together(program_world):
    world = program_world
    errors = refused(
        world,
        amount_krw=-1,
        starts_on=date(2025, 5, 1),
        ends_on=date(2025, 4, 30),
        stage="space_travel",
        title="   ",
    )
    assert set(errors) == {"amount_krw", "ends_on", "stage", "title"}
    assert refused(world, amount_krw="1.5")["amount_krw"]


def test_program_and_cohort_must_belong_to_the_cases_cluster(program_world):
    world = program_world
    foreign = ProgramFactory(cluster=world.others["cluster"])
    foreign_cohort = Cohort.objects.create(program=foreign, name_ko="다른 기수", year=2025)
    other_program = ProgramFactory(cluster=world.cluster)
    sibling_cohort = Cohort.objects.create(program=other_program, name_ko="아카데미 1기", year=2025)
    assert set(refused(world, program=foreign)) == {"program"}
    assert set(refused(world, cohort=foreign_cohort)) == {"cohort"}
    assert set(refused(world, program=None, cohort=foreign_cohort)) == {"program", "cohort"}
    assert set(refused(world, cohort=sibling_cohort)) == {"cohort"}


def test_the_cluster_must_be_one_the_staff_run(program_world):
    world = program_world
    assert set(refused(world, cluster=None, program=None)) == {"cluster"}
    with pytest.raises(PermissionDenied):
        create_support_case(
            actor=world.staff,
            company=world.company,
            data=case_data(world, cluster=world.others["cluster"], program=None),
        )
    assert not SupportCase.objects.exists()


def test_only_companies_receive_support_cases(program_world, setting):
    world = program_world
    with pytest.raises(ValidationError) as refusal:
        create_support_case(actor=world.staff, company=setting.hospital, data=case_data(world))
    assert set(refusal.value.message_dict) == {"company"}
    assert not SupportCase.objects.exists()


# Changing


def test_staff_change_a_case_and_the_audit_log_names_them(program_world, setting):
    world = program_world
    case = support_case(world)
    request = service_request(world.company, cluster=world.cluster, provider=setting.hospital)
    update_support_case(
        actor=world.staff,
        case=case,
        data={"amount_krw": 18_000_000, "service_request": request, "provider": None},
    )
    case.refresh_from_db()
    assert (case.amount_krw, case.provider) == (18_000_000, setting.hospital)
    assert LogEntry.objects.get_for_object(case).latest("timestamp").actor == world.staff


def test_a_refused_change_leaves_the_case_as_it_was(program_world, setting):
    world = program_world
    case = support_case(world)
    before = SupportCase.objects.values().get(pk=case.pk)
    theirs = service_request(world.other_company, cluster=world.cluster, provider=setting.hospital)
    with pytest.raises(ValidationError):
        update_support_case(
            actor=world.staff,
            case=case,
            data={"amount_krw": -5, "service_request": theirs, "title": "바뀐 제목"},
        )
    assert SupportCase.objects.values().get(pk=case.pk) == before


def test_who_may_change_a_case(program_world):
    world = program_world
    case = support_case(world)
    with pytest.raises(PermissionDenied):
        update_support_case(actor=world.company_member, case=case, data={"amount_krw": 1})
    for outsider in (world.other_staff, world.other_company_member, world.stranger):
        with pytest.raises(SupportCase.DoesNotExist):
            update_support_case(actor=outsider, case=case, data={"amount_krw": 1})
    with pytest.raises(PermissionDenied):
        update_support_case(
            actor=world.staff, case=case, data={"cluster": world.others["cluster"], "program": None}
        )
    case.refresh_from_db()
    assert (case.amount_krw, case.cluster) == (15_000_000, world.cluster)


def test_a_cancelled_case_is_not_changed(program_world):
    world = program_world
    case = support_case(world, status=S.CANCELLED)
    with pytest.raises(IllegalStep):
        update_support_case(actor=world.staff, case=case, data={"amount_krw": 1})
    case.refresh_from_db()
    assert case.amount_krw == 15_000_000


# Status


def test_a_case_goes_from_planned_to_in_progress_to_completed(program_world):
    world = program_world
    case = support_case(world, starts_on=None, ends_on=None)
    case = set_support_status(actor=world.staff, case=case, status=S.IN_PROGRESS)
    assert case.status == S.IN_PROGRESS and case.starts_on is not None
    case = set_support_status(actor=world.staff, case=case, status=S.COMPLETED)
    case.refresh_from_db()
    assert case.status == S.COMPLETED and case.ends_on >= case.starts_on
    set_support_status(actor=world.admin, case=case, status=S.CANCELLED)
    assert SupportCase.objects.get(pk=case.pk).status == S.CANCELLED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.PLANNED, S.COMPLETED),
        (S.PLANNED, S.PLANNED),
        (S.IN_PROGRESS, S.PLANNED),
        (S.COMPLETED, S.IN_PROGRESS),
        (S.CANCELLED, S.IN_PROGRESS),
        (S.CANCELLED, S.CANCELLED),
        (S.PLANNED, "archived"),
    ],
)
def test_steps_out_of_order_are_refused(program_world, start, target):
    world = program_world
    case = support_case(world, status=start)
    with pytest.raises(IllegalStep):
        set_support_status(actor=world.staff, case=case, status=target)
    assert SupportCase.objects.get(pk=case.pk).status == start


def test_the_company_cannot_move_its_own_case(program_world):
    world = program_world
    case = support_case(world)
    with pytest.raises(PermissionDenied):
        set_support_status(actor=world.company_member, case=case, status=S.IN_PROGRESS)
    with pytest.raises(SupportCase.DoesNotExist):
        set_support_status(actor=world.other_staff, case=case, status=S.IN_PROGRESS)
    assert SupportCase.objects.get(pk=case.pk).status == S.PLANNED


@pytest.mark.django_db(transaction=True)
def test_completing_and_cancelling_at_once_take_turns():
    from tests.programs.factories import make_program_world

    world = make_program_world()
    second = MembershipFactory(organization=world.cluster.operator, role=Role.CLUSTER_STAFF).user
    case = support_case(world, status=S.IN_PROGRESS)
    outcomes = race(
        lambda: set_support_status(actor=world.staff, case=case, status=S.COMPLETED),
        lambda: set_support_status(actor=second, case=case, status=S.CANCELLED),
        refusals={IllegalStep: "illegal"},
    )
    final = SupportCase.objects.get(pk=case.pk).status
    # Cancelling after completing is allowed; completing after cancelling is not.
    assert (outcomes, final) in [
        (["done", "done"], S.CANCELLED),
        (["illegal", "done"], S.CANCELLED),
    ]


# Deliverables


def test_a_deliverable_is_stored_privately_with_its_name_and_type(program_world):
    world = program_world
    case = support_case(world)
    deliverable = add_deliverable(
        actor=world.staff,
        case=case,
        title=" 시제품 성능 시험 성적서 ",
        delivered_on=date(2025, 6, 20),
        upload=pdf_upload("성적서.pdf"),
    )
    deliverable.refresh_from_db()
    assert deliverable.title == "시제품 성능 시험 성적서"
    assert (deliverable.file_name, deliverable.content_type) == ("성적서.pdf", "application/pdf")
    assert deliverable.added_by == world.staff
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / deliverable.file.name
    assert stored.read_bytes().startswith(b"%PDF")
    assert (
        add_deliverable(actor=world.staff, case=case, title="시제품", delivered_on=None).file == ""
    )


def test_a_fake_file_or_a_missing_title_writes_nothing(program_world, english):
    world = program_world
    case = support_case(world)
    with pytest.raises(ValidationError) as refusal:
        add_deliverable(
            actor=world.staff, case=case, title="성적서", delivered_on=None, upload=fake_pdf()
        )
    assert "not an accepted type" in refusal.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as refusal:
        add_deliverable(
            actor=world.staff, case=case, title=" ", delivered_on=None, upload=pdf_upload()
        )
    assert set(refusal.value.message_dict) == {"title"}
    assert not Deliverable.objects.exists()
    assert private_files() == []


def test_who_may_add_deliverables(program_world):
    world = program_world
    case = support_case(world)
    with pytest.raises(PermissionDenied):
        add_deliverable(actor=world.company_member, case=case, title="보고서", delivered_on=None)
    with pytest.raises(SupportCase.DoesNotExist):
        add_deliverable(actor=world.other_staff, case=case, title="보고서", delivered_on=None)
    cancelled = support_case(world, status=S.CANCELLED)
    with pytest.raises(IllegalStep):
        add_deliverable(
            actor=world.staff,
            case=cancelled,
            title="보고서",
            delivered_on=None,
            upload=pdf_upload(),
        )
    assert not Deliverable.objects.exists()
    assert private_files() == []


# Who sees which cases


def test_each_role_sees_the_cases_it_has_a_part_in(program_world, setting):
    world = program_world
    ours = support_case(world, provider=setting.hospital)
    elsewhere = support_case(
        world, company=world.other_company, cluster=world.others["cluster"], program=None
    )
    expected = {
        "company": {ours},
        "staff": {ours},
        "admin": {ours, elsewhere},
        "other_company": {elsewhere},
        "other_staff": {elsewhere},
        "reviewer": set(),
        "stranger": set(),
    }
    for role, user in world.roles.items():
        assert set(visible_support_cases(user)) == expected[role], role
    assert set(visible_support_cases(setting.coordinator)) == {ours}
    another_hospital = MembershipFactory(organization=HospitalFactory()).user
    assert not visible_support_cases(another_hospital).exists()
    assert not visible_support_cases(
        MembershipFactory(organization=ClusterFactory().operator, role=Role.CLUSTER_STAFF).user
    ).exists()

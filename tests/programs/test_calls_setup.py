"""Setting up programs and calls: each step by the staff who run it, refused for everyone
else and for bad input, with nothing written when refused."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from ieum.programs import calls
from ieum.programs.enums import (
    CallStatus,
    CompanyAge,
    ProgramKind,
)
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Call, Notice, Program
from tests.factories import term
from tests.programs.factories import cardiovascular
from tests.programs.test_call_form_setup import criteria_rows, stage_data


def program_data(**changes) -> dict:
    data = {
        "cluster": None,
        "kind": ProgramKind.GROWTH_COHORT,
        "name_ko": "바이오 창업 아카데미",
        "name_en": "Bio Startup Academy",
        "slug": "",
        "summary_ko": "예비창업자를 위한 교육 과정",
        "summary_en": "",
    }
    return {**data, **changes}


def call_data(**changes) -> dict:
    now = timezone.now()
    data = {
        "title_ko": "2027년 의료기기 시제품 제작 지원 공고",
        "title_en": "2027 medical-device prototyping call",
        "slug": "",
        "body_ko": "시제품 제작을 지원합니다.",
        "body_en": "",
        "opens_at": now + timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "eligible_ages": [CompanyAge.PRE_STARTUP, CompanyAge.UNDER_3],
        "eligible_regions": [term("region", "gyeongnam")],
        "members_only": True,
        "eligible_fields": [cardiovascular()],
        "quota": 5,
        "budget_krw": 500_000_000,
        "conflict_years": 3,
    }
    return {**data, **changes}


def row_of(instance, *fields) -> dict:
    return model_to_dict(instance, fields=fields or None)


# Programs


def test_staff_create_a_program_of_their_cluster_with_an_address_from_its_name(program_world):
    world = program_world
    program = calls.create_program(actor=world.staff, data=program_data(cluster=world.cluster))
    assert program.cluster == world.cluster
    assert program.slug == "bio-startup-academy"
    again = calls.create_program(actor=world.staff, data=program_data(cluster=world.cluster))
    assert again.slug == "bio-startup-academy-2"


def test_only_platform_admins_create_national_programs(program_world):
    world = program_world
    with pytest.raises(PermissionDenied):
        calls.create_program(actor=world.staff, data=program_data())
    assert not Program.objects.filter(name_ko="바이오 창업 아카데미").exists()
    program = calls.create_program(actor=world.admin, data=program_data())
    assert program.cluster is None


@pytest.mark.parametrize("role", ["company", "reviewer", "stranger", "other_staff"])
def test_others_cannot_create_a_program_for_the_cluster(program_world, role):
    before = Program.objects.count()
    with pytest.raises(PermissionDenied):
        calls.create_program(
            actor=program_world.roles[role], data=program_data(cluster=program_world.cluster)
        )
    assert Program.objects.count() == before


def test_a_program_needs_a_korean_name_and_a_free_address(program_world, english):
    world = program_world
    before = Program.objects.count()
    with pytest.raises(ValidationError) as refused:
        calls.create_program(
            actor=world.staff,
            data=program_data(cluster=world.cluster, name_ko=" ", slug=world.program.slug),
        )
    assert refused.value.message_dict["name_ko"] == ["Give the program a Korean name."]
    assert refused.value.message_dict["slug"] == ["This address is taken; choose another."]
    assert Program.objects.count() == before


def test_a_program_moves_only_between_clusters_its_manager_runs(program_world):
    world = program_world
    other_cluster = world.others["cluster"]
    before = row_of(world.program)
    with pytest.raises(PermissionDenied):
        calls.update_program(
            actor=world.staff,
            program=world.program,
            data={"cluster": other_cluster, "name_ko": "바뀐 이름"},
        )
    with pytest.raises(PermissionDenied):
        calls.update_program(actor=world.other_staff, program=world.program, data={"name_ko": "x"})
    world.program.refresh_from_db()
    assert row_of(world.program) == before
    calls.update_program(actor=world.staff, program=world.program, data={"name_ko": "바뀐 이름"})
    world.program.refresh_from_db()
    assert world.program.name_ko == "바뀐 이름"


# Calls


def test_staff_create_a_draft_call_with_its_eligibility(program_world):
    world = program_world
    call = calls.create_call(actor=world.staff, program=world.program, data=call_data())
    assert call.status == CallStatus.DRAFT
    assert call.created_by == world.staff
    assert call.slug == "2027-medical-device-prototyping-call"
    assert list(call.eligible_regions.all()) == [term("region", "gyeongnam")]
    assert list(call.eligible_fields.all()) == [cardiovascular()]
    assert call.eligible_ages == [CompanyAge.PRE_STARTUP, CompanyAge.UNDER_3]
    entry = LogEntry.objects.get_for_object(call).get()
    assert entry.actor == world.staff


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"closes_at": timezone.now() - timedelta(days=1)},
            "closes_at",
            "Applications must close after they open.",
        ),
        ({"quota": 0}, "quota", "Select at least one company."),
        ({"budget_krw": -1}, "budget_krw", "The budget cannot be negative."),
        ({"title_ko": ""}, "title_ko", "Give the call a Korean title."),
        (
            {"eligible_regions": "a field instead of a region"},
            "eligible_regions",
            "Choose terms from the list.",
        ),
        ({"eligible_ages": ["teen"]}, "eligible_ages", "Choose company ages from the list."),
        ({"conflict_years": 99}, "conflict_years", "Look back between 0 and 30 years."),
    ],
)
def test_a_call_with_bad_input_is_refused_and_nothing_is_written(
    program_world, english, changes, field, message
):
    if "eligible_regions" in changes:
        changes = {"eligible_regions": [cardiovascular()]}
    before = Call.objects.count()
    with pytest.raises(ValidationError) as refused:
        calls.create_call(
            actor=program_world.staff, program=program_world.program, data=call_data(**changes)
        )
    assert message in refused.value.message_dict[field]
    assert Call.objects.count() == before


@pytest.mark.parametrize("role", ["other_staff", "company", "reviewer", "stranger"])
def test_only_the_programs_managers_create_or_change_its_calls(program_world, role):
    world = program_world
    actor = world.roles[role]
    before = Call.objects.count()
    with pytest.raises(PermissionDenied):
        calls.create_call(actor=actor, program=world.program, data=call_data())
    with pytest.raises(PermissionDenied):
        calls.update_call(actor=actor, call=world.call, data={"quota": 9})
    for step in (calls.publish_call, calls.cancel_call):
        kwargs = {"reason": "사유"} if step is calls.cancel_call else {}
        with pytest.raises(PermissionDenied):
            step(actor=actor, call=world.call, **kwargs)
    assert Call.objects.count() == before
    world.call.refresh_from_db()
    assert (world.call.quota, world.call.status) == (2, CallStatus.PUBLISHED)


def test_a_published_call_can_be_extended_until_its_results_are_out(program_world):
    world = program_world
    later = world.call.closes_at + timedelta(days=3)
    calls.update_call(actor=world.staff, call=world.call, data={"closes_at": later})
    world.call.refresh_from_db()
    assert world.call.closes_at == later
    assert LogEntry.objects.get_for_object(world.call).latest("timestamp").actor == world.staff
    world.call.results_published_at = timezone.now()
    world.call.save()
    with pytest.raises(IllegalStep):
        calls.update_call(actor=world.staff, call=world.call, data={"quota": 9})
    world.call.refresh_from_db()
    assert world.call.quota == 2


def test_publishing_needs_a_review_stage_and_time_left(program_world, english):
    world = program_world
    call = calls.create_call(actor=world.staff, program=world.program, data=call_data())
    with pytest.raises(ValidationError) as refused:
        calls.publish_call(actor=world.staff, call=call)
    assert refused.value.messages == ["Set up at least one review stage with its criteria first."]
    calls.save_stage(
        actor=world.staff, call=call, stage=None, data=stage_data(), criteria=criteria_rows()
    )
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        calls.publish_call(actor=world.staff, call=call)
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
    calls.update_call(
        actor=world.staff, call=call, data={"closes_at": timezone.now() + timedelta(days=5)}
    )
    calls.publish_call(actor=world.staff, call=call)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    with pytest.raises(IllegalStep):
        calls.publish_call(actor=world.staff, call=call)


def test_cancelling_a_published_call_says_why_on_its_page(program_world, english):
    world = program_world
    with pytest.raises(ValidationError):
        calls.cancel_call(actor=world.staff, call=world.call, reason="  ")
    world.call.refresh_from_db()
    assert world.call.status == CallStatus.PUBLISHED
    calls.cancel_call(actor=world.staff, call=world.call, reason="예산 삭감으로 취소합니다.")
    world.call.refresh_from_db()
    assert world.call.status == CallStatus.CANCELLED
    notice = Notice.objects.get(call=world.call)
    assert notice.body_ko == "예산 삭감으로 취소합니다."
    assert notice.posted_by == world.staff
    with pytest.raises(IllegalStep):
        calls.cancel_call(actor=world.staff, call=world.call, reason="다시")
    with pytest.raises(IllegalStep):
        calls.update_call(actor=world.staff, call=world.call, data={"quota": 3})


def test_a_platform_admin_runs_every_call(program_world):
    calls.update_call(actor=program_world.admin, call=program_world.call, data={"quota": 4})
    program_world.call.refresh_from_db()
    assert program_world.call.quota == 4


# Notices


def test_staff_post_notices_in_korean_at_least(program_world, english):
    world = program_world
    notice = calls.post_notice(
        actor=world.staff,
        call=world.call,
        data={
            "title_ko": "설명회 안내",
            "title_en": "",
            "body_ko": "3월 4일 설명회",
            "body_en": "",
        },
    )
    assert (notice.posted_by, notice.call) == (world.staff, world.call)
    with pytest.raises(ValidationError) as refused:
        calls.post_notice(
            actor=world.staff, call=world.call, data={"title_ko": "제목", "body_ko": " "}
        )
    assert refused.value.message_dict == {"body_ko": ["Write the notice in Korean."]}
    with pytest.raises(PermissionDenied):
        calls.post_notice(
            actor=world.other_staff, call=world.call, data={"title_ko": "제목", "body_ko": "본문"}
        )
    assert Notice.objects.filter(call=world.call).count() == 1

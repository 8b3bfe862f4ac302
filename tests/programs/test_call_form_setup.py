"""Setting up a call's application form and review stages: by the staff who run it,
refused for everyone else, for bad input and once applications or scores fix them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.programs import calls
from ieum.programs.enums import (
    Aggregation,
    ApplicationStatus,
    StageKind,
    StageStatus,
)
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Question
from tests.factories import MembershipFactory
from tests.programs.factories import CallFactory
from tests.race import race

# The application form


def question_rows(world) -> list[dict]:
    """The world's questions as the form builder sends them back, the choice one first."""
    text, _number, choice, _file = world.questions.values()
    return [
        {
            "pk": choice.pk,
            "position": 1,
            "kind": "choice",
            "label_ko": "개발 단계",
            "label_en": "Stage",
            "help_ko": "",
            "help_en": "",
            "is_required": True,
            "choices": [
                {"value": "prototype", "ko": " 시제품 ", "en": "Prototype"},
                {"value": "clinical", "ko": "임상", "en": ""},
                {"value": "approved", "ko": "허가 완료", "en": "Approved"},
            ],
            "max_length": None,
        },
        {
            "pk": text.pk,
            "position": 2,
            "kind": "text",
            "label_ko": "핵심 기술",
            "label_en": "Core technology",
            "help_ko": "",
            "help_en": "",
            "is_required": True,
            "choices": [],
            "max_length": 1000,
        },
        {
            "position": 3,
            "kind": "number",
            "label_ko": "연 매출 (백만 원)",
            "label_en": "",
            "help_ko": "",
            "help_en": "",
            "is_required": False,
            "choices": [],
            "max_length": None,
        },
    ]


def form_of(call) -> list[tuple]:
    return list(call.questions.values_list("pk", "position", "kind", "label_ko", "choices"))


def test_the_form_is_replaced_keeping_questions_that_stay(program_world):
    world = program_world
    text, number, choice, file = world.questions.values()
    calls.save_questions(actor=world.staff, call=world.call, questions=question_rows(world))
    saved = list(world.call.questions.order_by("position"))
    assert [q.pk for q in saved[:2]] == [choice.pk, text.pk]
    assert [q.position for q in saved] == [1, 2, 3]
    assert saved[0].choices[0] == {"value": "prototype", "ko": "시제품", "en": "Prototype"}
    assert saved[1].max_length == 1000
    assert saved[2].label_ko == "연 매출 (백만 원)"
    assert not world.call.questions.filter(pk__in=[number.pk, file.pk]).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"choices": [{"value": "a", "ko": "가", "en": ""}]},
            "Line 1: A choice question needs at least two different choices.",
        ),
        (
            {"choices": [{"value": "a", "ko": "가", "en": ""}, {"value": "a", "ko": "나"}]},
            "Line 1: Give each choice its own value.",
        ),
        (
            {
                "choices": [
                    {"value": "a", "ko": "가", "en": ""},
                    {"value": "b", "ko": "", "en": "B"},
                ]
            },
            "Line 1: Give each choice a Korean label.",
        ),
        ({"label_ko": ""}, "Line 1: Give the question a Korean label."),
        ({"kind": "text"}, "Line 1: Only choice questions have choices."),
        ({"kind": "essay", "choices": []}, None),
    ],
)
def test_a_bad_question_is_refused_and_the_form_stays(program_world, english, change, message):
    world = program_world
    before = form_of(world.call)
    rows = question_rows(world)
    rows[0].update(change)
    with pytest.raises(ValidationError) as refused:
        calls.save_questions(actor=world.staff, call=world.call, questions=rows)
    if message:
        assert message in refused.value.message_dict["questions"]
    assert form_of(world.call) == before


def test_only_text_questions_have_a_longest_answer(program_world, english):
    world = program_world
    rows = question_rows(world)
    rows[2]["max_length"] = 10
    rows[1]["max_length"] = 0
    with pytest.raises(ValidationError) as refused:
        calls.save_questions(actor=world.staff, call=world.call, questions=rows)
    assert refused.value.message_dict["questions"] == [
        "Line 2: Allow between 1 and 20000 characters.",
        "Line 3: Only text answers have a longest length.",
    ]


def test_a_question_of_another_call_cannot_be_taken_over(program_world):
    world = program_world
    other = CallFactory(program=world.program)
    foreign = Question.objects.create(call=other, kind="text", label_ko="다른 공고의 질문")
    rows = question_rows(world)
    rows[1]["pk"] = foreign.pk
    before = form_of(world.call)
    with pytest.raises(ValidationError):
        calls.save_questions(actor=world.staff, call=world.call, questions=rows)
    assert form_of(world.call) == before
    assert Question.objects.get(pk=foreign.pk).call == other


@pytest.mark.parametrize(
    "status", [ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.SELECTED]
)
def test_the_form_is_fixed_once_an_application_was_submitted(program_world, english, status):
    world = program_world
    world.application(status=status)
    before_questions = form_of(world.call)
    before_documents = list(world.call.required_documents.values_list("pk", "name_ko"))
    with pytest.raises(IllegalStep) as refused:
        calls.save_questions(actor=world.staff, call=world.call, questions=question_rows(world))
    assert refused.value.messages == [
        "Applications were submitted to this call, so its form can no longer change."
    ]
    with pytest.raises(IllegalStep):
        calls.save_documents(actor=world.staff, call=world.call, documents=[])
    assert form_of(world.call) == before_questions
    assert list(world.call.required_documents.values_list("pk", "name_ko")) == before_documents


def test_drafts_do_not_fix_the_form(program_world):
    world = program_world
    world.application(status=ApplicationStatus.DRAFT)
    calls.save_questions(actor=world.staff, call=world.call, questions=question_rows(world))
    assert world.call.questions.count() == 3


def test_required_documents_are_replaced_and_checked(program_world, english):
    world = program_world
    rows = [
        {
            "pk": world.document.pk,
            "position": 2,
            "name_ko": "사업계획서",
            "name_en": "",
            "is_required": True,
        },
        {
            "position": 1,
            "name_ko": "재무제표",
            "name_en": "Financial statements",
            "is_required": False,
        },
    ]
    calls.save_documents(actor=world.staff, call=world.call, documents=rows)
    saved = list(world.call.required_documents.values_list("pk", "position", "name_ko"))
    assert saved[1] == (world.document.pk, 2, "사업계획서")
    assert saved[0][1:] == (1, "재무제표")
    rows = [{"position": 1, "name_ko": "", "name_en": "Plan", "is_required": True}]
    with pytest.raises(ValidationError) as refused:
        calls.save_documents(actor=world.staff, call=world.call, documents=rows)
    assert refused.value.message_dict["documents"] == ["Line 1: Give the document a Korean name."]
    assert list(world.call.required_documents.values_list("pk", "position", "name_ko")) == saved
    with pytest.raises(PermissionDenied):
        calls.save_documents(actor=world.other_staff, call=world.call, documents=[])
    assert world.call.required_documents.count() == 2


# Review stages


def stage_data(**changes) -> dict:
    data = {
        "position": 2,
        "kind": StageKind.PRESENTATION,
        "name_ko": "발표평가",
        "name_en": "Presentation review",
        "reviewers_per_application": 5,
        "is_blind": False,
        "aggregation": Aggregation.TRIMMED_MEAN,
        "trim_count": 1,
        "normalize": True,
        "disagreement_threshold": Decimal("12.5"),
        "tie_break": "criteria",
        "advance_count": None,
        "reviews_due_at": timezone.now() + timedelta(days=40),
    }
    return {**data, **changes}


def criteria_rows(*changes: dict) -> list[dict]:
    rows = [
        {"name_ko": "사업성", "name_en": "Business", "weight": 60, "scale_min": 1, "scale_max": 10},
        {"name_ko": "발표", "name_en": "Pitch", "weight": 40, "scale_min": 1, "scale_max": 10},
    ]
    for row, change in zip(rows, changes, strict=False):
        row.update(change)
    return [
        {**row, "position": n, "description_ko": "", "description_en": ""}
        for n, row in enumerate(rows)
    ]


def stage_rows(stage) -> list[tuple]:
    return list(
        stage.criteria.values_list("pk", "position", "name_ko", "weight", "scale_min", "scale_max")
    )


def test_staff_add_a_stage_with_its_weighted_criteria(program_world):
    world = program_world
    stage = calls.save_stage(
        actor=world.staff, call=world.call, stage=None, data=stage_data(), criteria=criteria_rows()
    )
    assert (stage.position, stage.aggregation, stage.normalize) == (2, "trimmed_mean", True)
    assert [(name, w) for _pk, _p, name, w, _lo, _hi in stage_rows(stage)] == [
        ("사업성", 60),
        ("발표", 40),
    ]


@pytest.mark.parametrize(
    ("data", "criteria", "field", "message"),
    [
        ({"position": 1}, None, "position", "Another stage of this call has this position."),
        (
            {"reviewers_per_application": 2},
            None,
            "aggregation",
            "A trimmed mean needs at least three reviewers.",
        ),
        (
            {"trim_count": 3},
            None,
            "trim_count",
            "With 5 reviewers, trim between 1 and 2 totals at each end.",
        ),
        (
            {"disagreement_threshold": Decimal("-1")},
            None,
            "disagreement_threshold",
            "Flag disagreement between 0 and 100 points.",
        ),
        ({"name_ko": ""}, None, "name_ko", "Give the stage a Korean name."),
        ({}, [{"weight": 0}], "criteria", "Line 1: Weigh each criterion at least 1."),
        (
            {},
            [{}, {"scale_min": 5, "scale_max": 5}],
            "criteria",
            "Line 2: The highest score must be above the lowest.",
        ),
        ({}, [{"name_ko": ""}], "criteria", "Line 1: Give the criterion a Korean name."),
    ],
)
def test_a_bad_stage_is_refused_and_nothing_is_written(
    program_world, english, data, criteria, field, message
):
    world = program_world
    before = list(world.call.stages.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=None,
            data=stage_data(**data),
            criteria=criteria_rows(*(criteria or [])),
        )
    assert message in refused.value.message_dict[field]
    assert list(world.call.stages.values_list("pk", flat=True)) == before


def test_a_stage_needs_a_criterion(program_world, english):
    with pytest.raises(ValidationError) as refused:
        calls.save_stage(
            actor=program_world.staff,
            call=program_world.call,
            stage=None,
            data=stage_data(),
            criteria=[],
        )
    assert refused.value.message_dict["criteria"] == ["Give the stage at least one criterion."]


def existing_criteria(world, **change) -> list[dict]:
    rows = [
        {
            "pk": c.pk,
            "position": c.position,
            "name_ko": c.name_ko,
            "name_en": c.name_en,
            "description_ko": "",
            "description_en": "",
            "weight": c.weight,
            "scale_min": c.scale_min,
            "scale_max": c.scale_max,
        }
        for c in world.criteria
    ]
    rows[0].update(change)
    return rows


def world_stage_data(world, **changes) -> dict:
    data = {field: getattr(world.stage, field) for field in stage_data()}
    return {**data, **changes}


def test_once_scored_a_stage_keeps_its_criteria_but_other_settings_change(program_world, english):
    world = program_world
    application = world.application()
    world.score(world.assign(application, world.reviewers[0]), [5, 4, 3, 4], submit=False)
    before = stage_rows(world.stage)
    with pytest.raises(IllegalStep) as refused:
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=world.stage,
            data=world_stage_data(world),
            criteria=existing_criteria(world, weight=40),
        )
    assert "can no longer change" in refused.value.messages[0]
    with pytest.raises(IllegalStep):
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=world.stage,
            data=world_stage_data(world),
            criteria=existing_criteria(world)[1:],
        )
    assert stage_rows(world.stage) == before
    # A typo in a name and how scores combine may still be corrected.
    calls.save_stage(
        actor=world.staff,
        call=world.call,
        stage=world.stage,
        data=world_stage_data(world, aggregation=Aggregation.MEDIAN, advance_count=1),
        criteria=existing_criteria(world, name_ko="인프라 (시설·장비)"),
    )
    world.stage.refresh_from_db()
    assert (world.stage.aggregation, world.stage.advance_count) == ("median", 1)
    assert world.stage.criteria.get(pk=world.criteria[0].pk).name_ko == "인프라 (시설·장비)"


def test_before_any_score_criteria_are_replaced(program_world):
    world = program_world
    calls.save_stage(
        actor=world.staff,
        call=world.call,
        stage=world.stage,
        data=world_stage_data(world),
        criteria=existing_criteria(world, weight=50)[:2],
    )
    assert [c[3] for c in stage_rows(world.stage)] == [50, 25]


def test_a_decided_stage_does_not_change(program_world):
    world = program_world
    world.stage.status = StageStatus.DECIDED
    world.stage.save()
    with pytest.raises(IllegalStep):
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=world.stage,
            data=world_stage_data(world, name_ko="바뀐"),
            criteria=existing_criteria(world),
        )
    world.stage.refresh_from_db()
    assert world.stage.name_ko == "서면평가"


def test_after_submissions_stages_keep_their_order_and_new_ones_come_last(program_world):
    world = program_world
    world.application()
    second = calls.save_stage(
        actor=world.staff,
        call=world.call,
        stage=None,
        data=stage_data(position=3),
        criteria=criteria_rows(),
    )
    with pytest.raises(IllegalStep):
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=second,
            data=stage_data(position=2),
            criteria=criteria_rows(),
        )
    world.stage.refresh_from_db()
    with pytest.raises(IllegalStep):
        calls.save_stage(
            actor=world.staff,
            call=world.call,
            stage=None,
            data=stage_data(position=2),
            criteria=criteria_rows(),
        )
    assert list(world.call.stages.values_list("position", flat=True)) == [1, 3]


def test_a_stage_of_another_call_is_not_found_and_others_are_refused(program_world):
    world = program_world
    other_call = CallFactory(program=world.program)
    with pytest.raises(world.stage.DoesNotExist):
        calls.save_stage(
            actor=world.staff,
            call=other_call,
            stage=world.stage,
            data=world_stage_data(world),
            criteria=existing_criteria(world),
        )
    with pytest.raises(PermissionDenied):
        calls.save_stage(
            actor=world.other_staff,
            call=world.call,
            stage=None,
            data=stage_data(),
            criteria=criteria_rows(),
        )
    assert world.call.stages.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_managers_adding_a_stage_at_one_position_at_once_leave_one(program_world):
    """They take turns on the call's row: the second sees the first's stage and is refused
    with the reason instead of failing on the database constraint."""
    world = program_world
    second_staff = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    for position in (2, 3, 4):
        outcomes = race(
            *[
                lambda actor=actor, position=position: calls.save_stage(
                    actor=actor,
                    call=world.call,
                    stage=None,
                    data=stage_data(position=position),
                    criteria=criteria_rows(),
                )
                for actor in (world.staff, second_staff)
            ],
            refusals={ValidationError: "refused"},
        )
        assert sorted(outcomes) == ["done", "refused"]
        assert world.call.stages.get(position=position).criteria.count() == 2

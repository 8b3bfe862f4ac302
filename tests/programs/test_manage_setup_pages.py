"""The managers' set-up pages of a call: the form builder and the review stages."""

from datetime import UTC, datetime

from ieum.programs.enums import QuestionKind
from ieum.programs.models import (
    Question,
)
from tests.programs.factories import CallFactory
from tests.programs.manage_posts import CRITERIA, call_page, question_lines, stage_post

CALL_PAGES = ("", "form/", "stages/", "pool/", "notices/", "inquiries/", "applications/")


# The form builder


def test_the_form_builder_replaces_questions_and_documents(client, program_world):
    world = program_world
    client.force_login(world.staff)
    assert client.get(call_page(world.call, "form/")).status_code == 200
    response = client.post(call_page(world.call, "form/"), question_lines(world))
    assert response.status_code == 302
    questions = list(world.call.questions.order_by("position"))
    assert [
        (q.pk == world.questions[QuestionKind.TEXT].pk, q.kind, q.max_length) for q in questions
    ] == [
        (True, "text", 500),
        (False, "choice", None),
    ]
    assert questions[1].choices == [
        {"value": "prototype", "ko": "시제품", "en": "Prototype"},
        {"value": "clinical", "ko": "임상", "en": "Clinical"},
        {"value": "허가", "ko": "허가", "en": ""},
    ]
    assert list(world.call.required_documents.values_list("name_ko", "is_required")) == [
        ("사업계획서", True),
        ("재무제표", False),
    ]


def test_a_bad_form_is_shown_again_and_nothing_changes(client, program_world, english):
    world = program_world
    client.force_login(world.staff)
    before = list(Question.objects.filter(call=world.call).values_list("pk", "label_ko"))
    data = question_lines(world)
    data["questions-1-choices"] = "only|하나"
    response = client.post(call_page(world.call, "form/"), data)
    assert response.status_code == 400
    assert "A choice question needs at least two different choices." in response.content.decode()
    assert list(Question.objects.filter(call=world.call).values_list("pk", "label_ko")) == before
    assert world.call.required_documents.count() == 1


def test_once_submitted_the_form_is_shown_locked_and_refused(client, program_world, english):
    world = program_world
    world.application()
    client.force_login(world.staff)
    page = client.get(call_page(world.call, "form/")).content.decode()
    assert 'id="form-locked"' in page
    before = list(Question.objects.filter(call=world.call).values_list("pk", "label_ko"))
    response = client.post(call_page(world.call, "form/"), question_lines(world))
    assert response.status_code == 409
    assert "its form can no longer change" in response.content.decode()
    assert list(Question.objects.filter(call=world.call).values_list("pk", "label_ko")) == before


# Stages


def test_staff_add_a_stage_with_its_criteria(client, program_world):
    world = program_world
    client.force_login(world.staff)
    page = client.get(call_page(world.call, "stages/"))
    assert page.status_code == 200
    assert len(page.context["panels"]) == 2
    response = client.post(call_page(world.call, "stages/"), stage_post("new", criteria=CRITERIA))
    assert response.status_code == 302
    stage = world.call.stages.get(position=2)
    assert response.url.endswith(f"#stage-{stage.pk}")
    assert stage.reviews_due_at == datetime(2027, 4, 10, 9, 0, tzinfo=UTC)
    assert list(stage.criteria.values_list("name_ko", "weight")) == [("사업성", 60), ("발표", 40)]


def test_a_bad_stage_is_shown_again_and_nothing_is_written(client, program_world, english):
    world = program_world
    client.force_login(world.staff)
    criteria = [{**CRITERIA[0], "scale_min": 5, "scale_max": 5}]
    response = client.post(
        call_page(world.call, "stages/"), stage_post("new", criteria=criteria, position="1")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Another stage of this call has this position." in page
    assert "Line 1: The highest score must be above the lowest." in page
    assert world.call.stages.count() == 1


def test_a_scored_stage_refuses_new_weights(client, program_world, english):
    world = program_world
    world.score(world.assign(world.application(), world.reviewers[0]), [5, 4, 3, 4])
    client.force_login(world.staff)
    key = str(world.stage.pk)
    criteria = [
        {
            "pk": c.pk,
            "position": c.position,
            "name_ko": c.name_ko,
            "weight": 10,
            "scale_min": 1,
            "scale_max": 5,
        }
        for c in world.criteria
    ]
    data = stage_post(key, criteria=criteria, initial=4, position="1", kind="document")
    response = client.post(call_page(world.call, "stages/"), data)
    assert response.status_code == 409
    assert list(world.stage.criteria.values_list("weight", flat=True)) == [30, 25, 20, 25]


def test_a_stage_of_another_call_cannot_be_posted(client, program_world):
    world = program_world
    other = CallFactory(program=world.program)
    client.force_login(world.staff)
    data = stage_post(str(world.stage.pk), criteria=CRITERIA)
    assert client.post(call_page(other, "stages/"), data).status_code == 404

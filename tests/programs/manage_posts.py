"""POST data and addresses for the program managers' pages, shared by their tests."""

from ieum.programs.enums import QuestionKind

CALL_PAGES = ("", "form/", "stages/", "pool/", "notices/", "inquiries/", "applications/")


def call_page(call, page: str = "") -> str:
    return f"/programs/manage/calls/{call.slug}/{page}"


def lines(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    """The POST data of a formset with these lines."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                value = "on"
            if value in (False, None):
                continue
            data[f"{prefix}-{index}-{name}"] = str(value)
    return data


def question_lines(world) -> dict:
    text = world.questions[QuestionKind.TEXT]
    rows = [
        {
            "pk": text.pk,
            "position": 1,
            "kind": "text",
            "label_ko": "핵심 기술",
            "label_en": "Core technology",
            "is_required": True,
            "max_length": 500,
        },
        {
            "position": 2,
            "kind": "choice",
            "label_ko": "개발 단계",
            "choices": "prototype|시제품|Prototype\nclinical|임상|Clinical\n허가",
        },
        {"position": "", "kind": "text", "label_ko": ""},
    ]
    documents = [
        {"pk": world.document.pk, "position": 1, "name_ko": "사업계획서", "is_required": True},
        {"position": 2, "name_ko": "재무제표"},
    ]
    return {**lines("questions", rows, initial=1), **lines("documents", documents, initial=1)}


def stage_post(key: str, *, criteria: list[dict], initial: int = 0, **changes) -> dict:
    data = {
        "stage": key,
        f"stage-{key}-position": "2",
        f"stage-{key}-kind": "presentation",
        f"stage-{key}-name_ko": "발표평가",
        f"stage-{key}-name_en": "Pitch",
        f"stage-{key}-reviewers_per_application": "5",
        f"stage-{key}-aggregation": "median",
        f"stage-{key}-trim_count": "1",
        f"stage-{key}-disagreement_threshold": "15",
        f"stage-{key}-tie_break": "criteria",
        f"stage-{key}-advance_count": "",
        f"stage-{key}-reviews_due_at": "2027-04-10T18:00",
    }
    data.update({f"stage-{key}-{name}": value for name, value in changes.items()})
    return {**data, **lines(f"criteria-{key}", criteria, initial=initial)}


CRITERIA = [
    {"position": 1, "name_ko": "사업성", "weight": 60, "scale_min": 1, "scale_max": 10},
    {"position": 2, "name_ko": "발표", "weight": 40, "scale_min": 1, "scale_max": 10},
]

"""What an application's page shows a person: the applicant their status, what keeps
the draft from being submitted and the announced result; managers and assigned
reviewers without a conflict what was sent; nobody else anything (404)."""

from __future__ import annotations

from django.http import Http404

from ieum.programs import applications
from ieum.programs.application_forms import WithdrawForm
from ieum.programs.eligibility import eligibility_reasons
from ieum.programs.enums import ApplicationStatus, DecisionOutcome, QuestionKind
from ieum.programs.models import Application
from ieum.programs.visibility import visible_applications

S = ApplicationStatus


def visible_application(user, pk: int) -> Application:
    found = (
        visible_applications(user)
        .select_related("call__program__cluster", "company", "current_stage", "created_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _answer_rows(application: Application, files_by_slot: dict) -> list[dict]:
    rows = []
    for question in application.call.questions.all():
        value = application.answers.get(str(question.pk))
        if question.kind == QuestionKind.CHOICE and value is not None:
            value = dict(question.choice_pairs()).get(value, value)
        rows.append(
            {
                "question": question,
                "value": value,
                "file": files_by_slot.get((None, question.pk)),
                "is_file": question.kind == QuestionKind.FILE,
            }
        )
    return rows


def _result(application: Application) -> str:
    """The announced outcome in words; empty until the results are published."""
    call = application.call
    if call.results_published_at is None or application.status not in (
        S.SELECTED,
        S.NOT_SELECTED,
    ):
        return ""
    last = application.decisions.order_by("-stage__position", "-pk").first()
    if application.status == S.NOT_SELECTED and last and last.outcome == DecisionOutcome.RESERVE:
        return str(DecisionOutcome.RESERVE.label)
    return application.get_status_display()


def detail_context(user, application: Application, *, withdraw_form=None) -> dict:
    is_applicant = user.has_perm("programs.submit_application", application)
    manages = user.has_perm("programs.manage_application", application)
    call = application.call
    files = list(application.files.select_related("uploaded_by"))
    by_slot = {(f.document_id, f.question_id): f for f in files}
    is_draft = application.status == S.DRAFT
    open_now = applications.is_open(call)
    status, status_label = (
        applications.applicant_status(application)
        if is_applicant and not manages
        else (application.status, application.get_status_display())
    )
    stage = application.current_stage
    return {
        "application": application,
        "call": call,
        "status": status,
        "status_label": status_label,
        "is_applicant": is_applicant,
        "manages": manages,
        # A blind stage hides who applied from its reviewers.
        "show_company": is_applicant or manages or not (stage and stage.is_blind),
        "reasons": (
            eligibility_reasons(call=call, company=application.company)
            if is_applicant and is_draft
            else []
        ),
        "missing": applications.missing_items(application) if is_draft else [],
        "answers": _answer_rows(application, by_slot),
        "documents": [
            {"document": document, "file": by_slot.get((document.pk, None))}
            for document in call.required_documents.all()
        ],
        "open_now": open_now,
        "closes": applications.seoul_time(call.closes_at),
        "can_edit": is_applicant and is_draft and open_now,
        "can_withdraw": (
            user.has_perm("programs.withdraw_application", application)
            and application.status in applications.WITHDRAWABLE
            and call.results_published_at is None
        ),
        "result": _result(application) if is_applicant or manages else "",
        "withdraw_form": withdraw_form or WithdrawForm(),
    }

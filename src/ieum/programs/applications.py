"""A company's application to a call: start a draft, fill it in, submit it, withdraw it.

The deadline is the server's clock: a call takes applications while
`opens_at <= timezone.now() < closes_at`, whatever the applicant's browser says. A
draft is saved and submitted only inside that window; at or after the closing time
every change is refused with `CallClosed`, whose message names the closing time in
Seoul, and nothing is written.

Each step locks the application row, so two members of a company acting at once take
turns, then checks who may act and the state after the lock. Every input is checked
(`application_input`) before the first write; files go to private storage last, since
a file on disk does not roll back with the transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from auditlog.context import set_actor, set_extra_data
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import SEOUL
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.programs import notifications
from ieum.programs.application_input import CheckedInput, check_input
from ieum.programs.eligibility import eligibility_reasons
from ieum.programs.enums import ApplicationStatus, CallPhase, CallStatus, QuestionKind
from ieum.programs.errors import CallClosed, IllegalStep, Incomplete, NotEligible
from ieum.programs.models import Application, ApplicationFile, Call

S = ApplicationStatus
WITHDRAWABLE = (S.DRAFT, S.SUBMITTED)
# What applicants see of a decided application before the results are announced.
UNDISCLOSED = (S.SELECTED, S.NOT_SELECTED)


def applying_companies(user) -> QuerySet[Organization]:
    """The companies a person may apply for: those they are a member of."""
    return Organization.objects.filter(
        pk__in=access_for(user).organization_ids, kind=OrganizationKind.COMPANY
    ).order_by("name_ko")


def seoul_time(moment: datetime) -> str:
    return timezone.localtime(moment, SEOUL).strftime("%Y-%m-%d %H:%M")


def is_open(call: Call, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return call.status == CallStatus.PUBLISHED and call.opens_at <= now < call.closes_at


def call_phase(call: Call, *, now: datetime | None = None) -> CallPhase:
    now = now or timezone.now()
    if now < call.opens_at:
        return CallPhase.UPCOMING
    if now < call.closes_at:
        return CallPhase.OPEN
    if call.results_published_at is None:
        return CallPhase.REVIEWING
    return CallPhase.ANNOUNCED


def require_open(call: Call, *, now: datetime | None = None) -> None:
    """Refuse with the reason when the call does not take applications now."""
    now = now or timezone.now()
    if call.status != CallStatus.PUBLISHED:
        raise CallClosed(_("This call does not take applications."))
    if now < call.opens_at:
        raise CallClosed(
            _("The call opens on %(opens)s (Seoul time); applications are not accepted yet.")
            % {"opens": seoul_time(call.opens_at)}
        )
    if now >= call.closes_at:
        raise CallClosed(
            _("The call closed on %(closes)s (Seoul time); applications are no longer accepted.")
            % {"closes": seoul_time(call.closes_at)}
        )


def applicant_status(application: Application) -> tuple[str, str]:
    """The status an applicant may see: a decision only once the results are announced."""
    if application.status in UNDISCLOSED and application.call.results_published_at is None:
        return S.SUBMITTED, S.SUBMITTED.label
    return application.status, application.get_status_display()


def live_application(*, call: Call, company: Organization) -> Application | None:
    return (
        Application.objects.filter(call=call, company=company).exclude(status=S.WITHDRAWN).first()
    )


def start_application(*, actor, call: Call, company: Organization) -> Application:
    """A draft for the company, or the live application it already has for the call."""
    if not actor.has_perm("programs.apply_to_call", call):
        raise PermissionDenied(_("You cannot apply to this call."))
    if not applying_companies(actor).filter(pk=company.pk).exists():
        raise PermissionDenied(_("You cannot apply for this organization."))
    require_open(call)
    existing = live_application(call=call, company=company)
    if existing is not None:
        return existing
    try:
        with transaction.atomic(), set_actor(actor):
            return Application.objects.create(
                call=call, company=company, created_by=actor, status=S.DRAFT, title=""
            )
    except IntegrityError:
        # Another member started one at the same moment; the constraint keeps one.
        existing = live_application(call=call, company=company)
        if existing is None:
            raise
        return existing


def _locked(application: Application, *, actor) -> Application:
    # The call's row is locked first, as the call's set-up and its results lock it: a
    # submission then never passes against a form that is being replaced, nor a
    # withdrawal against results being published, and the lock order stays call, then
    # application everywhere, so the two never deadlock.
    Call.objects.select_for_update(of=("self",)).filter(pk=application.call_id).first()
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__program", "company")
        .get(pk=application.pk)
    )
    if not actor.has_perm("programs.view_application", locked):
        raise Application.DoesNotExist
    return locked


def _require_applicant(actor, application: Application) -> None:
    if not actor.has_perm("programs.submit_application", application):
        raise PermissionDenied(_("Only the applying company changes its application."))


def _require_draft(application: Application) -> None:
    if application.status != S.DRAFT:
        raise IllegalStep(
            _("This application is %(status)s; only a draft can be changed.")
            % {"status": application.get_status_display()}
        )


def _store_file(application: Application, *, actor, slot: dict, upload) -> ApplicationFile:
    row = ApplicationFile(
        application=application,
        name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        uploaded_by=actor,
        **slot,
    )
    row.file.save(upload.name, upload.file, save=False)
    row.save()
    return row


def _forget_files(rows) -> None:
    """Delete the rows now and their stored files once the deletion is committed."""
    names = [row.file.name for row in rows]
    storage = ApplicationFile._meta.get_field("file").storage
    for row in rows:
        row.delete()

    def delete_stored() -> None:
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete_stored)


def _write(application: Application, *, actor, checked: CheckedInput, question_ids) -> None:
    for name, value in checked.values.items():
        setattr(application, name, value)
    answers = {key: value for key, value in application.answers.items() if key in question_ids}
    for key, value in checked.answers.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    application.answers = answers
    application.save()
    if checked.fields is not None:
        application.fields.set(checked.fields)
    for document, question, upload in checked.files:
        slot = {"document": document} if document is not None else {"question": question}
        _forget_files(list(application.files.filter(**slot)))
        _store_file(application, actor=actor, slot=slot, upload=upload)


def save_application(
    *,
    actor,
    application: Application,
    data: dict[str, Any],
    answers: dict[str, Any],
    uploads: dict[str, UploadedFile],
) -> Application:
    """Change a draft: project data, answers by question id, files by slot key.

    An upload replaces the file its slot ("document-<pk>" or "question-<pk>") held.
    """
    with transaction.atomic(), set_actor(actor):
        application = _locked(application, actor=actor)
        _require_applicant(actor, application)
        _require_draft(application)
        require_open(application.call)
        questions = list(application.call.questions.all())
        checked = check_input(
            application=application,
            questions=questions,
            documents=application.call.required_documents.all(),
            data=data,
            answers=answers,
            uploads=uploads,
        )
        _write(
            application,
            actor=actor,
            checked=checked,
            question_ids={str(question.pk) for question in questions},
        )
        return application


def remove_file(*, actor, file: ApplicationFile) -> None:
    """Take a file off a draft, while the call is open."""
    with transaction.atomic(), set_actor(actor):
        application = _locked(file.application, actor=actor)
        _require_applicant(actor, application)
        _require_draft(application)
        require_open(application.call)
        _forget_files(list(application.files.filter(pk=file.pk)))


def missing_items(application: Application) -> list[str]:
    """What a submission still needs, in the order of the form."""
    missing = []
    if not application.title.strip():
        missing.append(_("Give the project a title."))
    filled = set(application.files.values_list("document_id", "question_id"))
    answered_documents = {document for document, _question in filled if document}
    answered_questions = {question for _document, question in filled if question}
    for question in application.call.questions.filter(is_required=True):
        if question.kind == QuestionKind.FILE:
            if question.pk not in answered_questions:
                missing.append(_("Upload a file for “%(label)s”.") % {"label": question.label})
        elif application.answers.get(str(question.pk)) in (None, ""):
            missing.append(_("Answer the question “%(label)s”.") % {"label": question.label})
    for document in application.call.required_documents.filter(is_required=True):
        if document.pk not in answered_documents:
            missing.append(_("Attach the document “%(name)s”.") % {"name": document.name})
    return missing


def submit_application(*, actor, application: Application) -> Application:
    """Send a complete draft of an eligible company before the call closes."""
    with transaction.atomic(), set_actor(actor):
        application = _locked(application, actor=actor)
        _require_applicant(actor, application)
        if application.status != S.DRAFT:
            raise IllegalStep(
                _("This application is %(status)s; only a draft can be submitted.")
                % {"status": application.get_status_display()}
            )
        call = application.call
        require_open(call)
        reasons = eligibility_reasons(call=call, company=application.company)
        if reasons:
            raise NotEligible(reasons)
        missing = missing_items(application)
        if missing:
            raise Incomplete(missing)
        application.status = S.SUBMITTED
        application.submitted_at = timezone.now()
        application.current_stage = call.stages.order_by("position", "pk").first()
        application.save(update_fields=["status", "submitted_at", "current_stage", "updated_at"])
        notifications.application_submitted(application)
        return application


def withdraw_application(*, actor, application: Application, reason: str = "") -> Application:
    """Take a draft or a submitted application back, until the results are announced.

    Its review assignments stay as they were (the audit trail keeps them), but reviewer
    lists and rankings leave withdrawn applications out. The reason goes to the audit log.
    """
    reason = (reason or "").strip()
    # The actor and the reason both go on the log entry of the change.
    context = {"actor": actor, "additional_data": {"reason": reason}}
    with transaction.atomic(), set_extra_data(context):
        application = _locked(application, actor=actor)
        if not actor.has_perm("programs.withdraw_application", application):
            raise PermissionDenied(_("Only the applying company withdraws its application."))
        if application.status not in WITHDRAWABLE or application.call.results_published_at:
            raise IllegalStep(
                _("This application is %(status)s and can no longer be withdrawn.")
                % {"status": applicant_status(application)[1]}
            )
        application.status = S.WITHDRAWN
        application.withdrawn_at = timezone.now()
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        return application

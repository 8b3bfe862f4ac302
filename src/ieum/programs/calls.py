"""Setting up programs and calls (공고): what program managers do before and around the
review. Each function checks that the actor runs the program or call (`rules.py`),
locks the row it changes, checks the state after the lock, validates the whole input
before writing anything, and writes inside `set_actor` so the audit log names the actor.

The form of a call (questions, documents) and its review stages are set up in
`call_forms_setup`, the reviewer pool and reviewer profiles in `pool`; their functions
are named here too, so callers find every set-up step in one module.
"""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.directory.enums import Vocabulary
from ieum.programs import notifications
from ieum.programs.call_forms_setup import save_documents, save_questions, save_stage
from ieum.programs.call_locks import (
    field_problems,
    locked_call,
    require_not_cancelled,
    slug_problem,
    unique_slug,
)
from ieum.programs.enums import CallStatus, CompanyAge
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Call, Inquiry, Notice, Program
from ieum.programs.pool import (
    add_pool_reviewer,
    remove_pool_reviewer,
    save_reviewer_profile,
    update_pool_seat,
)
from ieum.programs.rules import manages_cluster_id

__all__ = [
    "add_pool_reviewer",
    "answer_inquiry",
    "ask_inquiry",
    "cancel_call",
    "create_call",
    "create_program",
    "post_notice",
    "publish_call",
    "remove_pool_reviewer",
    "save_documents",
    "save_questions",
    "save_reviewer_profile",
    "save_stage",
    "update_call",
    "update_pool_seat",
    "update_program",
]

PROGRAM_FIELDS = ("cluster", "kind", "name_ko", "name_en", "slug", "summary_ko", "summary_en")
CALL_FIELDS = (
    "title_ko",
    "title_en",
    "slug",
    "body_ko",
    "body_en",
    "opens_at",
    "closes_at",
    "eligible_ages",
    "eligible_regions",
    "members_only",
    "eligible_fields",
    "quota",
    "budget_krw",
    "conflict_years",
)
TERM_FIELDS = {
    "eligible_regions": (Vocabulary.REGION,),
    "eligible_fields": (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD),
}
# "manage/programs/new/" creates a program, so no program may live at that address.
RESERVED_PROGRAM_SLUGS = frozenset({"new"})
# Beyond this, the look-back for past affiliations stops meaning anything.
LONGEST_CONFLICT_YEARS = 30
LONGEST_QUESTION = 4000
LONGEST_ANSWER = 8000


def _unknown(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


# Programs


def _apply_program(program: Program, data: dict[str, Any], *, actor) -> None:
    _unknown(data, PROGRAM_FIELDS)
    for field, value in data.items():
        setattr(program, field, value.strip() if isinstance(value, str) else value)
    if not manages_cluster_id(actor, program.cluster_id):
        if program.cluster_id is None:
            raise PermissionDenied(_("Only platform administrators run national programs."))
        raise PermissionDenied(_("You do not run programs for this cluster."))
    program.slug = unique_slug(
        Program, wanted=program.slug, name=program.name_en, fallback="program", pk=program.pk
    )
    errors = field_problems(program, exclude=["cluster"])
    if not program.name_ko:
        errors["name_ko"] = [_("Give the program a Korean name.")]
    taken = slug_problem(Program, program.slug, pk=program.pk)
    if taken:
        errors["slug"] = [taken]
    if program.slug in RESERVED_PROGRAM_SLUGS:
        errors["slug"] = [_("This address is reserved; choose another.")]
    if errors:
        raise ValidationError(errors)


def create_program(*, actor, data: dict[str, Any]) -> Program:
    """A program of a cluster the actor runs; a national one (no cluster) by platform admins."""
    if not actor.has_perm("programs.add_program"):
        raise PermissionDenied(_("Only cluster staff create programs."))
    program = Program()
    with transaction.atomic(), set_actor(actor):
        _apply_program(program, data, actor=actor)
        program.save()
    return program


def update_program(*, actor, program: Program, data: dict[str, Any]) -> Program:
    """Change a program; moving it to another cluster needs the right to run both."""
    with transaction.atomic(), set_actor(actor):
        program = Program.objects.select_for_update().get(pk=program.pk)
        if not actor.has_perm("programs.manage_program", program):
            raise PermissionDenied(_("You do not run this program."))
        _apply_program(program, data, actor=actor)
        program.save()
    return program


# Calls


def _term_problems(data: dict[str, Any]) -> dict[str, list[str]]:
    errors = {}
    for field, vocabularies in TERM_FIELDS.items():
        if any(term.vocabulary not in vocabularies for term in data.get(field) or ()):
            errors[field] = [_("Choose terms from the list.")]
    return errors


def _apply_call(call: Call, data: dict[str, Any]) -> dict[str, list]:
    """Set the call's fields from `data` after checking them all; returns the term lists."""
    _unknown(data, CALL_FIELDS)
    terms = {field: list(data[field]) for field in TERM_FIELDS if field in data}
    for field, value in data.items():
        if field not in TERM_FIELDS:
            setattr(call, field, value.strip() if isinstance(value, str) else value)
    call.slug = unique_slug(Call, wanted=call.slug, name=call.title_en, fallback="call", pk=call.pk)
    errors = field_problems(call, exclude=["program", "created_by", "eligible_ages"])
    errors.update(_term_problems(terms))
    if not call.title_ko:
        errors["title_ko"] = [_("Give the call a Korean title.")]
    if set(call.eligible_ages or ()) - set(CompanyAge.values):
        errors["eligible_ages"] = [_("Choose company ages from the list.")]
    if call.opens_at and call.closes_at and call.opens_at >= call.closes_at:
        errors["closes_at"] = [_("Applications must close after they open.")]
    if call.quota is None or call.quota < 1:
        errors["quota"] = [_("Select at least one company.")]
    if call.budget_krw is None or call.budget_krw < 0:
        errors["budget_krw"] = [_("The budget cannot be negative.")]
    if call.conflict_years is None or not 0 <= call.conflict_years <= LONGEST_CONFLICT_YEARS:
        errors["conflict_years"] = [
            _("Look back between 0 and %(most)s years.") % {"most": LONGEST_CONFLICT_YEARS}
        ]
    taken = slug_problem(Call, call.slug, pk=call.pk)
    if taken:
        errors["slug"] = [taken]
    if errors:
        raise ValidationError(errors)
    return terms


def _save_call(call: Call, terms: dict[str, list]) -> None:
    call.save()
    for field, chosen in terms.items():
        getattr(call, field).set(chosen)


def create_call(*, actor, program: Program, data: dict[str, Any]) -> Call:
    """A draft call of `program`; nobody but its managers sees it until it is published."""
    with transaction.atomic(), set_actor(actor):
        program = Program.objects.select_for_update().get(pk=program.pk)
        if not actor.has_perm("programs.manage_program", program):
            raise PermissionDenied(_("You do not run this program."))
        call = Call(program=program, status=CallStatus.DRAFT, created_by=actor)
        terms = _apply_call(call, data)
        _save_call(call, terms)
    return call


def _require_results_unpublished(call: Call) -> None:
    if call.results_published_at is not None:
        raise IllegalStep(_("The results of this call are announced; it can no longer change."))


def update_call(*, actor, call: Call, data: dict[str, Any]) -> Call:
    """Change a call's announcement, period and eligibility, also after publishing (a
    deadline extended, a typo fixed), until its results are announced."""
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        require_not_cancelled(call)
        _require_results_unpublished(call)
        terms = _apply_call(call, data)
        _save_call(call, terms)
    return call


def publish_call(*, actor, call: Call) -> Call:
    """Show a draft call to everyone. Its review must be set up (applications enter the
    first stage when submitted) and it must still be open for some time."""
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        require_not_cancelled(call)
        if call.status != CallStatus.DRAFT:
            raise IllegalStep(_("This call is already published."))
        problems = []
        if call.closes_at <= timezone.now():
            problems.append(_("The closing time has passed; move it before publishing."))
        if not call.stages.filter(criteria__isnull=False).exists():
            problems.append(_("Set up at least one review stage with its criteria first."))
        if problems:
            raise ValidationError(problems)
        call.status = CallStatus.PUBLISHED
        call.save(update_fields=["status", "updated_at"])
    return call


def cancel_call(*, actor, call: Call, reason: str) -> Call:
    """Withdraw a call before its results are announced; a published call's page then
    carries a notice with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the call is cancelled.")})
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        require_not_cancelled(call)
        _require_results_unpublished(call)
        was_published = call.status == CallStatus.PUBLISHED
        call.status = CallStatus.CANCELLED
        call.save(update_fields=["status", "updated_at"])
        if was_published:
            Notice.objects.create(
                call=call,
                title_ko="공고 취소 안내",
                title_en="The call is cancelled",
                body_ko=reason,
                body_en=reason,
                posted_by=actor,
            )
    return call


# Notices and inquiries


def post_notice(*, actor, call: Call, data: dict[str, Any]) -> Notice:
    _unknown(data, ("title_ko", "title_en", "body_ko", "body_en"))
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        notice = Notice(call=call, posted_by=actor)
        for field, value in data.items():
            setattr(notice, field, (value or "").strip())
        errors = field_problems(notice, exclude=["call", "posted_by"])
        if not notice.title_ko:
            errors["title_ko"] = [_("Give the notice a Korean title.")]
        if not notice.body_ko:
            errors["body_ko"] = [_("Write the notice in Korean.")]
        if errors:
            raise ValidationError(errors)
        notice.save()
    return notice


def ask_inquiry(*, actor, call: Call, question: str) -> Inquiry:
    """A question about a call from anyone signed in who can see it."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in to ask a question."))
    if not actor.has_perm("programs.view_call", call):
        raise PermissionDenied(_("You cannot see this call."))
    if call.status == CallStatus.CANCELLED:
        raise IllegalStep(_("This call is cancelled; it takes no more questions."))
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": _("Write your question.")})
    if len(question) > LONGEST_QUESTION:
        raise ValidationError(
            {
                "question": _("Keep the question under %(most)s characters.")
                % {"most": LONGEST_QUESTION}
            }
        )
    with set_actor(actor):
        return Inquiry.objects.create(call=call, asked_by=actor, question=question)


def answer_inquiry(*, actor, inquiry: Inquiry, answer: str, is_public: bool) -> Inquiry:
    """Answer (or correct the answer to) a question; the person who asked hears of a new
    answer by e-mail. Public answers show on the call's page."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if len(answer) > LONGEST_ANSWER:
        raise ValidationError(
            {"answer": _("Keep the answer under %(most)s characters.") % {"most": LONGEST_ANSWER}}
        )
    with transaction.atomic(), set_actor(actor):
        inquiry = (
            Inquiry.objects.select_for_update().select_related("call__program").get(pk=inquiry.pk)
        )
        if not actor.has_perm("programs.manage_call", inquiry.call):
            raise PermissionDenied(_("You do not run this call."))
        answer_changed = inquiry.answer != answer
        inquiry.answer = answer
        inquiry.is_public = bool(is_public)
        if answer_changed:
            inquiry.answered_by = actor
            inquiry.answered_at = timezone.now()
        inquiry.save(
            update_fields=["answer", "is_public", "answered_by", "answered_at", "updated_at"]
        )
        if answer_changed:
            notifications.inquiry_answered(inquiry)
    return inquiry

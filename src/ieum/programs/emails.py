"""The programs e-mails, each in its recipient's language with times in Seoul.

Every message is composed inside `translation.override(user.preferred_language)`, so
labels, call and company names and dates come out in Korean or English. What an e-mail
says is put together here; the templates only lay it out.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ieum.core.business_days import SEOUL
from ieum.programs.enums import DecisionOutcome
from ieum.programs.models import Application, Inquiry, ReviewAssignment, ReviewStage


def site_link(path: str) -> str:
    return settings.IEUM_SITE_URL.rstrip("/") + path


def application_link(application: Application) -> str:
    return site_link(reverse("programs:application", kwargs={"pk": application.pk}))


def local_time(moment: datetime) -> str:
    return date_format(moment.astimezone(SEOUL), "Y-m-d (D) H:i")


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _message(*, user, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {"recipient": user, **context})
    return EmailMessage(subject, body, None, [user.email])


def _application_facts(application: Application) -> list[tuple[str, str]]:
    return [
        (_("Application"), f"{application.reference} · {application.title}"),
        (_("Company"), application.company.name),
        (_("Call"), application.call.title),
    ]


def submission_email(*, user, application: Application) -> EmailMessage:
    """The receipt of a submitted application, to a member of the company."""
    with translation.override(_language(user)):
        facts = _application_facts(application)
        facts.append((_("Submitted"), local_time(application.submitted_at)))
        facts.append((_("Applications close"), local_time(application.call.closes_at)))
        return _message(
            user=user,
            subject=f"[{application.reference}] {_('Application received')} · "
            f"{application.call.title}",
            template="programs/email/submitted.txt",
            context={
                "message": _(
                    "We received the application of %(company)s to %(call)s. You can follow "
                    "its status on the platform."
                )
                % {"company": application.company.name, "call": application.call.title},
                "facts": facts,
                "link": application_link(application),
            },
        )


def assignment_email(
    *, user, stage: ReviewStage, assignments: list[ReviewAssignment]
) -> EmailMessage:
    """The applications waiting for one reviewer in a stage.

    In a blind stage the e-mail names no applicant, as the review pages do not.
    """
    with translation.override(_language(user)):
        call = stage.call
        count = len(assignments)
        lines = []
        for assignment in assignments:
            application = assignment.application
            parts = [application.reference, application.title]
            if not stage.is_blind:
                parts.append(application.company.name)
            lines.append(" · ".join(parts))
        facts = [(_("Call"), call.title), (_("Stage"), stage.name)]
        if stage.reviews_due_at is not None:
            facts.append((_("Reviews due"), local_time(stage.reviews_due_at)))
        return _message(
            user=user,
            subject=ngettext(
                "%(count)d application to review · %(call)s",
                "%(count)d applications to review · %(call)s",
                count,
            )
            % {"count": count, "call": call.title},
            template="programs/email/assigned.txt",
            context={
                "message": ngettext(
                    "You were assigned applications to review. %(count)d application waits "
                    "for your review in %(stage)s:",
                    "You were assigned applications to review. %(count)d applications wait "
                    "for your review in %(stage)s:",
                    count,
                )
                % {"count": count, "stage": stage.name},
                "lines": lines,
                "facts": facts,
                "link": site_link(reverse("programs:reviews")),
            },
        )


def inquiry_answer_email(*, user, inquiry: Inquiry) -> EmailMessage:
    """The answer to a question about a call, to the person who asked it."""
    with translation.override(_language(user)):
        call = inquiry.call
        return _message(
            user=user,
            subject=f"{_('Your question was answered')} · {call.title}",
            template="programs/email/inquiry_answered.txt",
            context={
                "message": _("The organizers of %(call)s answered your question.")
                % {"call": call.title},
                "question": inquiry.question,
                "answer": inquiry.answer,
                "link": site_link(reverse("programs:call_detail", kwargs={"slug": call.slug})),
            },
        )


RESULT_LABELS = {
    DecisionOutcome.SELECTED: gettext_lazy("Selected"),
    DecisionOutcome.RESERVE: gettext_lazy("Reserve list"),
    DecisionOutcome.NOT_SELECTED: gettext_lazy("Not selected"),
}

RESULT_MESSAGES = {
    DecisionOutcome.SELECTED: gettext_lazy(
        "We are pleased to tell you that the application of %(company)s to %(call)s was "
        "selected. The organizers will contact you about the support that follows."
    ),
    DecisionOutcome.RESERVE: gettext_lazy(
        "The application of %(company)s to %(call)s was not selected, but it is on the "
        "reserve list. The organizers will contact you if a place becomes free."
    ),
    DecisionOutcome.NOT_SELECTED: gettext_lazy(
        "We are sorry to tell you that the application of %(company)s to %(call)s was not "
        "selected this time. Thank you for applying."
    ),
}


def result_email(*, user, application: Application, outcome: str) -> EmailMessage:
    """The result of a call for one application, to a member of its company."""
    with translation.override(_language(user)):
        call = application.call
        label = RESULT_LABELS[outcome]
        facts = _application_facts(application)
        facts.append((_("Result"), str(label)))
        return _message(
            user=user,
            subject=f"[{application.reference}] {_('Result')}: {label} · {call.title}",
            template="programs/email/result.txt",
            context={
                "message": RESULT_MESSAGES[outcome]
                % {"company": application.company.name, "call": call.title},
                "facts": facts,
                "link": application_link(application),
            },
        )

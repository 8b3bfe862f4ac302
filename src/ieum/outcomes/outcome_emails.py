"""The outcomes e-mails, each in its recipient's language.

Every message is composed inside `translation.override(user.preferred_language)`, so
labels, names and dates come out in Korean or English. What an e-mail says is put
together here; the template only lays it out.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.core.business_days import SEOUL
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord


def record_link(record: OutcomeRecord) -> str:
    path = reverse("outcomes:record_detail", kwargs={"pk": record.pk})
    return settings.IEUM_SITE_URL.rstrip("/") + path


def record_label(record: OutcomeRecord) -> str:
    """What the record is, in the active language: its kind and title or type."""
    detail = record.title or (record.get_subtype_display() if record.subtype else "")
    kind = str(record.get_kind_display())
    return f"{kind} · {detail}" if detail else kind


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def record_reviewed_email(*, user, record: OutcomeRecord) -> EmailMessage:
    """A record was verified or rejected, to a member of its company."""
    with translation.override(_language(user)):
        verified = record.status == VerificationStatus.VERIFIED
        label = record_label(record)
        facts = [
            (_("Record"), label),
            (_("Company"), record.company.name),
            (_("Date"), date_format(record.occurred_on, "Y-m-d")),
        ]
        if record.amount is not None:
            facts.append((_("Amount"), f"{record.amount:,} {record.currency}"))
        facts.append((_("Decision"), str(record.get_status_display())))
        if record.reviewed_at is not None:
            facts.append(
                (_("Decided"), date_format(record.reviewed_at.astimezone(SEOUL), "Y-m-d H:i"))
            )
        if verified:
            subject = _("Outcome record verified")
            message = _(
                "The outcome record below of %(company)s was verified. It now counts in "
                "the figures of the programs, clusters and events it is attributed to."
            )
        else:
            subject = _("Outcome record rejected")
            message = _(
                "The outcome record below of %(company)s was rejected. Correct it on the "
                "platform and it will be checked again."
            )
        body = render_to_string(
            "outcomes/email/record_reviewed.txt",
            {
                "recipient": user,
                "message": message % {"company": record.company.name},
                "facts": facts,
                "reason": "" if verified else record.rejection_reason,
                "link": record_link(record),
            },
        )
        return EmailMessage(f"{subject} · {label}", body, None, [user.email])

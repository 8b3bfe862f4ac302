"""The steps a person takes on a request's page: which ones they may take now, the form
each one reads and the one domain function it calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.linkage import threads, workflow
from ieum.linkage.enums import OPEN_STATUSES, RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.request_forms import (
    AssignForm,
    CloseForm,
    DeliverForm,
    MessageForm,
    NoInputForm,
    ReasonForm,
    TriageForm,
)

S = RequestStatus
EVERY_STATUS = frozenset(RequestStatus.values)


def _triage_form(found: ServiceRequest, **kwargs) -> forms.Form:
    initial = {"service_type": found.service_type, "therapeutic_area": found.therapeutic_area_id}
    return TriageForm(initial=initial, **kwargs)


def _triage(user, found: ServiceRequest, data: dict) -> object:
    area = data["therapeutic_area"]
    return workflow.triage_request(
        actor=user,
        request=found,
        note=data["note"],
        service_type=data["service_type"],
        therapeutic_area_id=area.pk if area else None,
    )


@dataclass(frozen=True)
class Action:
    permission: str
    statuses: frozenset[str]
    # Called with the request and the form's keyword arguments (data, files).
    form: Callable[..., forms.Form]
    # Called with the acting user, the request and the form's cleaned data.
    run: Callable[[Any, ServiceRequest, dict], object]
    done: str
    when: Callable[[ServiceRequest], bool] = field(default=lambda found: True)

    def allowed(self, user, found: ServiceRequest) -> bool:
        return (
            found.status in self.statuses
            and self.when(found)
            and user.has_perm(self.permission, found)
        )


def _plain(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    return lambda found, **kwargs: form_class(**kwargs)


ACTIONS: dict[str, Action] = {
    "submit": Action(
        "linkage.submit_request",
        frozenset({S.DRAFT}),
        _plain(NoInputForm),
        lambda user, found, data: workflow.submit_request(actor=user, request=found),
        _("The request is submitted."),
    ),
    "triage": Action(
        "linkage.triage_request",
        frozenset({S.SUBMITTED}),
        _triage_form,
        _triage,
        _("The request is triaged; choose a provider next."),
    ),
    "assign": Action(
        "linkage.triage_request",
        frozenset({S.SUBMITTED, S.TRIAGED, S.ASSIGNED}),
        lambda found, **kwargs: AssignForm(request=found, **kwargs),
        lambda user, found, data: workflow.assign_request(
            actor=user, request=found, offering=data["offering"], note=data["note"]
        ),
        _("The request is assigned to the provider."),
    ),
    "accept-nda": Action(
        "linkage.answer_request",
        frozenset({S.ASSIGNED}),
        _plain(NoInputForm),
        lambda user, found, data: workflow.accept_nda(actor=user, request=found),
        _("You accepted the NDA; the details are open to you."),
        when=lambda found: found.details_sealed,
    ),
    "accept": Action(
        "linkage.answer_request",
        frozenset({S.ASSIGNED}),
        _plain(NoInputForm),
        lambda user, found, data: workflow.accept_request(actor=user, request=found),
        _("You accepted the request."),
        when=lambda found: not found.details_sealed,
    ),
    "decline": Action(
        "linkage.answer_request",
        frozenset({S.ASSIGNED}),
        _plain(ReasonForm),
        lambda user, found, data: workflow.decline_request(
            actor=user, request=found, reason=data["reason"]
        ),
        _("You declined the request; it goes back to the cluster staff."),
    ),
    "start": Action(
        "linkage.answer_request",
        frozenset({S.ACCEPTED}),
        _plain(NoInputForm),
        lambda user, found, data: workflow.start_work(actor=user, request=found),
        _("Work on the request has started."),
    ),
    "deliver": Action(
        "linkage.answer_request",
        frozenset({S.ACCEPTED, S.IN_PROGRESS}),
        _plain(DeliverForm),
        lambda user, found, data: workflow.deliver_request(
            actor=user, request=found, note=data["note"], uploads=data["files"]
        ),
        _("The delivery is sent to the company."),
    ),
    "close": Action(
        "linkage.close_request",
        frozenset({S.DELIVERED}),
        _plain(CloseForm),
        lambda user, found, data: workflow.close_request(
            actor=user, request=found, rating=data["rating"], comment=data["comment"]
        ),
        _("The request is closed. Thank you for your rating."),
    ),
    "cancel": Action(
        "linkage.cancel_request",
        frozenset(OPEN_STATUSES),
        _plain(ReasonForm),
        lambda user, found, data: workflow.cancel_request(
            actor=user, request=found, reason=data["reason"]
        ),
        _("The request is cancelled."),
    ),
    "message": Action(
        "linkage.post_message",
        EVERY_STATUS,
        _plain(MessageForm),
        lambda user, found, data: threads.post_message(
            actor=user, request=found, body=data["body"], uploads=data["files"]
        ),
        _("Your message is on the thread."),
    ),
}


def allowed_actions(user, found: ServiceRequest) -> set[str]:
    return {name for name, action in ACTIONS.items() if action.allowed(user, found)}


def step_form(name: str, found: ServiceRequest, **kwargs) -> forms.Form:
    """The step's form; ids carry the step's name, since one page shows several forms."""
    key = name.replace("-", "_")
    return ACTIONS[name].form(found, auto_id=f"id_{key}_%s", **kwargs)


def blank_forms(found: ServiceRequest, names: set[str]) -> dict[str, forms.Form]:
    return {name.replace("-", "_"): step_form(name, found) for name in names}

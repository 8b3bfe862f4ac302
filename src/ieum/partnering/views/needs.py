"""Pages of technology needs, proposals and the demand company's screening inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.forms import add_domain_error
from ieum.partnering import proposals as proposal_domain
from ieum.partnering.enums import EventStatus, PartyKind, ProposalStatus
from ieum.partnering.models import Event, Proposal, Registration, TechnologyNeed
from ieum.partnering.need_forms import (
    DecisionForm,
    NeedEditForm,
    NeedFilterForm,
    NeedForm,
    ProposalForm,
    ScreeningFilterForm,
)
from ieum.partnering.needs import (
    NeedFilters,
    deal_type_labels,
    list_needs,
    post_need,
    update_need,
)
from ieum.partnering.requests import party_registrations
from ieum.partnering.views.actions import Step, perform_step

PAGE_SIZE = 20


def need_list(request):
    form = NeedFilterForm(request.GET or None)
    filters = NeedFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = NeedFilters(
            query=data["q"],
            event=data["event"],
            area=data["area"],
            modality=data["modality"],
            deal_type=data["deal_type"],
        )
    page = Paginator(list_needs(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    for need in page.object_list:
        need.deal_labels = deal_type_labels(need.deal_types)
    template = "partnering/need_list_results.html" if request.htmx else "partnering/need_list.html"
    return render(request, template, {"form": form, "page": page})


def _visible_need(request, pk: int) -> TechnologyNeed:
    need = get_object_or_404(
        TechnologyNeed.objects.select_related(
            "event", "registration__organization"
        ).prefetch_related("areas", "modalities", "stages"),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_need", need):
        raise Http404
    need.deal_labels = deal_type_labels(need.deal_types)
    return need


def need_detail(request, pk: int):
    need = _visible_need(request, pk)
    user = request.user
    mine = Proposal.objects.filter(
        need=need, registration__organization_id__in=access_for(user).organization_ids
    )
    parties = (
        party_registrations(user=user, event=need.event)
        .exclude(kind=PartyKind.DEMAND_COMPANY)
        .exclude(pk=need.registration_id)
        .exclude(proposals__need=need)
    )
    can_propose = bool(parties) and proposal_domain.proposals_open(need)
    form = ProposalForm(request.POST or None, parties=parties) if can_propose else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = proposal_domain.submit_proposal(
                    need=need,
                    registration=data["registration"],
                    by=user,
                    title=data["title"],
                    summary=data["summary"],
                    stage=data["stage"],
                    deal_types=data["deal_types"],
                )
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your proposal is sent to the demand company."))
                return redirect(proposal)
    context = {
        "need": need,
        "form": form,
        "my_proposals": mine.select_related("registration__organization"),
        "can_change": user.has_perm("partnering.change_need", need),
        "status_counts": _status_counts(Proposal.objects.filter(need=need))
        if user.has_perm("partnering.screen_proposals", need)
        else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "partnering/need_detail.html", context, status=status)


def _status_counts(proposals) -> list[tuple[str, str, int]]:
    counts = dict(
        proposals.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in ProposalStatus.choices]


@login_required
def need_create(request):
    event = get_object_or_404(Event, slug=request.GET.get("event", ""))
    demand = party_registrations(user=request.user, event=event).filter(
        kind=PartyKind.DEMAND_COMPANY
    )
    registration = demand.first()
    if registration is None or not request.user.has_perm(
        "partnering.act_for_registration", registration
    ):
        raise PermissionDenied
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = post_need(registration=registration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your technology need is published."))
            return redirect(need)
    status = 400 if form.errors else 200
    context = {"form": form, "event": event, "registration": registration}
    return render(request, "partnering/need_form.html", context, status=status)


@login_required
def need_edit(request, pk: int):
    need = _visible_need(request, pk)
    if not request.user.has_perm("partnering.change_need", need):
        raise PermissionDenied
    form = NeedEditForm(request.POST or None, initial=NeedEditForm.initial_for(need))
    if request.method == "POST" and form.is_valid():
        try:
            update_need(need=need, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The need is saved."))
            return redirect(need)
    status = 400 if form.errors else 200
    context = {"form": form, "event": need.event, "need": need}
    return render(request, "partnering/need_form.html", context, status=status)


@login_required
def screening(request):
    organizations = access_for(request.user).organization_ids
    if not Registration.objects.filter(
        organization_id__in=organizations, kind=PartyKind.DEMAND_COMPANY
    ).exists():
        raise PermissionDenied
    needs = TechnologyNeed.objects.filter(
        registration__organization_id__in=organizations
    ).select_related("event")
    received = proposal_domain.proposals_received(user=request.user)
    form = ScreeningFilterForm(request.GET or None, needs=needs)
    status = ""
    if form.is_valid():
        if form.cleaned_data["need"] is not None:
            received = received.filter(need=form.cleaned_data["need"])
        status = form.cleaned_data["status"]
    counts = _status_counts(received)
    if status:
        received = received.filter(status=status)
    context = {
        "form": form,
        "counts": counts,
        "can_post_at": Event.objects.filter(
            status=EventStatus.OPEN,
            registrations__organization_id__in=organizations,
            registrations__kind=PartyKind.DEMAND_COMPANY,
            registrations__is_cancelled=False,
        ).distinct(),
        "page": Paginator(received, PAGE_SIZE).get_page(request.GET.get("page")),
        "decision_form": DecisionForm(),
    }
    return render(request, "partnering/proposal_screening.html", context)


@login_required
def my_proposals(request):
    mine = proposal_domain.proposals_made(user=request.user)
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        mine = mine.filter(status=status)
    context = {
        "page": Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page")),
        "status": status,
        "statuses": ProposalStatus.choices,
    }
    return render(request, "partnering/proposal_list.html", context)


def _visible_proposal(request, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "need__event", "need__registration__organization", "registration__organization", "stage"
        ),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_proposal", proposal):
        raise Http404
    proposal.deal_labels = deal_type_labels(proposal.deal_types)
    return proposal


@login_required
def proposal_detail(request, pk: int):
    proposal = _visible_proposal(request, pk)
    user = request.user
    context = {
        "proposal": proposal,
        "need": proposal.need,
        "meeting_request": getattr(proposal, "meeting_request", None),
        "can_withdraw": user.has_perm("partnering.withdraw_proposal", proposal),
        "can_decide": user.has_perm("partnering.decide_proposal", proposal),
        "decision_form": DecisionForm(),
    }
    return render(request, "partnering/proposal_detail.html", context)


STEPS = {
    "withdraw": Step(
        "partnering.withdraw_proposal",
        gettext_lazy("The proposal is withdrawn."),
        lambda proposal, user, data: proposal_domain.withdraw_proposal(proposal=proposal, by=user),
    ),
    "shortlist": Step(
        "partnering.decide_proposal",
        gettext_lazy("The proposal is shortlisted."),
        lambda proposal, user, data: proposal_domain.shortlist_proposal(proposal=proposal, by=user),
    ),
    "accept": Step(
        "partnering.decide_proposal",
        gettext_lazy("Accepted: the meeting will be scheduled."),
        lambda proposal, user, data: proposal_domain.accept_proposal(
            proposal=proposal, by=user, priority=data.get("priority") or 2
        ),
    ),
    "decline": Step(
        "partnering.decide_proposal",
        gettext_lazy("The proposal is declined."),
        lambda proposal, user, data: proposal_domain.decline_proposal(
            proposal=proposal, by=user, reason=data.get("reason", "")
        ),
    ),
}


@login_required
@require_POST
def proposal_action(request, pk: int, action: str):
    proposal = _visible_proposal(request, pk)
    perform_step(request, record=proposal, name=action, steps=STEPS, form_class=DecisionForm)
    following = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(following, allowed_hosts={request.get_host()}):
        return redirect(following)
    return redirect(proposal)

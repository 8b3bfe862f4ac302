"""After the event: a meeting's feedback and outcomes, one's follow-ups, the organizer report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.core.workbooks import CONTENT_TYPE
from ieum.partnering import followup, report_export
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.event_report import event_figures
from ieum.partnering.followup_forms import FeedbackForm, FollowUpFilterForm, OutcomeForm
from ieum.partnering.models import Event, FollowUpOutcome, Meeting, MeetingFeedback

PAGE_SIZE = 25

MEETING_RELATIONS = (
    "event",
    "slot",
    "location",
    "request__requester__organization",
    "request__recipient__organization",
)


def _meeting(request, pk: int, permission: str = "partnering.view_meeting") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATIONS), pk=pk)
    if not request.user.has_perm(permission, meeting):
        raise PermissionDenied
    return meeting


def _render_meeting(request, meeting, *, feedback_form=None, outcome_form=None, status=200):
    user = request.user
    side = followup.side_of(meeting, access_for(user).organization_ids)
    feedback = list(meeting.feedback.select_related("registration__organization"))
    mine = next((item for item in feedback if side and item.registration_id == side.pk), None)
    if feedback_form is None and mine is not None:
        feedback_form = FeedbackForm(
            initial={
                "rating": mine.rating,
                "comment": mine.comment,
                "wants_follow_up": mine.wants_follow_up,
            }
        )
    started = meeting.status == MeetingStatus.SCHEDULED and meeting.slot.start <= timezone.now()
    can_organize = user.has_perm("partnering.manage_event", meeting.event)
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "side": side,
        "started": started,
        "can_give_feedback": side is not None
        and user.has_perm("partnering.give_feedback", meeting),
        "my_feedback": mine,
        # Each side's verdict is its own; organizers read both.
        "all_feedback": feedback if can_organize else [],
        "feedback_form": feedback_form or FeedbackForm(),
        "can_record": user.has_perm("partnering.record_outcome", meeting),
        "outcomes": meeting.outcomes.select_related("recorded_by").order_by("-agreed_on", "-pk"),
        "outcome_form": outcome_form or OutcomeForm(initial={"agreed_on": timezone.localdate()}),
    }
    return render(request, "partnering/followup_meeting.html", context, status=status)


@login_required
def meeting_followup(request, pk: int):
    return _render_meeting(request, _meeting(request, pk))


@login_required
@require_POST
def meeting_feedback(request, pk: int):
    meeting = _meeting(request, pk, "partnering.give_feedback")
    side = followup.side_of(meeting, access_for(request.user).organization_ids)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            followup.give_feedback(
                meeting=meeting, registration=side, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your feedback is saved."))
            return redirect("partnering:meeting_followup", pk=meeting.pk)
    return _render_meeting(request, meeting, feedback_form=form, status=400)


@login_required
@require_POST
def outcome_add(request, pk: int):
    meeting = _meeting(request, pk, "partnering.record_outcome")
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            followup.record_outcome(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("partnering:meeting_followup", pk=meeting.pk)
    return _render_meeting(request, meeting, outcome_form=form, status=400)


def _outcome(request, pk: int) -> FollowUpOutcome:
    outcome = get_object_or_404(
        FollowUpOutcome.objects.select_related(*(f"meeting__{name}" for name in MEETING_RELATIONS)),
        pk=pk,
    )
    if not request.user.has_perm("partnering.record_outcome", outcome.meeting):
        raise PermissionDenied
    return outcome


@login_required
def outcome_edit(request, pk: int):
    outcome = _outcome(request, pk)
    form = OutcomeForm(
        request.POST or None,
        initial={
            "kind": outcome.kind,
            "agreed_on": outcome.agreed_on,
            "amount_krw": outcome.amount_krw,
            "note": outcome.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup.update_outcome(outcome=outcome, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The outcome is updated."))
            return redirect("partnering:meeting_followup", pk=outcome.meeting_id)
    context = {"outcome": outcome, "meeting": outcome.meeting, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "partnering/followup_outcome_form.html", context, status=status)


@login_required
@require_POST
def outcome_delete(request, pk: int):
    outcome = _outcome(request, pk)
    try:
        followup.delete_outcome(outcome=outcome, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The outcome is removed."))
    return redirect("partnering:meeting_followup", pk=outcome.meeting_id)


@login_required
def my_followups(request):
    organization_ids = access_for(request.user).organization_ids
    form = FollowUpFilterForm(request.GET or None, organization_ids=organization_ids)
    show, event = form.choice()
    ours = Q(request__requester__organization_id__in=organization_ids) | Q(
        request__recipient__organization_id__in=organization_ids
    )
    meetings = (
        Meeting.objects.filter(
            ours, status=MeetingStatus.SCHEDULED, slot__start__lte=timezone.now()
        )
        .select_related(*MEETING_RELATIONS)
        .annotate(
            given=Exists(
                MeetingFeedback.objects.filter(
                    meeting=OuterRef("pk"), registration__organization_id__in=organization_ids
                )
            )
        )
        .order_by("-slot__start", "pk")
    )
    if event is not None:
        meetings = meetings.filter(event=event)
    if show == "awaiting":
        meetings = meetings.filter(given=False)
    context = {
        "form": form,
        "show": show,
        "page": Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "partnering/followup_list.html", context)


def _managed_event(request, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("organizer"), slug=slug)
    if not request.user.has_perm("partnering.manage_event", event):
        raise PermissionDenied
    return event


@login_required
def event_report(request, slug: str):
    event = _managed_event(request, slug)
    figures = event_figures(event=event)
    context = {"event": event, "figures": figures, "chart_data": figures.chart_data()}
    return render(request, "partnering/report_event.html", context)


@login_required
def event_report_xlsx(request, slug: str):
    event = _managed_event(request, slug)
    content = report_export.event_workbook(event=event, figures=event_figures(event=event))
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="report-{event.slug}.xlsx"'
    return response

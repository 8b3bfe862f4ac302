"""What the support-case page shows: the case, what it runs through, its next steps."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ieum.facilities.models import Booking
from ieum.linkage.models import ServiceRequest
from ieum.programs.enums import SupportStatus
from ieum.programs.models import SupportCase
from ieum.programs.support import NEXT_STATUSES
from ieum.programs.support_forms import DeliverableForm
from ieum.programs.timeline import may_see_company_timeline

# The button that moves a case to each status.
STATUS_BUTTONS = {
    SupportStatus.IN_PROGRESS: (_("Start"), "btn-primary", "bi-play-fill"),
    SupportStatus.COMPLETED: (_("Complete"), "btn-success", "bi-check-lg"),
    SupportStatus.CANCELLED: (_("Cancel the case"), "btn-outline-danger", "bi-x-lg"),
}


def _linked_request(user, case: SupportCase) -> dict | None:
    if case.service_request_id is None:
        return None
    request = ServiceRequest.objects.select_related("provider").get(pk=case.service_request_id)
    if not user.has_perm("linkage.view_request", request):
        # The case's readers learn only that it runs through a request.
        return {"visible": False}
    readable = user.has_perm("linkage.read_request_details", request)
    return {"visible": True, "request": request, "readable": readable}


def _linked_booking(user, case: SupportCase) -> dict | None:
    if case.booking_id is None:
        return None
    booking = Booking.objects.select_related("resource__cluster").get(pk=case.booking_id)
    if not user.has_perm("facilities.see_booking", booking):
        return {"visible": False}
    return {"visible": True, "booking": booking}


def case_context(user, case: SupportCase, *, deliverable_form=None) -> dict:
    can_manage = user.has_perm("programs.manage_support_case", case)
    steps = []
    if can_manage:
        for status in NEXT_STATUSES[case.status]:
            label, css, icon = STATUS_BUTTONS[status]
            steps.append({"status": status, "label": label, "css": css, "icon": icon})
    return {
        "case": case,
        "deliverables": list(case.deliverables.select_related("added_by")),
        "can_manage": can_manage,
        "can_edit": can_manage and case.status != SupportStatus.CANCELLED,
        "can_add_deliverable": can_manage and case.status != SupportStatus.CANCELLED,
        "steps": steps,
        "linked_request": _linked_request(user, case),
        "linked_booking": _linked_booking(user, case),
        "deliverable_form": deliverable_form or DeliverableForm(),
        "can_see_timeline": may_see_company_timeline(user, case.company),
    }

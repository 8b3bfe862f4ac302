"""Filters of the three inboxes: they parse the query string, nothing more."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Term
from ieum.linkage.enums import PROVIDER_STATUSES, RequestStatus, ServiceType
from ieum.linkage.inboxes import ALL, COMPANY_TABS, InboxFilters


class InboxFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    service_type = forms.ChoiceField(
        label=_("Service"), choices=[("", _("All services")), *ServiceType.choices], required=False
    )
    area = forms.ModelChoiceField(
        label=_("Therapeutic area"),
        queryset=Term.objects.of(Vocabulary.THERAPEUTIC_AREA).order_by("sort_order", "code"),
        required=False,
        to_field_name="code",
        empty_label=_("All areas"),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    statuses = RequestStatus.choices
    any_status = _("All statuses")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", self.any_status), *self.statuses]

    def filters(self) -> InboxFilters:
        if not self.is_valid():
            return InboxFilters()
        data = self.cleaned_data
        return InboxFilters(
            query=data["q"],
            status=data["status"],
            tab=data.get("tab", ""),
            service_type=data["service_type"],
            area=data["area"],
            cluster=data.get("cluster"),
            overdue=data["overdue"],
        )


class MyRequestsFilterForm(InboxFilterForm):
    tab = forms.ChoiceField(
        choices=[("", _("All")), *((tab, tab) for tab in COMPANY_TABS)],
        required=False,
        widget=forms.HiddenInput,
    )


class IncomingFilterForm(InboxFilterForm):
    statuses = [
        (value, label) for value, label in RequestStatus.choices if value in PROVIDER_STATUSES
    ]


class TriageFilterForm(InboxFilterForm):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All my clusters"),
    )
    statuses = [
        (ALL, _("All statuses")),
        *((value, label) for value, label in RequestStatus.choices if value != RequestStatus.DRAFT),
    ]
    any_status = _("To triage")

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters

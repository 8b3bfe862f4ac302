"""Forms of the support-case pages: they parse input, nothing more.

The domain (`programs.support`) checks the rest: that the cluster is one the person
staffs, that program, cohort, request and booking fit the case, amounts and dates, and
each file's type from its content.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ieum.accounts.access import access_for
from ieum.core.business_days import SEOUL
from ieum.core.forms import StyledFormMixin
from ieum.core.uploads import ALLOWED_EXTENSIONS
from ieum.directory.models import Cluster, Organization
from ieum.facilities.models import Booking
from ieum.linkage.models import ServiceRequest
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import Cohort, Program
from ieum.programs.support import EDITABLE_FIELDS, linkable_bookings, linkable_requests
from ieum.programs.support_list import SupportFilters
from ieum.programs.visibility import managed_programs

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)


def managed_clusters(user) -> QuerySet[Cluster]:
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RequestChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def label_from_instance(self, obj: ServiceRequest) -> str:
        readable = self.user is not None and self.user.has_perm("linkage.read_request_details", obj)
        what = obj.title if readable else obj.get_service_type_display()
        provider = f" · {obj.provider.name}" if obj.provider else ""
        return f"{obj.reference} {what}{provider} ({obj.get_status_display()})"


class BookingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Booking) -> str:
        start = obj.start.astimezone(SEOUL)
        return f"{obj.resource.name} · {start:%Y-%m-%d %H:%M} ({obj.get_status_display()})"


class SupportCaseForm(StyledFormMixin, forms.Form):
    """A support case. `companies` is None when editing (the company does not change)."""

    company = NamedChoiceField(label=_("Company"), queryset=Organization.objects.none())
    cluster = NamedChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), required=False, empty_label=None
    )
    program = NamedChoiceField(
        label=_("Program"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("No program"),
    )
    cohort = NamedChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=_("No cohort"),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "---------"), *SupportStage.choices])
    title = forms.CharField(label=_("Support item"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    service_request = RequestChoiceField(
        label=_("Linkage service request"),
        queryset=ServiceRequest.objects.none(),
        required=False,
        empty_label=_("Not through a linkage request"),
    )
    booking = BookingChoiceField(
        label=_("Facility booking"),
        queryset=Booking.objects.none(),
        required=False,
        empty_label=_("Not through a facility booking"),
    )
    provider = NamedChoiceField(
        label=_("Provider"),
        queryset=Organization.objects.order_by("name_ko"),
        required=False,
        empty_label=_("The provider of the linked request or booking"),
        help_text=_("Left empty, the provider of the linked request or booking is taken."),
    )
    amount_krw = forms.IntegerField(label=_("Amount (KRW)"), required=False, initial=0)
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, user, company=None, companies=None, refresh_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if companies is None:
            del self.fields["company"]
        else:
            self.fields["company"].queryset = companies
            if refresh_url:
                # Choosing another company reloads its requests and bookings.
                self.fields["company"].widget.attrs.update(
                    {
                        "hx-get": refresh_url,
                        "hx-trigger": "change",
                        "hx-include": "this",
                        "hx-target": "#company-links",
                        "hx-select": "#company-links",
                        "hx-swap": "outerHTML",
                    }
                )
        self.fields["cluster"].queryset = managed_clusters(user)
        if access_for(user).is_platform_admin:
            self.fields["cluster"].empty_label = _("National (no cluster)")
        programs = managed_programs(user).order_by("name_ko")
        self.fields["program"].queryset = programs
        self.fields["cohort"].queryset = Cohort.objects.filter(program__in=programs).order_by(
            "-year", "name_ko"
        )
        self.fields["service_request"].user = user
        if company is not None:
            self.fields["service_request"].queryset = linkable_requests(user=user, company=company)
            self.fields["booking"].queryset = linkable_bookings(user=user, company=company)

    def case_data(self) -> dict:
        """The cleaned values the domain's create and update functions take."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=SupportStatus.choices)


class DeliverableForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=200, required=False)
    delivered_on = forms.DateField(label=_("Delivered"), required=False, widget=DATE_WIDGET)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, Office documents or images, up to 20 MB."),
    )


class SupportFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *SupportStage.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *SupportStatus.choices],
        required=False,
    )
    cluster = NamedChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All clusters"),
    )
    program = NamedChoiceField(
        label=_("Program"),
        queryset=Program.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All programs"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, clusters, programs, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["program"].queryset = programs
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]

    def filters(self) -> SupportFilters:
        if not self.is_valid():
            return SupportFilters()
        data = self.cleaned_data
        return SupportFilters(
            query=data["q"],
            stage=data["stage"],
            status=data["status"],
            cluster=data["cluster"],
            program=data["program"],
            year=data["year"],
        )

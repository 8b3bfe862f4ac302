"""The filters of the request report: parse the query string, nothing more."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.directory.models import Cluster, Organization
from ieum.linkage.enums import ServiceType
from ieum.linkage.report_lines import ReportFilters, months_of
from ieum.linkage.reports import MAX_MONTHS

YEARS_BACK = 9
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def reportable_clusters(user):
    """The clusters a person may report on: all for platform admins, else those staffed."""
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


def providers():
    return Organization.objects.filter(
        pk__in=Organization.objects.filter(service_offerings__isnull=False).values("pk")
    ).order_by("name_ko")


class RequestReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        required=False,
        empty_label=_("All my clusters"),
        queryset=Cluster.objects.none(),
        to_field_name="slug",
    )
    service_type = forms.ChoiceField(
        label=_("Service type"),
        required=False,
        choices=[("", _("All services")), *ServiceType.choices],
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        required=False,
        empty_label=_("All providers"),
        queryset=Organization.objects.none(),
        to_field_name="slug",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = seoul_today().year
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year, this_year - YEARS_BACK - 1, -1)
        ]
        self.fields["cluster"].queryset = reportable_clusters(user)
        self.fields["provider"].queryset = providers()
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.update({"class": f"{css} {css}-sm"})
            if name in ("year", "cluster", "service_type", "provider"):
                field.widget.attrs["data-submit-on-change"] = ""

    def _period(self, data: dict) -> tuple[date, date]:
        year = data.get("year") or seoul_today().year
        first = data.get("date_from") or date(year, 1, 1)
        last = data.get("date_to") or date(year, 12, 31)
        return first, last

    def clean(self):
        data = super().clean()
        first, last = self._period(data)
        if last < first:
            self.add_error("date_to", _("The end of the period comes before its start."))
        elif len(months_of(first, last)) > MAX_MONTHS:
            self.add_error(
                "date_to", _("Choose at most %(months)d months.") % {"months": MAX_MONTHS}
            )
        return data

    def filters(self) -> ReportFilters:
        """What to report on: this year, all clusters and services, unless narrowed."""
        if not self.is_bound or not self.is_valid():
            return ReportFilters.for_year(seoul_today().year)
        data = self.cleaned_data
        first, last = self._period(data)
        return ReportFilters(
            first_day=first,
            last_day=last,
            cluster_id=data["cluster"].pk if data["cluster"] else None,
            service_type=data["service_type"] or None,
            provider_id=data["provider"].pk if data["provider"] else None,
        )

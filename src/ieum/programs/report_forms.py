"""The filters of the program report: parse the query string, nothing more."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.directory.models import Cluster
from ieum.programs.models import Program
from ieum.programs.reports import ReportFilters, reportable_programs

YEARS_BACK = 9


def reportable_clusters(user):
    """The clusters a person may report on: all for platform admins, else those staffed."""
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


class ProgramReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        required=False,
        empty_label=_("All my clusters"),
        queryset=Cluster.objects.none(),
        to_field_name="slug",
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        required=False,
        empty_label=_("All programs"),
        queryset=Program.objects.none(),
        to_field_name="slug",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = seoul_today().year
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year, this_year - YEARS_BACK - 1, -1)
        ]
        self.fields["cluster"].queryset = reportable_clusters(user)
        self.fields["program"].queryset = reportable_programs(user).order_by("name_ko", "pk")
        for field in self.fields.values():
            field.widget.attrs.update(
                {"class": "form-select form-select-sm", "data-submit-on-change": ""}
            )

    def filters(self) -> ReportFilters:
        """What to report on: this year and every program in reach, unless narrowed."""
        if not self.is_bound or not self.is_valid():
            return ReportFilters(year=seoul_today().year)
        data = self.cleaned_data
        return ReportFilters(
            year=data["year"] or seoul_today().year,
            cluster_id=data["cluster"].pk if data["cluster"] else None,
            program_id=data["program"].pk if data["program"] else None,
        )

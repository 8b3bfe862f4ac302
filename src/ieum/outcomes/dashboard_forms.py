"""The query strings of the dashboards, the drill-down and the exports: parse, nothing
more. What the parsed values mean (and who may ask for them) is `dashboards`'."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from ieum.core.business_days import seoul_today
from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from ieum.outcomes.periods import Period

FIRST_YEAR = 2000
DEFAULT_YEARS = 5
MAX_YEARS = 15
# Four columns a year: five years of quarters is as wide as a page can read.
MAX_QUARTERLY_YEARS = 5


@dataclass(frozen=True)
class DashboardChoice:
    first_year: int
    last_year: int
    quarterly: bool = False
    include_pending: bool = False
    compare: str = ""


def default_choice() -> DashboardChoice:
    this_year = seoul_today().year
    return DashboardChoice(first_year=this_year - DEFAULT_YEARS + 1, last_year=this_year)


def _year_choices() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in range(seoul_today().year, FIRST_YEAR - 1, -1)]


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.update({"class": "form-check-input", "data-submit-on-change": ""})
        else:
            field.widget.attrs.update(
                {"class": "form-select form-select-sm", "data-submit-on-change": ""}
            )


class DashboardForm(forms.Form):
    """Years (or their quarters), pending records or not, and the KPI the clusters are
    compared on. A page without a query string shows the last five years, verified."""

    first = forms.TypedChoiceField(label=_("From"), coerce=int, required=False)
    last = forms.TypedChoiceField(label=_("To"), coerce=int, required=False)
    quarterly = forms.BooleanField(label=_("By quarter"), required=False)
    pending = forms.BooleanField(
        label=_("Include records waiting for verification"), required=False
    )
    compare = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args, may_include_pending: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].choices = _year_choices()
        self.fields["last"].choices = _year_choices()
        if not may_include_pending:
            del self.fields["pending"]
        _style(self)

    def clean(self):
        data = super().clean()
        default = default_choice()
        first = data.get("first") or default.first_year
        last = data.get("last") or max(first, default.last_year)
        if last < first:
            self.add_error("last", _("The last year comes before the first."))
        elif data.get("quarterly") and last - first >= MAX_QUARTERLY_YEARS:
            self.add_error(
                "last",
                _("Choose at most %(years)d years by quarter.") % {"years": MAX_QUARTERLY_YEARS},
            )
        elif last - first >= MAX_YEARS:
            self.add_error("last", _("Choose at most %(years)d years.") % {"years": MAX_YEARS})
        data["first"], data["last"] = first, last
        return data

    def choice(self) -> DashboardChoice:
        if not self.is_bound or not self.is_valid():
            return default_choice()
        data = self.cleaned_data
        return DashboardChoice(
            first_year=data["first"],
            last_year=data["last"],
            quarterly=bool(data.get("quarterly")),
            include_pending=bool(data.get("pending")),
            compare=data.get("compare") or "",
        )


class ScopeField(forms.CharField):
    """national, cluster:<slug>, program:<slug> or company:<slug> as (kind, slug)."""

    KINDS = ("cluster", "program", "company")

    def clean(self, value):
        value = super().clean(value)
        if value in ("", "national"):
            return ("national", "")
        kind, _sep, slug = value.partition(":")
        if kind not in self.KINDS or not slug_re.fullmatch(slug):
            raise forms.ValidationError(_("Choose a dashboard."), code="invalid")
        return (kind, slug)


class PeriodField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return Period.parse(value)
        except ValueError:
            raise forms.ValidationError(_("Give a year or a quarter."), code="invalid") from None


class DrillDownForm(forms.Form):
    """The query string of the drill-down page: which KPI, where, when, pending or not."""

    kpi = forms.SlugField(max_length=60)
    scope = ScopeField(required=False, max_length=100)
    period = PeriodField(max_length=10)
    pending = forms.BooleanField(required=False)


class DashboardExportForm(DashboardForm):
    """The dashboard's query string plus the scope, for the CSV of its table."""

    scope = ScopeField(required=False, max_length=100)


class RecordFilterForm(forms.Form):
    """Which visible records go into the records CSV."""

    status = forms.ChoiceField(
        label=_("Verification"),
        required=False,
        choices=[("", _("All")), *VerificationStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OutcomeKind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    cluster = forms.SlugField(label=_("Cluster"), required=False, max_length=80)


class ReportYearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=2100)
    pending = forms.BooleanField(required=False)

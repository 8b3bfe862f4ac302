"""Filters of the statement and report pages: parse the query string, nothing more."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ieum.facilities.reports import MAX_MONTHS, reportable_clusters
from ieum.facilities.timeline import SEOUL


def this_month() -> date:
    return timezone.now().astimezone(SEOUL).date().replace(day=1)


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.Field):
    """A month written YYYY-MM (what `<input type="month">` sends), as its first day."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        try:
            month = datetime.strptime(str(value).strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="invalid") from None
        if not 2000 <= month.year <= 2100:
            raise forms.ValidationError(_("Choose a month between 2000 and 2100."), code="range")
        return month

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class StatementFilterForm(forms.Form):
    organization = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)
    month = MonthField(label=_("Month"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].widget.attrs.update(
            {"class": "form-control form-control-sm", "data-submit-on-change": ""}
        )

    def choice(self) -> tuple[str, date]:
        """The organization's address (may be empty) and the month; this month by default."""
        if not self.is_bound or not self.is_valid():
            return "", this_month()
        data = self.cleaned_data
        return data["organization"], data["month"] or this_month()


class ReportFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        required=False,
        empty_label=_("All my clusters"),
        queryset=None,
        to_field_name="slug",
    )
    month_from = MonthField(label=_("First month"), required=False)
    month_to = MonthField(label=_("Last month"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = reportable_clusters(user=user)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.update({"class": f"{css} {css}-sm", "data-submit-on-change": ""})

    def clean(self):
        data = super().clean()
        first, last = data.get("month_from"), data.get("month_to")
        if first and last:
            if last < first:
                self.add_error("month_to", _("The last month comes before the first."))
            elif (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
                self.add_error(
                    "month_to", _("Choose at most %(months)d months.") % {"months": MAX_MONTHS}
                )
        return data

    def choice(self) -> tuple:
        """The cluster (or None for all) and the months; January to this month by default."""
        month = this_month()
        default = (None, month.replace(month=1), month)
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        first = data["month_from"] or default[1]
        last = data["month_to"] or max(first, default[2])
        if last < first or (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
            return default
        return data["cluster"], first, last

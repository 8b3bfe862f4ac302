"""Forms of the public call pages: the list's filters and the ask-a-question box. They
parse input, nothing more; the domain functions check it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.models import Cluster, Term
from ieum.programs.application_input import FIELD_VOCABULARIES
from ieum.programs.call_catalog import CLOSED, OPEN, UPCOMING, CallFilters


class CallFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    phase = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("", _("Any period")),
            (OPEN, _("Open now")),
            (UPCOMING, _("Upcoming")),
            (CLOSED, _("Closed")),
        ],
        required=False,
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.order_by("name_ko"),
        required=False,
        to_field_name="slug",
        empty_label=_("All clusters"),
    )
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=Term.objects.filter(vocabulary__in=FIELD_VOCABULARIES, is_active=True),
        required=False,
        empty_label=_("All fields"),
    )

    def filters(self) -> CallFilters:
        if not self.is_valid():
            return CallFilters()
        data = self.cleaned_data
        return CallFilters(
            query=data["q"], phase=data["phase"], cluster=data["cluster"], field=data["field"]
        )


class InquiryForm(StyledFormMixin, forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff answer here or by e-mail; public answers show on this page."),
    )

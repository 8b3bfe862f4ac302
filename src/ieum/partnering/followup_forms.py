"""Forms of the follow-up pages: feedback, outcomes and the filter of one's follow-ups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.partnering.enums import OutcomeKind
from ieum.partnering.followup import MAX_AMOUNT_KRW, MAX_TEXT
from ieum.partnering.models import Event

RATINGS = [
    (5, _("5 – very useful")),
    (4, _("4 – useful")),
    (3, _("3 – somewhat useful")),
    (2, _("2 – of little use")),
    (1, _("1 – not useful")),
]


class FeedbackForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the meeting?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_follow_up = forms.BooleanField(label=_("We want to follow up"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["class"] = "form-check-input"


class OutcomeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    agreed_on = forms.DateField(
        label=_("Date agreed"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount_krw = forms.IntegerField(
        label=_("Amount (KRW)"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT_KRW - 1,
        help_text=_("Required for licences, investments and supply contracts."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=MAX_TEXT, widget=forms.Textarea({"rows": 2})
    )


class FollowUpFilterForm(StyledFormMixin, forms.Form):
    SHOW = [("awaiting", _("Awaiting our feedback")), ("all", _("All past meetings"))]

    show = forms.ChoiceField(label=_("Show"), choices=SHOW, required=False)
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All events"),
    )

    def __init__(self, *args, organization_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(
            registrations__organization_id__in=organization_ids
        ).distinct()

    def choice(self) -> tuple[str, Event | None]:
        if not self.is_valid():
            return "awaiting", None
        return self.cleaned_data["show"] or "awaiting", self.cleaned_data["event"]

"""Forms of the meeting request and participant pages: they parse input, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.partnering.enums import PartyKind, Priority, RequestStatus
from ieum.partnering.models import Event, Registration


class RequestFilterForm(StyledFormMixin, forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All events"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *RequestStatus.choices], required=False
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class ParticipantFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Taking part as"), choices=[("", _("Everyone")), *PartyKind.choices], required=False
    )


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Registration) -> str:
        return f"{obj.organization.name} · {obj.get_kind_display()}"


class RequestForm(StyledFormMixin, forms.Form):
    requester = PartyChoiceField(
        label=_("On behalf of"), queryset=Registration.objects.none(), empty_label=None
    )
    recipient = PartyChoiceField(label=_("Meet with"), queryset=Registration.objects.none())
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to discuss; the other party reads it before answering."),
    )

    def __init__(self, *args, own, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = own
        self.fields["recipient"].queryset = others
        if len(own) == 1:
            self.fields["requester"].widget = forms.HiddenInput()
            self.fields["requester"].initial = own[0].pk


class AnswerForm(StyledFormMixin, forms.Form):
    """Priority for accepting, reason for declining or cancelling."""

    priority = forms.TypedChoiceField(
        label=_("Your priority"),
        choices=Priority.choices,
        coerce=int,
        initial=Priority.MEDIUM,
        required=False,
        empty_value=Priority.MEDIUM,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

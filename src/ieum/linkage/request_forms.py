"""Forms of the service request pages: they parse input, nothing more.

The domain functions (`drafts`, `workflow`, `threads`) check the rest: the type of
every file from its content, the state of the request and who may take a step.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.core.uploads import ALLOWED_EXTENSIONS
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Organization, Term
from ieum.linkage.enums import ProductStage, ServiceType
from ieum.linkage.models import ServiceOffering

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)
FILES_HELP = _("PDF, Office documents or images, up to 20 MB each; at most 10 at once.")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by content in the domain."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", FILES_HELP)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data if item]
        return [one(data, initial)] if data else []


def _terms(vocabulary: str) -> QuerySet[Term]:
    return Term.objects.of(vocabulary).order_by("sort_order", "code")


class OfferingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceOffering) -> str:
        return f"{obj.provider.name} · {obj.name}"


def active_offerings(service_type: str | None = None) -> QuerySet[ServiceOffering]:
    offerings = ServiceOffering.objects.filter(is_active=True).select_related("provider")
    if service_type:
        offerings = offerings.filter(service_type=service_type)
    return offerings.order_by("provider__name_ko", "name_ko")


class RequestForm(StyledFormMixin, forms.Form):
    """A draft request. `companies` is None when editing (the company does not change)."""

    company = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organization.objects.none(), empty_label=None
    )
    service_type = forms.ChoiceField(
        label=_("Service"), choices=[("", "---------"), *ServiceType.choices]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What you need"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The question, what you already have and what you expect back."),
    )
    product_name = forms.CharField(label=_("Product"), max_length=200, required=False)
    product_stage = forms.ChoiceField(
        label=_("Product stage"), choices=[("", "---------"), *ProductStage.choices], required=False
    )
    therapeutic_area = forms.ModelChoiceField(
        label=_("Therapeutic area"), queryset=_terms(Vocabulary.THERAPEUTIC_AREA), required=False
    )
    device_class = forms.ModelChoiceField(
        label=_("MFDS device class"), queryset=_terms(Vocabulary.DEVICE_CLASS), required=False
    )
    goal = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For example: IND submission in the second half, a CE certificate by 2027."),
    )
    wanted_by = forms.DateField(label=_("Wanted by"), required=False, widget=DATE_WIDGET)
    is_confidential = forms.BooleanField(
        label=_("Confidential: the provider accepts an NDA before reading the details"),
        required=False,
        initial=True,
    )
    cluster = forms.ModelChoiceField(
        label=_("Routing cluster"),
        queryset=Cluster.objects.order_by("name_ko"),
        required=False,
        empty_label=_("The cluster the company belongs to"),
        help_text=_("Its staff check the request and choose a provider."),
    )
    addressed_offering = OfferingChoiceField(
        label=_("Provider"),
        queryset=ServiceOffering.objects.none(),
        required=False,
        empty_label=_("Let the platform route it"),
        help_text=_("Address one provider's service, or let the cluster staff choose."),
    )
    files = MultipleFileField(label=_("Attachments"))

    def __init__(
        self,
        *args,
        companies=None,
        service_type: str | None = None,
        refresh_url: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if companies is None:
            del self.fields["company"]
        else:
            self.fields["company"].queryset = companies
            if len(companies) == 1:
                self.fields["company"].widget = forms.HiddenInput()
        chosen = self.data.get("service_type") if self.is_bound else service_type
        valid = chosen if chosen in ServiceType.values else None
        self.fields["addressed_offering"].queryset = active_offerings(valid)
        if refresh_url:
            # Choosing another service reloads the provider choices of that service.
            self.fields["service_type"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-include": "this",
                    "hx-target": "#field-addressed_offering",
                    "hx-select": "#field-addressed_offering",
                    "hx-swap": "outerHTML",
                }
            )

    def draft_data(self) -> dict:
        """The cleaned values the domain's `create_request`/`update_request` take."""
        data = dict(self.cleaned_data)
        data.pop("company", None)
        data.pop("files", None)
        return data


class TriageForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Triage note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    therapeutic_area = forms.ModelChoiceField(
        label=_("Therapeutic area"), queryset=_terms(Vocabulary.THERAPEUTIC_AREA), required=False
    )


class AssignForm(StyledFormMixin, forms.Form):
    offering = OfferingChoiceField(
        label=_("Assign to"), queryset=ServiceOffering.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Note for the provider"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        offerings = active_offerings(request.service_type if request else None)
        if request is not None:
            offerings = offerings.exclude(provider_id=request.company_id)
        self.fields["offering"].queryset = offerings


class ReasonForm(StyledFormMixin, forms.Form):
    """Decline (the domain requires the reason) and cancel (optional)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class DeliverForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What you deliver"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=8000,
    )
    files = MultipleFileField(label=_("Deliverables"))


class CloseForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    comment = forms.CharField(
        label=_("Comment on the service"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class MessageForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=8000,
    )
    files = MultipleFileField(label=_("Files"))


class NoInputForm(forms.Form):
    """Steps that take nothing but the click (submit, accept the NDA, accept, start)."""

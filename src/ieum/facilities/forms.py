from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.models import Cluster, Organization
from ieum.facilities.enums import (
    BookingMode,
    DowntimeKind,
    EquipmentCategory,
    ResourceKind,
    ResourceStatus,
)

RESULT_MAX_BYTES = 50 * 1024 * 1024
RESULT_EXTENSIONS = ["pdf", "xlsx", "csv", "zip", "txt", "png", "jpg", "jpeg", "tif", "tiff"]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CatalogFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.order_by("name_ko"),
        required=False,
        to_field_name="slug",
        empty_label=_("All clusters"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ResourceKind.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *EquipmentCategory.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Use status"),
        choices=[("", _("Any status")), *ResourceStatus.choices],
        required=False,
    )


class BookingForm(StyledFormMixin, forms.Form):
    start = forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("End"), widget=DATETIME_WIDGET)
    mode = forms.ChoiceField(label=_("Mode"), choices=BookingMode.choices)
    organization = forms.ModelChoiceField(
        label=_("For"), queryset=Organization.objects.none(), empty_label=None
    )
    purpose = forms.CharField(
        label=_("Purpose or samples"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    repeat = forms.TypedChoiceField(
        label=_("Repeat"),
        coerce=int,
        choices=[(0, _("Once")), (1, _("Daily")), (7, _("Weekly")), (14, _("Every two weeks"))],
        initial=0,
        required=False,
        empty_value=0,
    )
    count = forms.IntegerField(
        label=_("Times"), min_value=1, max_value=52, initial=4, required=False
    )
    skip_conflicts = forms.BooleanField(
        label=_("Skip dates that are taken"), required=False, initial=True
    )

    def __init__(self, *args, resource, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        modes = []
        if resource.allows_direct_use:
            modes.append((BookingMode.DIRECT_USE, BookingMode.DIRECT_USE.label))
        if resource.allows_analysis_request:
            modes.append((BookingMode.ANALYSIS_REQUEST, BookingMode.ANALYSIS_REQUEST.label))
        self.fields["mode"].choices = modes


class WaitlistForm(forms.Form):
    """The booking asked for, posted again from the conflict message."""

    start = forms.DateTimeField()
    end = forms.DateTimeField()
    mode = forms.ChoiceField(choices=BookingMode.choices)
    organization = forms.ModelChoiceField(queryset=Organization.objects.none())
    purpose = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class RescheduleForm(StyledFormMixin, forms.Form):
    start = forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("End"), widget=DATETIME_WIDGET)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DowntimeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DowntimeKind.choices)
    start = forms.DateTimeField(label=_("From"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("Until"), widget=DATETIME_WIDGET)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TrainingRequestForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QualificationForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Trainee's e-mail address"))
    trained_on = forms.DateField(
        label=_("Trained on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ResultForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Result file"), validators=[FileExtensionValidator(RESULT_EXTENSIONS)]
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > RESULT_MAX_BYTES:
            raise forms.ValidationError(_("Files may be at most 50 MB."))
        return upload

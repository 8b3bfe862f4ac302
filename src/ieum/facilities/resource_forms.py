"""Forms of catalog editing: a resource, its weekly opening hours, an equipment list.

They parse input and hand clean values to `resource_editing` and `resource_import`,
which check the rules together and write.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.facilities.models import OpeningHours, Resource
from ieum.facilities.resource_editing import (
    EDITABLE_FIELDS,
    PHOTO_EXTENSIONS,
    WeeklyHours,
    opening_hours_problems,
)

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

SECTIONS = (
    (_("Description"), Resource.DESCRIPTION_FIELDS),
    (_("Contact, photo and manual"), (*Resource.CONTACT_FIELDS, *Resource.FILE_FIELDS)),
    (_("Booking rules"), Resource.RULE_FIELDS),
    (_("Hourly rates (KRW)"), Resource.RATE_FIELDS),
)
WIDE_FIELDS = {"specifications_ko", "specifications_en"}


class ResourceForm(StyledFormMixin, forms.Form):
    """The resource's own fields, labelled and limited as the model defines them."""

    def sections(self):
        """(title, bound fields) for each part of the page."""
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in SECTIONS
        ]


ResourceForm.base_fields = fields_for_model(
    Resource,
    fields=EDITABLE_FIELDS,
    widgets={
        "specifications_ko": forms.Textarea(attrs={"rows": 3}),
        "specifications_en": forms.Textarea(attrs={"rows": 3}),
        "photo": forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in PHOTO_EXTENSIONS)}
        ),
        "manual": forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    },
    help_texts={
        "photo": _("JPEG, PNG or WebP, at most 5 MB."),
        "manual": _("PDF, at most 20 MB."),
        "nfec_number": _("As ZEUS gives it: NFEC-YYYY-MM-NNNNNN."),
    },
)


class OpeningHoursForm(StyledFormMixin, forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        coerce=int,
        choices=[("", "—"), *OpeningHours._meta.get_field("weekday").choices],
    )
    opens = forms.TimeField(label=_("Opens"), widget=TIME_WIDGET)
    closes = forms.TimeField(
        label=_("Closes"), widget=TIME_WIDGET, help_text=_("00:00 means midnight.")
    )

    def has_changed(self) -> bool:
        # A line counts when anything is written in it, whatever it started as: a line
        # left as it was is kept, and one emptied is skipped like an empty extra line.
        return any(self[name].value() not in (None, "") for name in ("weekday", "opens", "closes"))


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def weekly_hours(self) -> list[WeeklyHours]:
        return [
            (form.cleaned_data["weekday"], form.cleaned_data["opens"], form.cleaned_data["closes"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        problems = opening_hours_problems(self.weekly_hours())
        if problems:
            raise ValidationError(problems)


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursForm,
    formset=BaseOpeningHoursFormSet,
    extra=2,
    can_delete=True,
    max_num=28,
    validate_max=True,
)


def opening_hours_initial(resource: Resource | None) -> list[dict]:
    """The lines a formset starts with: the resource's, or weekdays 09:00–18:00."""
    if resource is None:
        return [{"weekday": day, "opens": "09:00", "closes": "18:00"} for day in range(5)]
    return [
        {"weekday": line.weekday, "opens": line.opens, "closes": line.closes}
        for line in resource.opening_hours.all()
    ]


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Equipment list"),
        help_text=_("An .xlsx workbook or a CSV file (UTF-8 or CP949), at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

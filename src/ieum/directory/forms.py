from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import (
    Cluster,
    CompanyProfile,
    DemandCompanyProfile,
    HospitalProfile,
    InvestorProfile,
    Organization,
    Term,
)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganizationKind.choices],
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        empty_label=_("All regions"),
        queryset=Term.objects.of(Vocabulary.REGION),
        to_field_name="code",
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        required=False,
        empty_label=_("All clusters"),
        queryset=Cluster.objects.order_by("name_ko"),
        to_field_name="slug",
    )
    area = forms.ModelChoiceField(
        label=_("Therapeutic area"),
        required=False,
        empty_label=_("All areas"),
        queryset=Term.objects.of(Vocabulary.THERAPEUTIC_AREA),
        to_field_name="code",
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"),
        required=False,
        empty_label=_("All stages"),
        queryset=Term.objects.of(Vocabulary.STAGE),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.update({"class": f"{css} form-select-sm"})
            if name != "q":
                field.widget.attrs["data-submit-on-change"] = ""


class OrganizationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name_en",
            "summary_ko",
            "summary_en",
            "region",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "is_listed",
        ]
        widgets = {
            "summary_ko": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Term.objects.of(Vocabulary.REGION)
        if self.instance.kind != OrganizationKind.COMPANY:
            # Only companies choose whether to be listed; the others always are.
            del self.fields["is_listed"]


class ProfileForm(StyledFormMixin, forms.ModelForm):
    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class CompanyProfileForm(ProfileForm):
    class Meta:
        model = CompanyProfile
        fields = [*CompanyProfile.PUBLIC_FIELDS, *CompanyProfile.CONFIDENTIAL_FIELDS]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}


class HospitalProfileForm(ProfileForm):
    class Meta:
        model = HospitalProfile
        fields = [*HospitalProfile.PUBLIC_FIELDS, *HospitalProfile.CONFIDENTIAL_FIELDS]


class InvestorProfileForm(ProfileForm):
    class Meta:
        model = InvestorProfile
        fields = [*InvestorProfile.PUBLIC_FIELDS, *InvestorProfile.CONFIDENTIAL_FIELDS]


class DemandCompanyProfileForm(ProfileForm):
    class Meta:
        model = DemandCompanyProfile
        fields = [*DemandCompanyProfile.PUBLIC_FIELDS, *DemandCompanyProfile.CONFIDENTIAL_FIELDS]


PROFILE_FORMS = {
    OrganizationKind.COMPANY: CompanyProfileForm,
    OrganizationKind.HOSPITAL: HospitalProfileForm,
    OrganizationKind.INVESTOR: InvestorProfileForm,
    OrganizationKind.DEMAND_COMPANY: DemandCompanyProfileForm,
}

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ieum.accounts.domain import ROLES_BY_KIND
from ieum.accounts.enums import Role
from ieum.core.forms import StyledFormMixin


class EmailAuthenticationForm(StyledFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is inactive."),
    }


class InvitationForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ROLES_BY_KIND.get(organization.kind, set())
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in allowed
        ]


class AcceptInvitationForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=120)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif data.get("password"):
            try:
                password_validation.validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data

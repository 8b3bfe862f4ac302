"""Forms of the venture cafe pages: they parse input and hand clean values to
`venture_cafe`; times of day are read in the event's own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ieum.accounts.access import access_for
from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.partnering.enums import CafeSessionKind
from ieum.partnering.models import MentorSlot

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CafeSessionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CafeSessionKind.choices)
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("From"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Until"), widget=TIME_WIDGET)
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=10_000,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    description_ko = forms.CharField(
        label=_("Description (Korean)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, event, session=None, **kwargs):
        if session is not None and "initial" not in kwargs:
            zone = event.zone
            kwargs["initial"] = {
                "kind": session.kind,
                "title_ko": session.title_ko,
                "title_en": session.title_en,
                "date": session.starts_at.astimezone(zone).date(),
                "starts": session.starts_at.astimezone(zone).time(),
                "ends": session.ends_at.astimezone(zone).time(),
                "room": session.room,
                "capacity": session.capacity,
                "description_ko": session.description_ko,
                "description_en": session.description_en,
            }
        super().__init__(*args, **kwargs)
        self.event = event
        if session is None:
            self.fields["date"].initial = event.starts_on

    def session_fields(self) -> dict:
        """The cleaned values as `add_cafe_session` takes them; the end may pass midnight."""
        data = dict(self.cleaned_data)
        zone = self.event.zone
        day, starts, ends = data.pop("date"), data.pop("starts"), data.pop("ends")
        data["starts_at"] = datetime.combine(day, starts, tzinfo=zone)
        end_day = day + timedelta(days=1) if ends == datetime.min.time() else day
        data["ends_at"] = datetime.combine(end_day, ends, tzinfo=zone)
        return data


class MentorSlotsForm(StyledFormMixin, forms.Form):
    mentor_email = forms.EmailField(
        label=_("Mentor's e-mail"),
        help_text=_("The mentor must have signed up to Ieum with this address."),
    )
    session = forms.ModelChoiceField(label=_("Session"), queryset=None, empty_label=None)
    starts = forms.TimeField(label=_("From"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Until"), widget=TIME_WIDGET)
    minutes = forms.IntegerField(
        label=_("Minutes per slot"), min_value=5, max_value=120, initial=20
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=200,
        required=False,
        help_text=_("For example: regulatory affairs, licensing, Series A."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["session"].queryset = event.cafe_sessions.filter(
            kind=CafeSessionKind.MENTORING
        ).order_by("starts_at")

    def clean_mentor_email(self) -> object:
        email = self.cleaned_data["mentor_email"]
        mentor = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if mentor is None:
            raise forms.ValidationError(_("Nobody has signed up with this e-mail address."))
        return mentor

    def slot_fields(self) -> dict:
        """The cleaned values as `publish_mentor_slots` takes them, on the session's date."""
        data = self.cleaned_data
        session = data["session"]
        day = session.starts_at.astimezone(self.event.zone).date()
        return {
            "session": session,
            "mentor": data["mentor_email"],
            "start": datetime.combine(day, data["starts"], tzinfo=self.event.zone),
            "end": datetime.combine(day, data["ends"], tzinfo=self.event.zone),
            "minutes": data["minutes"],
            "expertise": data["expertise"],
        }


def startups_of(user):
    """The companies a person may book a mentor for."""
    return Organization.objects.filter(
        pk__in=access_for(user).organization_ids, kind=OrganizationKind.COMPANY
    ).order_by("name_ko")


class BookSlotForm(StyledFormMixin, forms.Form):
    slot = forms.ModelChoiceField(label=_("Time"), queryset=MentorSlot.objects.none())
    organization = forms.ModelChoiceField(
        label=_("For"), queryset=Organization.objects.none(), empty_label=None
    )
    topic = forms.CharField(label=_("What to talk about"), max_length=300, required=False)

    def __init__(self, *args, user, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = MentorSlot.objects.filter(session__event=event)
        self.fields["organization"].queryset = startups_of(user)


class RegisterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("For"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=access_for(user).organization_ids
        )


class AttendanceFilterForm(StyledFormMixin, forms.Form):
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=None, required=False, empty_label=_("All sessions")
    )
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=120)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.cafe_sessions.order_by("starts_at")

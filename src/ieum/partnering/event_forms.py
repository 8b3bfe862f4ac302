"""Forms of the event pages: they read input; the rules live in event_setup and registration."""

import re
from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.models import Cluster, Organization
from ieum.partnering.enums import EventKind, EventStatus, LocationKind, PartyKind
from ieum.partnering.models.events import known_time_zones

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BREAK_LINE = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s*(.*)$")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone) for zone in sorted(known_time_zones())]


class EventFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *EventStatus.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class RegistrationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Taking part as"),
        choices=[("", _("All parties")), *PartyKind.choices],
        required=False,
    )


class EventForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    name_ko = forms.CharField(label=_("Korean name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, e.g. oi-week-2025."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_WIDGET)
    slot_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, max_value=240, initial=30
    )
    venue_ko = forms.CharField(label=_("Venue (Korean)"), max_length=200, required=False)
    venue_en = forms.CharField(label=_("Venue (English)"), max_length=200, required=False)
    summary_ko = forms.CharField(
        label=_("Korean description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_en = forms.CharField(
        label=_("English description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Asia/Seoul")
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), required=False
    )

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["cluster"].queryset = (
            clusters if clusters is not None else Cluster.objects.all()
        )


class EventCreateForm(EventForm):
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), queryset=Organization.objects.none(), empty_label=None
    )

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers


class EventSettingsForm(EventForm):
    """The details plus the limits an organizer sets once the event is under way."""

    is_public = forms.BooleanField(label=_("Listed publicly"), required=False)
    max_meetings_per_party = forms.IntegerField(
        label=_("Most meetings per party"), required=False, min_value=1, max_value=200
    )
    max_meetings_per_day = forms.IntegerField(
        label=_("Most meetings per party and day"), required=False, min_value=1, max_value=50
    )


class EventStatusForm(forms.Form):
    status = forms.ChoiceField(choices=EventStatus.choices)


class EventDayForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    opens_at = forms.TimeField(label=_("Meetings start"), widget=TIME_WIDGET)
    closes_at = forms.TimeField(label=_("Meetings end"), widget=TIME_WIDGET)
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: start–end and a label, e.g. “12:00-13:00 점심 / Lunch”."),
    )

    def clean_breaks(self) -> list[tuple[time, time, str, str]]:
        breaks = []
        for number, line in enumerate(self.cleaned_data["breaks"].splitlines(), start=1):
            if not line.strip():
                continue
            match = BREAK_LINE.match(line)
            try:
                starts_at, ends_at = (time.fromisoformat(match[i].zfill(5)) for i in (1, 2))
            except (TypeError, ValueError):
                raise forms.ValidationError(
                    _("Line %(number)d: write a break as HH:MM-HH:MM and a label."),
                    params={"number": number},
                ) from None
            label_ko, _slash, label_en = match[3].partition("/")
            breaks.append((starts_at, ends_at, label_ko.strip()[:100], label_en.strip()[:100]))
        return breaks


class LocationForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LocationKind.choices)
    name_ko = forms.CharField(label=_("Korean name"), max_length=120)
    name_en = forms.CharField(label=_("English name"), max_length=120, required=False)
    capacity = forms.IntegerField(
        label=_("Meetings at once"), min_value=1, max_value=500, initial=1
    )
    meeting_link = forms.URLField(label=_("Meeting link"), required=False, assume_scheme="https")


class RegisterForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Taking part as"),
        choices=[("", _("Follows from the organization")), *PartyKind.choices],
        required=False,
    )
    teams = forms.IntegerField(
        label=_("Parallel teams"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("Demand companies may meet with several teams at once."),
    )
    pitch_ko = forms.CharField(
        label=_("What we offer or seek (Korean)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pitch_en = forms.CharField(
        label=_("What we offer or seek (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DelegateForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"))
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    team = forms.IntegerField(label=_("Team"), min_value=1, max_value=20, initial=1)
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Asia/Seoul")
    language = forms.ChoiceField(
        label=_("Language"), choices=[("ko", "한국어"), ("en", "English")], initial="ko"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()


class BlockForm(forms.Form):
    slot = forms.IntegerField()
    team = forms.IntegerField(min_value=1, max_value=20, initial=1)

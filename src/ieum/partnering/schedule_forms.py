"""Forms of the organizer's schedule pages: start a run, move a meeting, swap two."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.partnering.schedule_runs import MAX_TIME_LIMIT, MIN_TIME_LIMIT


class RunForm(StyledFormMixin, forms.Form):
    keep_published = forms.BooleanField(
        label=_("Keep published meetings where they are"),
        help_text=_("Untick only if published meetings may move; their parties are told."),
        required=False,
        initial=True,
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=MIN_TIME_LIMIT,
        max_value=MAX_TIME_LIMIT,
        initial=20,
    )


class MoveForm(StyledFormMixin, forms.Form):
    slot = forms.ModelChoiceField(label=_("Time"), queryset=None, empty_label=None)
    location = forms.ModelChoiceField(label=_("Place"), queryset=None, empty_label=None)
    table_number = forms.IntegerField(
        label=_("Table"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for the first free table; at a booth it is the host's team."),
    )

    def __init__(self, *args, slots, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["location"].queryset = locations


class SwapForm(forms.Form):
    other = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = meetings


class BoardFilterForm(StyledFormMixin, forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=int, required=False)
    location = forms.ModelMultipleChoiceField(label=_("Places"), queryset=None, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        days = event.slots.values_list("day_number", flat=True).distinct().order_by("day_number")
        self.fields["day"].choices = [(d, _("Day %(number)d") % {"number": d}) for d in days]
        self.fields["location"].queryset = event.locations.order_by("kind", "pk")

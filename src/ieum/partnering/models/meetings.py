from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel
from ieum.partnering.enums import (
    LIVE_REQUEST_STATUSES,
    MeetingStatus,
    OutcomeKind,
    Priority,
    RequestStatus,
    RunStatus,
)


class MeetingRequest(TimeStampedModel):
    """One party asks another for a 1:1 meeting; accepted requests become meetings."""

    event = models.ForeignKey(
        "partnering.Event", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        "partnering.Registration",
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="sent_requests",
    )
    recipient = models.ForeignKey(
        "partnering.Registration",
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="received_requests",
    )
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    recipient_priority = models.PositiveSmallIntegerField(
        _("recipient's priority"), choices=Priority.choices, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answered_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    # Set when a demand company accepted a startup's proposal to one of its needs.
    proposal = models.OneToOneField(
        "partnering.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_request",
    )

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["event", "status"], name="meeting_request_event_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="meeting_request_two_parties"
            ),
            # One live request per pair of parties, whichever of them asked.
            models.UniqueConstraint(
                Least("requester", "recipient"),
                Greatest("requester", "recipient"),
                condition=Q(status__in=LIVE_REQUEST_STATUSES),
                name="meeting_request_one_live_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.organization} → {self.recipient.organization}"

    def get_absolute_url(self) -> str:
        return reverse("partnering:request", kwargs={"pk": self.pk})


class Meeting(TimeStampedModel):
    """An accepted request, with its slot, location and table once scheduled."""

    event = models.ForeignKey("partnering.Event", on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MeetingStatus.choices,
        default=MeetingStatus.UNSCHEDULED,
    )
    # How much the meeting matters to the scheduler: 3 when both sides gave it top priority.
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    requester_team = models.PositiveSmallIntegerField(default=1)
    recipient_team = models.PositiveSmallIntegerField(default=1)
    slot = models.ForeignKey(
        "partnering.Slot",
        verbose_name=_("time"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    location = models.ForeignKey(
        "partnering.Location",
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    table_number = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    # Published meetings are on people's agendas; a re-run keeps them where they are.
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Calendar feeds send this with the stable UID, so calendar apps update in place.
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    requester_checked_in_at = models.DateTimeField(null=True, blank=True)
    recipient_checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "table_number"]
        indexes = [models.Index(fields=["event", "status"], name="meeting_event_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.SCHEDULED)
                | Q(slot__isnull=False, location__isnull=False, table_number__isnull=False),
                name="meeting_scheduled_has_place",
            ),
            # A table (or a booth team's seat) holds one meeting per slot.
            models.UniqueConstraint(
                fields=["location", "table_number", "slot"],
                condition=Q(status=MeetingStatus.SCHEDULED),
                name="meeting_one_per_table_and_slot",
            ),
        ]

    def __str__(self) -> str:
        return str(self.request)

    def get_absolute_url(self) -> str:
        return reverse("partnering:meeting", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        return f"m{self.pk}"


class MeetingSeat(models.Model):
    """A party's team taken by a scheduled meeting in a slot.

    Each scheduled meeting holds one seat per side. The unique constraint is what makes
    double-booking a team impossible, whichever request, run or manual move tries it.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(
        "partnering.Registration", on_delete=models.CASCADE, related_name="seats"
    )
    team = models.PositiveSmallIntegerField(default=1)
    slot = models.ForeignKey("partnering.Slot", on_delete=models.CASCADE, related_name="seats")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "team", "slot"], name="meeting_seat_no_double_booking"
            ),
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="meeting_seat_one_per_side"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.team} @ {self.slot_id}"


class ScheduleRun(TimeStampedModel):
    """One run of the scheduler for an event: its progress, result and publication."""

    event = models.ForeignKey(
        "partnering.Event", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    started_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    # False only when the organizer chose to let the run move published meetings.
    keep_published = models.BooleanField(_("keep published meetings in place"), default=True)
    time_limit = models.FloatField(_("time limit (seconds)"), default=20.0)
    progress = models.JSONField(default=dict, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    # The proposed schedule: [{"meeting": id, "slot": id, "location": id, "table": n}, ...]
    assignments = models.JSONField(default=list, blank=True)
    # Meetings left out, with why: {"<meeting id>": "<reason code>"}
    unscheduled = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["-created_at"]

    def get_absolute_url(self) -> str:
        return reverse("partnering:schedule_run", kwargs={"pk": self.pk})


class MeetingFeedback(TimeStampedModel):
    """One side's short verdict on a meeting after the event."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    registration = models.ForeignKey(
        "partnering.Registration", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("how useful was it"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    wants_follow_up = models.BooleanField(_("we want to follow up"), default=False)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="meeting_feedback_one_per_side"
            )
        ]


class FollowUpOutcome(TimeStampedModel):
    """What came of a meeting: an NDA, a PoC, joint R&D, a licence, an investment, supply."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=OutcomeKind.choices)
    amount_krw = models.PositiveBigIntegerField(_("amount (KRW)"), null=True, blank=True)
    agreed_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up outcome")
        verbose_name_plural = _("follow-up outcomes")
        ordering = ["-agreed_on"]

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel, TsTzRange, pick_language
from ieum.partnering.enums import CafeSessionKind


class CafeSession(TimeStampedModel):
    """A part of a venture cafe evening: IR pitches, mentoring office hours or networking."""

    event = models.ForeignKey(
        "partnering.Event", on_delete=models.CASCADE, related_name="cafe_sessions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CafeSessionKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)

    class Meta:
        verbose_name = _("venture cafe session")
        verbose_name_plural = _("venture cafe sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="cafe_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ko, self.title_en)

    @property
    def description(self) -> str:
        return pick_language(self.description_ko, self.description_en)


class CafeAttendance(TimeStampedModel):
    """A person registered for a session, and whether they came."""

    session = models.ForeignKey(CafeSession, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="cafe_attendance_unique")
        ]


class MentorSlot(TimeStampedModel):
    """A mentor's office-hour slot (20 minutes by default) that one startup books."""

    session = models.ForeignKey(CafeSession, on_delete=models.CASCADE, related_name="mentor_slots")
    mentor = models.ForeignKey(
        "accounts.User", verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    booked_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("startup"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    topic = models.CharField(_("what to talk about"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mentor slot")
        verbose_name_plural = _("mentor slots")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="mentor_slot_end_after_start"
            ),
            # A mentor never offers two overlapping slots...
            ExclusionConstraint(
                name="mentor_slot_no_overlap",
                expressions=[
                    ("mentor", RangeOperators.EQUAL),
                    (TsTzRange("start", "end"), RangeOperators.OVERLAPS),
                ],
            ),
            # ...and a startup never holds two at the same time.
            ExclusionConstraint(
                name="mentor_slot_startup_no_overlap",
                expressions=[
                    ("booked_organization", RangeOperators.EQUAL),
                    (TsTzRange("start", "end"), RangeOperators.OVERLAPS),
                ],
                condition=Q(booked_organization__isnull=False),
            ),
        ]

import functools
import secrets
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.partnering.enums import EventKind, EventStatus, LocationKind, PartyKind


@functools.cache
def known_time_zones() -> frozenset[str]:
    # Reading the list walks the time zone database on disk; do it once per process.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    # Not field choices: the list comes from the machine's time zone database, and
    # migrations must not change when that is updated.
    if value not in known_time_zones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


def new_agenda_token() -> str:
    return secrets.token_urlsafe(24)


class Event(BilingualNameMixin, TimeStampedModel):
    """A partnering event (1:1 meetings over one or more days) or a venture cafe."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary_ko = models.TextField(_("Korean description"), blank=True)
    summary_en = models.TextField(_("English description"), blank=True)
    venue_ko = models.CharField(_("venue (Korean)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    # Who runs it: their event organizers manage registration, scheduling and check-in.
    organizer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_events",
    )
    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], default="Asia/Seoul"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    max_meetings_per_party = models.PositiveSmallIntegerField(
        _("most meetings per party"), null=True, blank=True
    )
    max_meetings_per_day = models.PositiveSmallIntegerField(
        _("most meetings per party and day"), null=True, blank=True
    )
    requests_close_at = models.DateTimeField(_("meeting requests close"), null=True, blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    published_at = models.DateTimeField(_("agendas published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnering:event", kwargs={"slug": self.slug})

    @property
    def summary(self) -> str:
        return pick_language(self.summary_ko, self.summary_en)

    @property
    def venue(self) -> str:
        return pick_language(self.venue_ko, self.venue_en)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class EventDay(models.Model):
    """One meeting day: the hours meetings run, less its breaks."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("meetings start"))
    closes_at = models.TimeField(_("meetings end"))

    class Meta:
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="event_day_unique"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="event_day_closes_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class EventBreak(models.Model):
    """A pause in a meeting day (lunch, a keynote) when no meeting is scheduled."""

    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="breaks")
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    label_ko = models.CharField(_("label (Korean)"), max_length=100, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_break_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.label}"

    @property
    def label(self) -> str:
        return pick_language(self.label_ko, self.label_en)


class Slot(models.Model):
    """A meeting slot, generated from the days, breaks and slot length of the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    day_number = models.PositiveSmallIntegerField()
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="slot_unique_start"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"

    @property
    def code(self) -> str:
        """The slot's id in the scheduler's exchange format."""
        return f"s{self.pk}"


class Location(BilingualNameMixin, models.Model):
    """Where meetings happen: `capacity` meetings at once (booth teams, tables in a hall)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="locations")
    kind = models.CharField(_("kind"), max_length=10, choices=LocationKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("meetings at once"), default=1, validators=[MinValueValidator(1)]
    )
    # A booth belongs to one party and only takes that party's meetings.
    registration = models.OneToOneField(
        "partnering.Registration",
        verbose_name=_("booth of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="booth",
    )
    meeting_link = models.URLField(_("meeting link"), blank=True)

    class Meta:
        verbose_name = _("meeting location")
        verbose_name_plural = _("meeting locations")
        ordering = ["event", "kind", "name_ko"]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return f"l{self.pk}"


class Registration(TimeStampedModel):
    """An organization taking part in an event, as a party that meets."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    kind = models.CharField(_("taking part as"), max_length=10, choices=PartyKind.choices)
    # A demand company may meet with several teams at once, one meeting per team.
    teams = models.PositiveSmallIntegerField(
        _("parallel teams"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), null=True, blank=True)
    pitch_ko = models.TextField(_("what we offer or seek (Korean)"), blank=True)
    pitch_en = models.TextField(_("what we offer or seek (English)"), blank=True)
    registered_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "kind", "organization__name_ko"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="registration_unique_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.event}"

    @property
    def pitch(self) -> str:
        return pick_language(self.pitch_ko, self.pitch_en)

    def party_code(self, team: int) -> str:
        """The id of one of this party's teams in the scheduler's exchange format."""
        return f"r{self.pk}t{team}"


class Delegate(TimeStampedModel):
    """A person attending for a registered organization; agendas are per delegate."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="delegates"
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
    )
    full_name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    team = models.PositiveSmallIntegerField(_("team"), default=1)
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], default="Asia/Seoul"
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("ko", "한국어"), ("en", "English")], default="ko"
    )
    # The private key of the delegate's agenda feed and check-in codes; reset on request.
    agenda_token = models.CharField(max_length=64, unique=True, default=new_agenda_token)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["registration", "team", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "email"], name="delegate_unique_email")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Block(models.Model):
    """A slot in which one team of a party cannot meet."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="blocks")
    team = models.PositiveSmallIntegerField(default=1)
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="blocks")
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("blocked slot")
        verbose_name_plural = _("blocked slots")
        constraints = [
            models.UniqueConstraint(fields=["registration", "team", "slot"], name="block_unique")
        ]

    def __str__(self) -> str:
        return f"{self.registration.organization} · {self.slot}"

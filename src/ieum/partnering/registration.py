"""Organizations register at an event, name their delegates and block the times they cannot meet.

Registering locks the event's row, and delegates and blocks lock the registration's
row: the scheduler and the manual moves lock the same registration rows before they
seat a team, so a block and a meeting never land in the same slot for the same team.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.partnering.enums import EventStatus, LocationKind, PartyKind
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import (
    Block,
    Delegate,
    Event,
    Location,
    MeetingSeat,
    Registration,
    Slot,
)
from ieum.partnering.models.events import validate_time_zone

MAX_TEAMS = 20
LANGUAGES = ("ko", "en")
DELEGATE_FIELDS = ("full_name", "email", "job_title", "team", "time_zone", "language", "user")

PARTY_KIND_OF_ORGANIZATION = {
    OrganizationKind.DEMAND_COMPANY: PartyKind.DEMAND_COMPANY,
    OrganizationKind.COMPANY: PartyKind.STARTUP,
    OrganizationKind.INVESTOR: PartyKind.INVESTOR,
    OrganizationKind.HOSPITAL: PartyKind.HOSPITAL,
}


def party_kind_for(organization: Organization) -> str:
    """How an organization takes part unless it says otherwise."""
    return PARTY_KIND_OF_ORGANIZATION.get(organization.kind, PartyKind.OTHER)


def _registration_problems(*, event: Event, organization, kind: str, teams: int) -> dict:
    errors: dict[str, list[str]] = {}
    if event.status not in (EventStatus.OPEN, EventStatus.PUBLISHED):
        errors.setdefault("__all__", []).append(_("Registration for this event is not open."))
    if Registration.objects.filter(event=event, organization=organization).exists():
        errors.setdefault("organization", []).append(
            _("%(organization)s is already registered at this event.")
            % {"organization": organization.name}
        )
    if kind not in PartyKind.values:
        errors.setdefault("kind", []).append(_("Choose how the organization takes part."))
    if not isinstance(teams, int) or not 1 <= teams <= MAX_TEAMS:
        errors.setdefault("teams", []).append(
            _("The number of teams must be between 1 and %(most)d.") % {"most": MAX_TEAMS}
        )
    elif teams > 1 and kind != PartyKind.DEMAND_COMPANY:
        errors.setdefault("teams", []).append(
            _("Only demand companies meet with more than one team at once.")
        )
    return errors


@transaction.atomic
def register_organization(
    *,
    event: Event,
    organization: Organization,
    by,
    kind: str | None = None,
    teams: int = 1,
    pitch_ko: str = "",
    pitch_en: str = "",
) -> Registration:
    """Register an organization as a party; a demand company gets its booth."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    kind = kind or party_kind_for(organization)
    errors = _registration_problems(event=event, organization=organization, kind=kind, teams=teams)
    if errors:
        raise ValidationError(errors)
    registration = Registration.objects.create(
        event=event,
        organization=organization,
        kind=kind,
        teams=teams,
        pitch_ko=pitch_ko,
        pitch_en=pitch_en,
        registered_by=by,
    )
    if kind == PartyKind.DEMAND_COMPANY:
        # Each team of the company meets at its own seat of the booth.
        Location.objects.create(
            event=event,
            kind=LocationKind.BOOTH,
            name_ko=f"{organization.name_ko} 부스",
            name_en=f"{organization.name_en or organization.name_ko} booth",
            capacity=teams,
            registration=registration,
        )
    return registration


def _delegate_problems(delegate: Delegate, registration: Registration) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (delegate.full_name or "").strip():
        errors["full_name"] = [_("Give the delegate's name.")]
    try:
        validate_email(delegate.email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    else:
        taken = registration.delegates.filter(email__iexact=delegate.email).exclude(pk=delegate.pk)
        if taken.exists():
            errors["email"] = [_("A delegate of this organization already uses this address.")]
    if not isinstance(delegate.team, int) or not 1 <= delegate.team <= registration.teams:
        errors["team"] = [
            _("Choose a team between 1 and %(teams)d.") % {"teams": registration.teams}
        ]
    try:
        validate_time_zone(delegate.time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages
    if delegate.language not in LANGUAGES:
        errors["language"] = [_("Choose Korean or English.")]
    return errors


def _save_delegate(delegate: Delegate, registration: Registration) -> Delegate:
    errors = _delegate_problems(delegate, registration)
    if errors:
        raise ValidationError(errors)
    delegate.email = delegate.email.strip()
    delegate.full_name = delegate.full_name.strip()
    delegate.save()
    return delegate


@transaction.atomic
def add_delegate(
    *,
    registration: Registration,
    by,
    full_name: str,
    email: str,
    user=None,
    team: int = 1,
    time_zone: str = "Asia/Seoul",
    language: str = "ko",
    job_title: str = "",
) -> Delegate:
    """A person attending for the organization, with the time zone their agenda uses."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    delegate = Delegate(
        registration=registration,
        user=user,
        full_name=full_name,
        email=email,
        job_title=job_title,
        team=team,
        time_zone=time_zone,
        language=language,
    )
    return _save_delegate(delegate, registration)


@transaction.atomic
def update_delegate(*, delegate: Delegate, by, **fields: Any) -> Delegate:
    unknown = set(fields) - set(DELEGATE_FIELDS)
    if unknown:
        raise ValueError(f"update_delegate cannot change {sorted(unknown)}")
    registration = Registration.objects.select_for_update().get(pk=delegate.registration_id)
    delegate = Delegate.objects.get(pk=delegate.pk)
    for name, value in fields.items():
        setattr(delegate, name, value)
    return _save_delegate(delegate, registration)


@transaction.atomic
def remove_delegate(*, delegate: Delegate, by) -> None:
    Registration.objects.select_for_update().get(pk=delegate.registration_id)
    Delegate.objects.filter(pk=delegate.pk).delete()


@transaction.atomic
def block_slot(
    *, registration: Registration, slot: Slot, by, team: int = 1, reason: str = ""
) -> Block:
    """Mark a slot in which one team cannot meet; refused where it already meets."""
    # The lock the scheduler takes before it seats this party: one of us waits.
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not 1 <= team <= registration.teams:
        raise ValidationError(
            {"team": _("Choose a team between 1 and %(teams)d.") % {"teams": registration.teams}}
        )
    if slot.event_id != registration.event_id:
        raise SchedulingConflict(_("That time is not one of this event's meeting slots."))
    if MeetingSeat.objects.filter(registration=registration, team=team, slot=slot).exists():
        raise SchedulingConflict(
            _("A meeting is already scheduled at %(time)s; it cannot be blocked.")
            % {"time": _slot_label(slot, registration.event)}
        )
    if Block.objects.filter(registration=registration, team=team, slot=slot).exists():
        raise SchedulingConflict(
            _("%(time)s is already blocked.") % {"time": _slot_label(slot, registration.event)}
        )
    try:
        with transaction.atomic():
            return Block.objects.create(
                registration=registration, team=team, slot=slot, reason=reason[:200]
            )
    except IntegrityError as error:
        if "block_unique" not in str(error):
            raise
        raise SchedulingConflict(
            _("%(time)s is already blocked.") % {"time": _slot_label(slot, registration.event)}
        ) from error


@transaction.atomic
def unblock_slot(*, block: Block, by) -> None:
    """Free a blocked time again (for meetings placed from now on)."""
    Registration.objects.select_for_update().get(pk=block.registration_id)
    if not Block.objects.filter(pk=block.pk).delete()[0]:
        raise IllegalStep(_("That time is no longer blocked."))


def _slot_label(slot: Slot, event: Event) -> str:
    return f"{slot.start.astimezone(event.zone):%Y-%m-%d %H:%M}"

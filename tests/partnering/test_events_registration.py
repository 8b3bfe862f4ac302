"""Registering organizations, naming delegates and blocking times."""

import pytest
from django.core.exceptions import ValidationError

from ieum.partnering.errors import SchedulingConflict
from ieum.partnering.models import Block, Delegate, Location, Registration
from ieum.partnering.registration import (
    add_delegate,
    block_slot,
    register_organization,
    unblock_slot,
    update_delegate,
)
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    HospitalFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.partnering.factories_events import scheduled_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    return EventFactory()


def test_a_demand_company_gets_a_booth_with_a_seat_per_team(event):
    company = DemandCompanyFactory(name_ko="글로벌제약", name_en="Global Pharma")
    registration = register_organization(
        event=event, organization=company, by=UserFactory(), teams=3
    )
    assert registration.kind == "demand"
    booth = Location.objects.get(registration=registration)
    assert (booth.kind, booth.capacity, booth.name_ko, booth.name_en) == (
        "booth",
        3,
        "글로벌제약 부스",
        "Global Pharma booth",
    )


@pytest.mark.parametrize(
    ("factory", "kind"),
    [
        (CompanyFactory, "startup"),
        (HospitalFactory, "hospital"),
        (lambda: OrganizationFactory(kind="investor"), "investor"),
        (lambda: OrganizationFactory(kind="university"), "other"),
    ],
)
def test_party_kind_follows_the_organization(event, factory, kind):
    registration = register_organization(event=event, organization=factory(), by=UserFactory())
    assert registration.kind == kind
    assert not Location.objects.exists()


def test_kind_may_be_given(event):
    registration = register_organization(
        event=event, organization=CompanyFactory(), by=UserFactory(), kind="investor"
    )
    assert registration.kind == "investor"


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_registration_needs_an_open_event(status):
    event = EventFactory(status=status)
    with pytest.raises(ValidationError, match="not open"):
        register_organization(event=event, organization=CompanyFactory(), by=UserFactory())
    assert not Registration.objects.exists()


def test_registration_is_also_open_after_publishing():
    event = EventFactory(status="published")
    register_organization(event=event, organization=CompanyFactory(), by=UserFactory())
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("organization", "teams", "field"),
    [
        (CompanyFactory, 2, "teams"),
        (DemandCompanyFactory, 0, "teams"),
        (DemandCompanyFactory, 21, "teams"),
    ],
)
def test_team_numbers(event, organization, teams, field):
    with pytest.raises(ValidationError) as refused:
        register_organization(
            event=event, organization=organization(), by=UserFactory(), teams=teams
        )
    assert field in refused.value.error_dict
    assert not Registration.objects.exists() and not Location.objects.exists()


def test_an_organization_registers_once(event):
    company = DemandCompanyFactory()
    register_organization(event=event, organization=company, by=UserFactory())
    with pytest.raises(ValidationError, match="already registered"):
        register_organization(event=event, organization=company, by=UserFactory())
    assert Registration.objects.count() == 1 and Location.objects.count() == 1


def test_add_and_update_delegates(event):
    registration = RegistrationFactory(event=event, kind="demand", teams=2)
    delegate = add_delegate(
        registration=registration,
        by=UserFactory(),
        full_name="Jane Doe",
        email="jane@pharma.com",
        team=2,
        time_zone="Europe/Berlin",
        language="en",
    )
    assert (delegate.team, delegate.time_zone, delegate.language) == (2, "Europe/Berlin", "en")
    update_delegate(delegate=delegate, by=UserFactory(), time_zone="America/New_York", team=1)
    delegate.refresh_from_db()
    assert (delegate.team, delegate.time_zone) == (1, "America/New_York")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"team": 2}, "team"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "KIM@example.kr"}, "email"),
        ({"language": "fr"}, "language"),
        ({"full_name": " "}, "full_name"),
    ],
)
def test_delegate_rules_write_nothing(event, arguments, field):
    registration = RegistrationFactory(event=event)
    add_delegate(
        registration=registration, by=UserFactory(), full_name="김", email="kim@example.kr"
    )
    values = {"full_name": "이", "email": "lee@example.kr"} | arguments
    with pytest.raises(ValidationError) as refused:
        add_delegate(registration=registration, by=UserFactory(), **values)
    assert field in refused.value.error_dict
    assert Delegate.objects.count() == 1


def test_update_delegate_refuses_a_taken_address(event):
    registration = RegistrationFactory(event=event)
    add_delegate(registration=registration, by=UserFactory(), full_name="김", email="kim@ex.kr")
    lee = add_delegate(
        registration=registration, by=UserFactory(), full_name="이", email="lee@ex.kr"
    )
    with pytest.raises(ValidationError):
        update_delegate(delegate=lee, by=UserFactory(), email="kim@ex.kr")
    lee.refresh_from_db()
    assert lee.email == "lee@ex.kr"


def test_block_and_unblock(event):
    registration = RegistrationFactory(event=event)
    slot = event.slots.first()
    block = block_slot(registration=registration, slot=slot, by=UserFactory(), reason="IR")
    assert (block.team, block.reason) == (1, "IR")
    unblock_slot(block=block, by=UserFactory())
    assert not Block.objects.exists()


def test_a_duplicate_block_is_a_conflict(event):
    registration = RegistrationFactory(event=event)
    slot = event.slots.first()
    block_slot(registration=registration, slot=slot, by=UserFactory())
    with pytest.raises(SchedulingConflict, match="already blocked"):
        block_slot(registration=registration, slot=slot, by=UserFactory())
    assert Block.objects.count() == 1


def test_a_slot_of_another_event_is_a_conflict(event):
    registration = RegistrationFactory(event=event)
    with pytest.raises(SchedulingConflict, match="not one of this event"):
        block_slot(registration=registration, slot=EventFactory().slots.first(), by=UserFactory())
    assert not Block.objects.exists()


def test_a_slot_with_a_meeting_cannot_be_blocked(event):
    registration = RegistrationFactory(event=event, kind="demand", teams=2)
    slot = event.slots.first()
    scheduled_meeting(registration, slot, team=1)
    with pytest.raises(SchedulingConflict, match="already scheduled"):
        block_slot(registration=registration, slot=slot, by=UserFactory(), team=1)
    assert not Block.objects.exists()
    # The other team is free then.
    block_slot(registration=registration, slot=slot, by=UserFactory(), team=2)
    assert Block.objects.get().team == 2


def test_a_team_beyond_the_registration_is_refused(event):
    registration = RegistrationFactory(event=event)
    with pytest.raises(ValidationError) as refused:
        block_slot(registration=registration, slot=event.slots.first(), by=UserFactory(), team=2)
    assert "team" in refused.value.error_dict
    assert not Block.objects.exists()

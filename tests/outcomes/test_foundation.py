"""The model, rules and visibility of outcome records, and the shared input check."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ieum.outcomes.enums import Currency, OutcomeKind, VerificationStatus
from ieum.outcomes.money import RateBook
from ieum.outcomes.record_input import clean_record_fields
from ieum.outcomes.visibility import verifiable_records, visible_records
from tests.outcomes.factories import RATES

TODAY = date(2026, 11, 23)


def clean(kind, **data):
    return clean_record_fields(kind=kind, data=data, rates=RateBook.load(), today=TODAY)


def test_the_year_and_quarter_are_stored_from_the_date(outcome_world):
    record = outcome_world.record(occurred_on=date(2023, 8, 14))
    record.refresh_from_db()
    assert (record.year, record.quarter) == (2023, 3)


def test_the_database_refuses_a_negative_amount(outcome_world):
    with pytest.raises(IntegrityError):
        outcome_world.record(kind=OutcomeKind.REVENUE, amount=Decimal(-1), currency="KRW")


@pytest.mark.parametrize(
    ("role", "sees_own", "sees_other", "sees_lone"),
    [
        ("company", True, False, False),
        ("other_company", False, True, False),
        ("staff", True, False, False),
        ("other_staff", False, True, False),
        ("admin", True, True, True),
        ("stranger", False, False, False),
    ],
)
def test_each_role_sees_the_records_the_rules_allow(
    outcome_world, role, sees_own, sees_other, sees_lone
):
    world = outcome_world
    own = world.record()
    other = world.record(company=world.other_company, clusters=[world.other_cluster])
    lone = world.record(company=world.lone_company, clusters=[])
    user = world.roles[role]
    visible = set(visible_records(user))
    assert (own in visible, other in visible, lone in visible) == (sees_own, sees_other, sees_lone)
    for record, expected in ((own, sees_own), (other, sees_other), (lone, sees_lone)):
        assert user.has_perm("outcomes.see_record", record) is expected


def test_a_record_in_two_clusters_is_listed_once_for_staff_of_both(outcome_world):
    world = outcome_world
    record = world.record(clusters=[world.cluster, world.other_cluster])
    world.staff.memberships.create(organization=world.other_cluster.operator, role="cluster_staff")
    assert list(visible_records(world.staff)) == [record]


def test_only_staff_of_an_attributed_cluster_and_admins_verify(outcome_world):
    world = outcome_world
    record = world.record(status=VerificationStatus.PENDING)
    assert set(verifiable_records(world.staff)) == {record}
    assert not verifiable_records(world.other_staff).exists()
    assert not verifiable_records(world.company_member).exists()
    assert world.admin.has_perm("outcomes.verify_record", record)
    assert not world.company_member.has_perm("outcomes.verify_record", record)


def test_a_company_corrects_its_record_until_it_is_verified(outcome_world):
    world = outcome_world
    pending = world.record(status=VerificationStatus.PENDING)
    verified = world.record(status=VerificationStatus.VERIFIED)
    assert world.company_member.has_perm("outcomes.change_record", pending)
    assert not world.company_member.has_perm("outcomes.change_record", verified)
    assert world.staff.has_perm("outcomes.change_record", verified)


def test_an_export_in_dollars_keeps_krw_usd_and_the_rates_used(outcome_world):
    fields = clean(
        OutcomeKind.EXPORT,
        occurred_on="2024-03-02",
        country="de",
        amount="1,000,000",
        currency="usd",
    )
    assert fields["country"] == "DE"
    assert fields["amount_usd"] == Decimal("1000000.00")
    assert fields["amount_krw"] == 1_000_000 * RATES[Currency.USD]
    assert fields["krw_per_usd"] == RATES[Currency.USD]


def test_euros_convert_to_dollars_through_won(outcome_world):
    fields = clean(
        OutcomeKind.EXPORT, occurred_on=date(2024, 3, 2), country="FR", amount=100, currency="EUR"
    )
    assert fields["amount_krw"] == 145_000
    assert fields["amount_usd"] == (Decimal(145_000) / RATES[Currency.USD]).quantize(
        Decimal("0.01")
    )


def test_every_problem_is_named_by_field(outcome_world):
    with pytest.raises(ValidationError) as caught:
        clean(
            OutcomeKind.EXPORT, occurred_on="2030-01-01", country="KR", amount="-5", currency="GBP"
        )
    errors = caught.value.message_dict
    assert set(errors) == {"occurred_on", "country", "amount", "currency"}


def test_an_unknown_currency_is_refused(outcome_world):
    with pytest.raises(ValidationError) as caught:
        clean(OutcomeKind.REVENUE, occurred_on="2024-12-31", amount="5", currency="GBP")
    assert set(caught.value.message_dict) == {"currency"}


def test_a_date_before_any_rate_is_refused_for_foreign_money(outcome_world):
    with pytest.raises(ValidationError) as caught:
        clean(OutcomeKind.REVENUE, occurred_on="2010-12-31", amount="5", currency="USD")
    assert "currency" in caught.value.message_dict


def test_an_mfds_approval_needs_its_class_and_is_domestic(outcome_world):
    with pytest.raises(ValidationError) as caught:
        clean(
            OutcomeKind.APPROVAL,
            occurred_on="2024-01-01",
            subtype="mfds",
            title="혈당 측정기",
            reference="제허 24-123",
        )
    assert set(caught.value.message_dict) == {"device_class"}
    fields = clean(
        OutcomeKind.APPROVAL,
        occurred_on="2024-01-01",
        subtype="mfds",
        title="혈당 측정기",
        reference="제허 24-123",
        device_class="2",
        amount="9",  # not used by approvals: dropped
    )
    assert (fields["country"], fields["device_class"], fields["amount"]) == ("KR", 2, None)


def test_fields_of_other_kinds_are_dropped_and_subtypes_must_match(outcome_world):
    with pytest.raises(ValidationError) as caught:
        clean(
            OutcomeKind.INVESTMENT,
            occurred_on="2024-01-01",
            subtype="phase_1",
            counterparty="KB인베스트먼트",
            amount=1,
            currency="KRW",
        )
    assert set(caught.value.message_dict) == {"subtype"}
    fields = clean(
        OutcomeKind.EMPLOYMENT,
        occurred_on="2024-12-31",
        headcount="40",
        youth_headcount=12,
        title="",
        reference="ignored",
    )
    assert (fields["headcount"], fields["youth_headcount"], fields["reference"]) == (40, 12, "")

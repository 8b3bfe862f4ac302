"""The cast of the outcomes tests, and records made directly.

`OutcomeWorld` holds every role the rules distinguish: two clusters, each with its
staff and a member company with a member; a company in no cluster; a platform admin;
and someone with no membership. Exchange rates cover 2015 on, so money converts.
Records are made with `record(...)` (directly, not through the domain functions) so
that tests of one module do not depend on the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import factory
import pytest
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from ieum.outcomes.enums import Currency, OutcomeKind, VerificationStatus
from ieum.outcomes.models import ExchangeRate, OutcomeRecord
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

# KRW per unit from 1 January 2015; tests of conversion use these figures.
RATES = {
    Currency.USD: Decimal("1300"),
    Currency.EUR: Decimal("1450"),
    Currency.JPY: Decimal("9.5"),
    Currency.CNY: Decimal("185"),
}
RATES_FROM = date(2015, 1, 1)


def make_rates() -> None:
    for currency, krw in RATES.items():
        ExchangeRate.objects.get_or_create(
            currency=currency, effective_on=RATES_FROM, defaults={"krw_per_unit": krw}
        )


class OutcomeRecordFactory(DjangoModelFactory):
    """A verified patent application by default; pass the fields of other kinds."""

    class Meta:
        model = OutcomeRecord
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    kind = OutcomeKind.PATENT
    subtype = "patent_application"
    patent_scope = "domestic"
    country = "KR"
    title = factory.Sequence(lambda n: f"심혈관 스텐트 코팅 방법 {n}")
    reference = factory.Sequence(lambda n: f"10-2024-{n:07d}")
    occurred_on = date(2024, 5, 1)
    status = VerificationStatus.VERIFIED

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create and extracted:
            self.clusters.set(extracted)


def money_fields(amount: Decimal | int, currency: str = Currency.KRW) -> dict:
    """The stored money fields for an amount at the test rates."""
    amount = Decimal(amount)
    krw_per_unit = Decimal(1) if currency == Currency.KRW else RATES[currency]
    amount_krw = int((amount * krw_per_unit).quantize(Decimal(1)))
    amount_usd = (
        amount if currency == Currency.USD else Decimal(amount_krw) / RATES[Currency.USD]
    ).quantize(Decimal("0.01"))
    return {
        "amount": amount,
        "currency": currency,
        "amount_krw": amount_krw,
        "amount_usd": amount_usd,
        "krw_per_unit": krw_per_unit,
        "krw_per_usd": RATES[Currency.USD],
        "rates_on": RATES_FROM,
    }


@dataclass
class OutcomeWorld:
    cluster: object
    other_cluster: object
    company: object
    company_member: object
    other_company: object
    other_company_member: object
    lone_company: object
    staff: object
    other_staff: object
    admin: object
    stranger: object
    others: dict = field(default_factory=dict)

    @property
    def roles(self) -> dict[str, object]:
        return {
            "company": self.company_member,
            "other_company": self.other_company_member,
            "staff": self.staff,
            "other_staff": self.other_staff,
            "admin": self.admin,
            "stranger": self.stranger,
        }

    def record(self, *, company=None, clusters=None, **fields) -> OutcomeRecord:
        """A record of `company` (the world's company) attributed to `clusters` (by
        default the company's own cluster: the world's company to `cluster`, the other
        company to `other_cluster`, any other company to none), made directly."""
        company = company or self.company
        if clusters is None:
            clusters = {self.company: [self.cluster], self.other_company: [self.other_cluster]}
            clusters = clusters.get(company, [])
        return OutcomeRecordFactory(company=company, clusters=clusters, **fields)


def make_outcome_world() -> OutcomeWorld:
    make_rates()
    cluster = ClusterFactory(name_ko="오송 첨단의료산업 클러스터", name_en="Osong Medical Cluster")
    other_cluster = ClusterFactory(name_ko="대구 첨단의료산업 클러스터", name_en="Daegu Cluster")
    company = CompanyFactory(name_ko="메디웨이브", name_en="Mediwave")
    other_company = CompanyFactory(name_ko="바이오큐", name_en="BioQ")
    lone_company = CompanyFactory(name_ko="홀로바이오", name_en="Solo Bio")
    ClusterMemberFactory(cluster=cluster, organization=company)
    ClusterMemberFactory(cluster=other_cluster, organization=other_company)
    admin = MembershipFactory(
        organization=OrganizationFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user
    return OutcomeWorld(
        cluster=cluster,
        other_cluster=other_cluster,
        company=company,
        company_member=MembershipFactory(organization=company, is_admin=True).user,
        other_company=other_company,
        other_company_member=MembershipFactory(organization=other_company).user,
        lone_company=lone_company,
        staff=MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user,
        other_staff=MembershipFactory(
            organization=other_cluster.operator, role=Role.CLUSTER_STAFF
        ).user,
        admin=admin,
        stranger=UserFactory(),
    )


@pytest.fixture
def outcome_world(db) -> OutcomeWorld:
    return make_outcome_world()

"""Partnering by year and quarter for the outcomes app: meetings both sides attended
and follow-up outcomes, per event cluster and organization, with the organizations on
either side counted once, in one query (two with the organizations)."""

from datetime import date

import pytest

from ieum.partnering.models import Slot
from ieum.partnering.outcome_figures import (
    PartneringCount,
    followup_outcomes_by_period,
    meetings_held_by_period,
)
from tests.factories import ClusterFactory, CompanyFactory, DemandCompanyFactory, EventFactory
from tests.outcomes.test_kpi_sources import followup, kst, meet, party

pytestmark = pytest.mark.django_db


@pytest.fixture
def clusters():
    north, south = ClusterFactory(), ClusterFactory()
    spring = EventFactory(cluster=north, starts_on=date(2024, 4, 9), ends_on=date(2024, 4, 9))
    autumn = EventFactory(cluster=south, starts_on=date(2024, 10, 8), ends_on=date(2024, 10, 8))
    late = Slot.objects.create(
        event=spring, day_number=9, start=kst(2024, 1, 1, 0, 10), end=kst(2024, 1, 1, 0, 40)
    )
    mine, theirs = CompanyFactory(), CompanyFactory()
    slots = list(spring.slots.order_by("start"))
    pharma = party(spring, DemandCompanyFactory(), "demand")
    first = meet(party(spring, mine), pharma, slot=slots[1])
    meet(party(spring, theirs), pharma, slot=slots[2])
    meet(party(spring, CompanyFactory()), pharma, slot=slots[3], both=False)
    meet(party(spring, CompanyFactory()), pharma, slot=late)  # Seoul's 2024, UTC's 2023
    other = meet(party(autumn, mine), party(autumn, theirs), slot=autumn.slots.first())
    followup(first, "nda", date(2024, 4, 30))
    followup(first, "licensing", date(2024, 7, 1), 100_000_000)
    followup(other, "poc", date(2024, 12, 24))
    return north, south, mine


def test_meetings_held(clusters):
    north, south, mine = clusters
    assert meetings_held_by_period(years=[2024], count_companies=True) == {
        (None, 2024, None): PartneringCount(4, companies=4)
    }
    assert meetings_held_by_period(years=[2024], quarterly=True, cluster_ids=[north.pk]) == {
        (None, 2024, 1): PartneringCount(1),
        (None, 2024, 2): PartneringCount(2),
    }
    assert meetings_held_by_period(years=[2024], by_cluster=True, count_companies=True) == {
        (north.pk, 2024, None): PartneringCount(3, companies=4),
        (south.pk, 2024, None): PartneringCount(1, companies=2),
    }
    assert meetings_held_by_period(years=[2024], company_id=mine.pk) == {
        (None, 2024, None): PartneringCount(2)
    }


def test_followup_outcomes(clusters):
    north, south, mine = clusters
    assert followup_outcomes_by_period(years=[2024], quarterly=True, count_companies=True) == {
        (None, 2024, 2): PartneringCount(1, companies=2),
        (None, 2024, 3): PartneringCount(1, companies=2),
        (None, 2024, 4): PartneringCount(1, companies=2),
    }
    assert followup_outcomes_by_period(years=[2024], by_cluster=True) == {
        (north.pk, 2024, None): PartneringCount(2),
        (south.pk, 2024, None): PartneringCount(1),
    }
    assert followup_outcomes_by_period(years=[2023, 2025], company_id=mine.pk) == {}


def test_one_query_whatever_the_years(clusters, django_assert_num_queries):
    for years in ([2024], range(2010, 2030)):
        for figures in (meetings_held_by_period, followup_outcomes_by_period):
            with django_assert_num_queries(1):
                figures(years=years, quarterly=True, by_cluster=True)
            with django_assert_num_queries(2):
                figures(years=years, quarterly=True, by_cluster=True, count_companies=True)

"""Facility use by year and quarter for the outcomes app: the utilization report's
companies served and used hours, by Seoul dates, per cluster, in one query."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ieum.facilities.enums import BookingStatus
from ieum.facilities.outcome_figures import FacilityUse, facility_use_by_period
from ieum.facilities.reports import build_utilization_report
from tests.factories import ClusterFactory, CompanyFactory, HospitalFactory, ResourceFactory
from tests.outcomes.test_kpi_sources import book, kst

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.fixture
def clusters():
    north, south = ClusterFactory(), ClusterFactory()
    here, there = ResourceFactory(cluster=north), ResourceFactory(cluster=south)
    mine, theirs = CompanyFactory(), CompanyFactory()
    book(mine, here, kst(2024, 1, 1, 0, 30), 2, used=HOUR * 1.5)  # 2023 in UTC
    book(mine, here, kst(2024, 5, 2), 2)  # ended without check-in: used
    book(theirs, here, kst(2024, 5, 3), 3, used=HOUR * 2)
    book(theirs, there, kst(2024, 11, 4), 1, status=BookingStatus.NO_SHOW)
    book(HospitalFactory(), there, kst(2024, 11, 5), 1, used=HOUR / 3)
    book(mine, there, kst(2024, 11, 6), 1, status=BookingStatus.CANCELLED, used=HOUR)
    book(mine, there, kst(2023, 12, 31, 23), 1, used=HOUR)
    return north, south, mine


def test_by_year_quarter_cluster_and_company(clusters):
    north, south, mine = clusters
    assert facility_use_by_period(years=[2024]) == {
        (None, 2024, None): FacilityUse(companies=2, hours=Decimal("3.8"), hour_users=3)
    }
    quarterly = facility_use_by_period(years=[2024], quarterly=True, cluster_ids=[north.pk])
    assert quarterly == {
        (None, 2024, 1): FacilityUse(1, Decimal("1.5"), 1),
        (None, 2024, 2): FacilityUse(2, 2, 1),
    }
    by_cluster = facility_use_by_period(years=[2023, 2024], by_cluster=True)
    assert by_cluster[(south.pk, 2024, None)] == FacilityUse(0, Decimal("0.3"), 1)
    assert by_cluster[(south.pk, 2023, None)] == FacilityUse(1, 1, 1)
    assert facility_use_by_period(years=[2024], company_id=mine.pk) == {
        (None, 2024, None): FacilityUse(1, Decimal("1.5"), 1)
    }
    assert facility_use_by_period(years=[]) == {}


def test_the_same_figures_as_the_utilization_report(clusters):
    north, south, _mine = clusters
    for cluster in (north, south):
        report = build_utilization_report(
            first_month=date(2024, 1, 1), last_month=date(2024, 12, 1), clusters=[cluster]
        )
        figures = facility_use_by_period(years=[2024], cluster_ids=[cluster.pk])
        use = figures.get((None, 2024, None), FacilityUse())
        assert use.companies == report.companies_served
        assert float(use.hours) == round(report.total.used_hours, 1)


def test_one_query_whatever_the_years(clusters, django_assert_num_queries):
    for years in ([2024], range(2010, 2030)):
        with django_assert_num_queries(1):
            facility_use_by_period(years=years, quarterly=True, by_cluster=True)

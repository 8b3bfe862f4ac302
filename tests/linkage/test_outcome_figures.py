"""Delivered service requests by year and quarter for the outcomes app: the meaning of
`supported_trials_and_approvals`, by Seoul dates, per routing cluster, in one query."""

import pytest

from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.outcome_figures import DeliveredRequests, delivered_requests_by_period
from ieum.linkage.reports import supported_trials_and_approvals
from tests.factories import ClusterFactory, CompanyFactory
from tests.outcomes.test_kpi_sources import delivered_request, kst

pytestmark = pytest.mark.django_db
S, T = RequestStatus, ServiceType


@pytest.fixture
def clusters():
    north, south = ClusterFactory(), ClusterFactory()
    mine, theirs = CompanyFactory(), CompanyFactory()
    delivered_request(mine, north, T.REGULATORY_CONSULTING, S.DELIVERED, kst(2024, 1, 1, 1))
    delivered_request(mine, north, T.IP_STRATEGY, S.CLOSED, kst(2024, 4, 4))
    delivered_request(theirs, north, T.GMP_CONSULTING, S.CLOSED, kst(2024, 6, 30, 23))
    delivered_request(theirs, south, T.CLINICAL_VALIDATION, S.DELIVERED, kst(2023, 12, 31, 23))
    delivered_request(theirs, south, T.MEDICAL_DATA, S.IN_PROGRESS)
    delivered_request(mine, south, T.OVERSEAS_CERTIFICATION, S.CANCELLED, kst(2024, 3, 3))
    return north, south, mine


def test_by_year_quarter_cluster_and_company(clusters):
    north, south, mine = clusters
    assert delivered_requests_by_period(years=[2024]) == {
        (None, 2024, None): DeliveredRequests(3, 2, 2, 2)
    }
    assert delivered_requests_by_period(years=[2024], quarterly=True, cluster_ids=[north.pk]) == {
        (None, 2024, 1): DeliveredRequests(1, 1, 1, 1),
        (None, 2024, 2): DeliveredRequests(2, 2, 1, 1),
    }
    by_cluster = delivered_requests_by_period(years=[2023, 2024], by_cluster=True)
    assert by_cluster == {
        (north.pk, 2024, None): DeliveredRequests(3, 2, 2, 2),
        (south.pk, 2023, None): DeliveredRequests(1, 1, 1, 1),
    }
    assert delivered_requests_by_period(years=[2024], company_id=mine.pk) == {
        (None, 2024, None): DeliveredRequests(2, 1, 1, 1)
    }


def test_trials_and_approvals_as_the_report_counts_them(clusters):
    north, south, _mine = clusters
    for year in (2023, 2024, 2025):
        for cluster_id in (None, north.pk, south.pk):
            ids = None if cluster_id is None else [cluster_id]
            figures = delivered_requests_by_period(years=[year], cluster_ids=ids)
            counted = figures.get((None, year, None), DeliveredRequests())
            expected = supported_trials_and_approvals(year=year, cluster_id=cluster_id)
            assert counted.trials_and_approvals == expected


def test_one_query_whatever_the_years(clusters, django_assert_num_queries):
    for years in ([2024], range(2010, 2030)):
        with django_assert_num_queries(1):
            delivered_requests_by_period(years=years, quarterly=True, by_cluster=True)

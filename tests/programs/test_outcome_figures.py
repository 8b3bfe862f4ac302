"""Support given by year and quarter for the outcomes app: the meaning of
`programs_outcome_figures`, per cluster, program and company, in one query."""

from datetime import date

import pytest

from ieum.programs.enums import SupportStatus
from ieum.programs.models import SupportCase
from ieum.programs.outcome_figures import SupportGiven, support_by_period
from ieum.programs.reports import programs_outcome_figures
from tests.factories import ClusterFactory, CompanyFactory
from tests.outcomes.test_kpi_sources import kst, support_case
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db
MILLION = 1_000_000


@pytest.fixture
def clusters():
    north, south = ClusterFactory(), ClusterFactory()
    program = ProgramFactory(cluster=north)
    mine, theirs = CompanyFactory(), CompanyFactory()
    support_case(mine, north, 10 * MILLION, date(2024, 2, 1), program=program)
    support_case(mine, north, 20 * MILLION, date(2024, 8, 1), program=program)
    support_case(theirs, north, 5 * MILLION, date(2024, 8, 2))
    support_case(theirs, south, 7 * MILLION, date(2023, 5, 5))
    support_case(theirs, south, 9 * MILLION, date(2024, 5, 5), status=SupportStatus.CANCELLED)
    undated = support_case(theirs, south, 3 * MILLION, None)
    SupportCase.objects.filter(pk=undated.pk).update(created_at=kst(2024, 1, 1, 8))  # UTC: 2023
    return north, south, program, mine


def test_by_year_quarter_cluster_program_and_company(clusters):
    north, south, program, mine = clusters
    assert support_by_period(years=[2024]) == {(None, 2024, None): SupportGiven(4, 2, 38 * MILLION)}
    assert support_by_period(years=[2024], quarterly=True, cluster_ids=[north.pk]) == {
        (None, 2024, 1): SupportGiven(1, 1, 10 * MILLION),
        (None, 2024, 3): SupportGiven(2, 2, 25 * MILLION),
    }
    assert support_by_period(years=[2024], program_id=program.pk) == {
        (None, 2024, None): SupportGiven(2, 1, 30 * MILLION)
    }
    assert support_by_period(years=[2024], company_id=mine.pk, by_cluster=True) == {
        (north.pk, 2024, None): SupportGiven(2, 1, 30 * MILLION)
    }
    assert support_by_period(years=[2023, 2024], quarterly=True, cluster_ids=[south.pk]) == {
        (None, 2023, 2): SupportGiven(1, 1, 7 * MILLION),
        (None, 2024, 1): SupportGiven(1, 1, 3 * MILLION),
    }


def test_the_same_figures_as_the_programs_report(clusters):
    north, south, _program, _mine = clusters
    for year in (2023, 2024, 2025):
        for cluster_id in (None, north.pk, south.pk):
            ids = None if cluster_id is None else [cluster_id]
            given = support_by_period(years=[year], cluster_ids=ids).get(
                (None, year, None), SupportGiven()
            )
            report = programs_outcome_figures(year=year, cluster_id=cluster_id)
            assert given.support_cases == report["support_cases"]
            assert given.companies_supported == report["companies_supported"]
            assert given.amount_krw == report["amount_krw"]


def test_one_query_whatever_the_years(clusters, django_assert_num_queries):
    for years in ([2024], range(2010, 2030)):
        with django_assert_num_queries(1):
            support_by_period(years=years, quarterly=True, by_cluster=True)

"""The program report page: who may see it, what it shows, its charts and filters."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CompanyFactory
from tests.programs.test_reports import apply, kst, make_call, make_report_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PAGE = "/programs/reports/?year=2025"


@pytest.fixture
def fixture(program_world):
    return make_report_fixture(program_world)


def test_cluster_staff_and_platform_admins_see_the_page(client, fixture):
    world = fixture.world
    for person in (world.staff, world.admin, world.other_staff):
        client.force_login(person)
        assert client.get(PAGE).status_code == 200


def test_everyone_else_is_refused(client, fixture):
    roles = fixture.world.roles
    for role in ("company", "other_company", "reviewer", "stranger"):
        client.force_login(roles[role])
        assert client.get(PAGE).status_code == 403, role
    client.logout()
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")


def test_the_page_shows_the_figures_and_what_they_mean(client, fixture):
    client.force_login(fixture.world.staff)
    html = client.get(PAGE).content.decode()
    assert 'id="calls">2<' in html
    assert 'id="submitted">4<' in html
    assert 'id="selection-rate">25%<' in html
    assert 'id="reviews-done">3 / 4<' in html
    assert 'id="support-cases">4<' in html
    assert 'id="budget-used">26%<' in html
    assert "₩105,000,000 / ₩400,000,000" in html
    assert "not the share of eligible applicants" in html
    assert "Selected / submitted" in html
    assert fixture.world.program.name_en in html
    assert fixture.other_program.name_en not in html
    # No reviewer's name or score on the page.
    for reviewer in fixture.world.reviewers:
        assert reviewer.full_name not in html


def test_charts_read_their_data_from_json_with_no_inline_script(client, fixture):
    client.force_login(fixture.world.staff)
    response = client.get(PAGE)
    html = response.content.decode()
    for name in ("chart-years", "chart-stages", "chart-budget"):
        assert f'data-chart="{name}"' in html
        assert f'<script id="{name}" type="application/json">' in html
    years = response.context["chart_data"]["years"]
    assert years["labels"] == ["2021", "2022", "2023", "2024", "2025"]
    assert years["datasets"][0]["data"] == [0, 0, 0, 2, 4]
    budget = response.context["chart_data"]["budget"]
    assert budget["datasets"][0]["data"] == [400.0] and budget["datasets"][1]["data"] == [105.0]
    json.dumps(response.context["chart_data"])
    scripts = [part.split(">", 1)[0] for part in html.split("<script")[1:]]
    assert all('type="application/json"' in tag or "src=" in tag for tag in scripts)
    assert finders.find("ieum/charts.js") and finders.find("vendor/chartjs/chart.umd.min.js")


def test_a_filter_out_of_reach_is_refused_on_the_page(client, fixture):
    world = fixture.world
    client.force_login(world.staff)
    response = client.get(f"{PAGE}&program={fixture.other_program.slug}")
    assert response.status_code == 200
    assert response.context["form"].errors["program"]
    assert fixture.other_program.name_en not in response.content.decode()
    response = client.get(f"{PAGE}&cluster={world.others['cluster'].slug}")
    assert response.context["form"].errors["cluster"]


def test_a_program_filter_narrows_the_page(client, fixture):
    client.force_login(fixture.world.admin)
    response = client.get(f"{PAGE}&program={fixture.other_program.slug}")
    report = response.context["report"]
    assert [row.key for row in report.by_program] == [fixture.other_program.pk]
    assert 'id="submitted">1<' in response.content.decode()


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_the_page_s_queries_do_not_grow_with_the_data(client, fixture):
    world = fixture.world
    client.force_login(world.staff)
    few = page_queries(client)
    for month in (2, 4, 6, 8, 10):
        call = make_call(world.program, kst(2025, month, 1), budget=1_000_000)
        for _ in range(2):
            apply(world, call, CompanyFactory())
    assert page_queries(client) == few

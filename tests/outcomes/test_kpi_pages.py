"""The platform admins' KPI and exchange-rate pages: who may open them, the list and its
queries, adding and editing KPIs (built-ins included), hiding them, adding rates."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ieum.outcomes.kpi_catalog import BUILTIN_KPIS, ensure_builtin_kpis
from ieum.outcomes.models import ExchangeRate, KPIDefinition

pytestmark = pytest.mark.django_db

LIST = reverse("outcomes:kpi_list")
NEW = reverse("outcomes:kpi_new")
RATES = reverse("outcomes:exchange_rates")


def edit_url(code: str) -> str:
    return reverse("outcomes:kpi_edit", args=[code])


def toggle_url(code: str) -> str:
    return reverse("outcomes:kpi_toggle", args=[code])


@pytest.fixture
def admin(client, outcome_world):
    ensure_builtin_kpis()
    client.force_login(outcome_world.admin)
    return outcome_world.admin


def new_kpi(**changes) -> dict:
    return {
        "code": "exhibition_exports",
        "name_ko": "해외 전시회 수출 계약액",
        "name_en": "Exhibition export contracts",
        "computation": "sum",
        "field": "amount_usd",
        "unit": "usd",
        "kinds": ["export"],
        "region": "overseas",
        "is_active": "on",
        "sort_order": "300",
        **changes,
    }


@pytest.mark.parametrize("role", ["company", "other_company", "staff", "other_staff", "stranger"])
def test_only_platform_admins_open_the_pages(client, outcome_world, role):
    ensure_builtin_kpis()
    client.force_login(outcome_world.roles[role])
    for url in (LIST, NEW, edit_url("revenue"), RATES):
        assert client.get(url).status_code == 403, url
    assert client.post(NEW, new_kpi()).status_code == 403
    assert client.post(toggle_url("revenue"), {"is_active": "0"}).status_code == 403
    data = {"currency": "USD", "effective_on": "2025-01-02", "krw_per_unit": "1400"}
    assert client.post(RATES, data).status_code == 403
    assert not KPIDefinition.objects.filter(code="exhibition_exports").exists()
    assert KPIDefinition.objects.get(code="revenue").is_active
    assert not ExchangeRate.objects.filter(effective_on=date(2025, 1, 2)).exists()


def test_visitors_are_sent_to_log_in(client, db):
    for url in (LIST, RATES):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_an_unknown_code_is_not_found(client, admin):
    assert client.get(edit_url("no-such-kpi")).status_code == 404
    assert client.post(toggle_url("no-such-kpi"), {"is_active": "0"}).status_code == 404


def test_the_list_shows_every_kpi_with_its_badges(client, admin, english):
    KPIDefinition.objects.filter(code="revenue").update(is_active=False)
    page = client.get(LIST).content.decode()
    for kpi in BUILTIN_KPIS:
        assert f'id="kpi-{kpi.code}"' in page
    assert page.count(">built in</span>") == len(BUILTIN_KPIS)
    assert ">hidden</span>" in page
    assert page.index('id="kpi-patent_applications"') < page.index('id="kpi-partnering_outcomes"')


def test_the_list_runs_the_same_queries_for_more_kpis(client, admin, django_assert_num_queries):
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    assert len(few.captured_queries) <= 8  # the session, the person, their menu and the list
    for index in range(40):
        KPIDefinition.objects.create(
            code=f"extra-{index}", name_ko=f"지표 {index}", name_en=f"KPI {index}", unit="count"
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_an_admin_adds_a_kpi(client, admin, english):
    response = client.post(NEW, new_kpi())
    assert response.status_code == 302
    kpi = KPIDefinition.objects.get(code="exhibition_exports")
    assert (kpi.computation, kpi.field, kpi.unit, kpi.kinds, kpi.region, kpi.is_builtin) == (
        "sum",
        "amount_usd",
        "usd",
        ["export"],
        "overseas",
        False,
    )
    assert "is added" in client.get(LIST).content.decode()


def test_a_refused_kpi_shows_why_and_saves_nothing(client, admin, english):
    response = client.post(NEW, new_kpi(unit="krw", subtypes=["mfds"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "Amount in USD is counted in USD." in page
    assert "MFDS approval do not belong to the chosen kinds of records." in page
    assert client.post(NEW, new_kpi(code="revenue")).status_code == 400
    assert not KPIDefinition.objects.filter(code="exhibition_exports").exists()


def test_an_admin_edits_their_kpi(client, admin):
    client.post(NEW, new_kpi())
    url = edit_url("exhibition_exports")
    assert 'name="computation"' in client.get(url).content.decode()
    changed = new_kpi(code="renamed", field="amount_krw", unit="krw", name_en="Exhibition deals")
    assert client.post(url, changed).status_code == 302
    kpi = KPIDefinition.objects.get(code="exhibition_exports")
    assert (kpi.field, kpi.unit, kpi.name_en) == ("amount_krw", "krw", "Exhibition deals")


def test_a_builtin_s_computation_cannot_be_changed_from_the_page(client, admin, english):
    page = client.get(edit_url("revenue")).content.decode()
    assert 'id="builtin-note"' in page
    assert "disabled" in re.search(r'<select name="computation"[^>]*>', page).group()
    assert "disabled" not in re.search(r'<input type="text" name="name_ko"[^>]*>', page).group()
    posted = {
        "name_ko": "매출 실적",
        "name_en": "Revenue",
        "computation": "count",
        "field": "",
        "unit": "count",
        "kinds": ["patent"],
        "sort_order": "5",
    }
    assert client.post(edit_url("revenue"), posted).status_code == 302
    revenue = KPIDefinition.objects.get(code="revenue")
    assert (revenue.name_ko, revenue.sort_order, revenue.is_active) == ("매출 실적", 5, False)
    assert (revenue.computation, revenue.field, revenue.unit, revenue.kinds) == (
        "latest",
        "amount_krw",
        "krw",
        ["revenue"],
    )


def test_hiding_and_showing_from_the_list(client, admin):
    assert client.post(toggle_url("revenue"), {"is_active": "0"}).status_code == 302
    assert not KPIDefinition.objects.get(code="revenue").is_active
    client.post(toggle_url("revenue"), {"is_active": "1"})
    assert KPIDefinition.objects.get(code="revenue").is_active
    assert client.get(toggle_url("revenue")).status_code == 405


def test_exchange_rates_by_currency(client, admin, english):
    page = client.get(RATES).content.decode()
    assert "1,300" in page  # the USD rate of the test world, the first tab
    page = client.get(RATES, {"currency": "JPY"}).content.decode()
    assert "9.5" in page and "1,300" not in page
    data = {"currency": "EUR", "effective_on": "2025-03-04", "krw_per_unit": "1,512.25"}
    response = client.post(RATES, data)
    assert response.status_code == 302
    assert response["Location"].endswith("?currency=EUR")
    rate = ExchangeRate.objects.get(currency="EUR", effective_on=date(2025, 3, 4))
    assert rate.krw_per_unit == Decimal("1512.25")
    assert "1,512.25" in client.get(response["Location"]).content.decode()


def test_a_refused_rate_shows_why(client, admin, english):
    taken = {"currency": "USD", "effective_on": "2015-01-01", "krw_per_unit": "1400"}
    response = client.post(RATES, taken)
    assert response.status_code == 400
    assert "There is already a USD rate for 2015-01-01." in response.content.decode()
    negative = {"currency": "EUR", "effective_on": "2025-03-04", "krw_per_unit": "-5"}
    response = client.post(RATES, negative)
    assert response.status_code == 400
    assert "Write a rate above zero" in response.content.decode()
    assert client.post(RATES, {**negative, "effective_on": "someday"}).status_code == 400
    assert not ExchangeRate.objects.filter(effective_on=date(2025, 3, 4)).exists()
    assert (
        ExchangeRate.objects.get(currency="USD", effective_on=date(2015, 1, 1)).krw_per_unit == 1300
    )

"""The platform admins' pages: KPI definitions and exchange rates."""

from django.urls import path

from ieum.outcomes.views import kpis

urlpatterns = [
    path("kpis/", kpis.kpi_list, name="kpi_list"),
    path("kpis/new/", kpis.kpi_new, name="kpi_new"),
    path("kpis/<slug:code>/edit/", kpis.kpi_edit, name="kpi_edit"),
    path("kpis/<slug:code>/active/", kpis.kpi_toggle, name="kpi_toggle"),
    path("exchange-rates/", kpis.exchange_rates, name="exchange_rates"),
]

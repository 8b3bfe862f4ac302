"""Outcome pages, one module of routes per area; all share the `outcomes` namespace."""

from django.urls import include, path

app_name = "outcomes"

urlpatterns = [
    path("", include("ieum.outcomes.urls.records")),
    path("", include("ieum.outcomes.urls.dashboards")),
    path("", include("ieum.outcomes.urls.kpis")),
    path("", include("ieum.outcomes.urls.imports")),
]

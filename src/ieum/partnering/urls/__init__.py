"""Partnering pages, one module of routes per area; all share the `partnering` namespace."""

from django.urls import include, path

app_name = "partnering"

urlpatterns = [
    path("", include("ieum.partnering.urls.events")),
    path("", include("ieum.partnering.urls.needs")),
    path("", include("ieum.partnering.urls.requests")),
    path("", include("ieum.partnering.urls.scheduling")),
    path("", include("ieum.partnering.urls.agendas")),
    path("", include("ieum.partnering.urls.followup")),
    path("", include("ieum.partnering.urls.cafe")),
]

"""Program pages, one module of routes per area; all share the `programs` namespace."""

from django.urls import include, path

app_name = "programs"

urlpatterns = [
    path("", include("ieum.programs.urls.calls")),
    path("", include("ieum.programs.urls.manage")),
    path("", include("ieum.programs.urls.reviews")),
    path("", include("ieum.programs.urls.support")),
    path("", include("ieum.programs.urls.reports")),
]

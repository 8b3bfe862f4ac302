"""Linkage pages, one module of routes per area; all share the `linkage` namespace."""

from django.urls import include, path

app_name = "linkage"

urlpatterns = [
    path("", include("ieum.linkage.urls.offerings")),
    path("", include("ieum.linkage.urls.requests")),
    path("", include("ieum.linkage.urls.inboxes")),
    path("", include("ieum.linkage.urls.reports")),
]

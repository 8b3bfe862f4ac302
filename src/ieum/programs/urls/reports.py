"""Routes for the program report and its Excel export."""

from django.urls import path

from ieum.programs.views import reports as views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/export/", views.reports_export, name="reports_export"),
]

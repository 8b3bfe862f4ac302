"""Routes for the request report and its Excel export."""

from django.urls import path

from ieum.linkage.views import reports as views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/export.xlsx", views.report_export_xlsx, name="report_export"),
]

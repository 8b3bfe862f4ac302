"""Routes for the dashboards, the records behind a figure, the public figures and the
downloads (Excel report per cluster, CSV of a table, CSV of records)."""

from django.urls import path

from ieum.outcomes.views import dashboards as views

urlpatterns = [
    path("dashboards/", views.dashboard, name="dashboard"),
    path("dashboards/national/", views.national, name="national"),
    path("dashboards/clusters/<slug:slug>/", views.cluster_dashboard, name="cluster_dashboard"),
    path(
        "dashboards/clusters/<slug:slug>/report.xlsx",
        views.cluster_report_xlsx,
        name="cluster_report_xlsx",
    ),
    path("dashboards/programs/<slug:slug>/", views.program_dashboard, name="program_dashboard"),
    path("dashboards/companies/<slug:slug>/", views.company_dashboard, name="company_dashboard"),
    path("dashboards/figure/", views.kpi_records, name="kpi_records"),
    path("dashboards/table.csv", views.dashboard_csv, name="dashboard_csv"),
    path("dashboards/records.csv", views.records_csv, name="records_csv"),
    path("figures/", views.public_figures, name="public_figures"),
]

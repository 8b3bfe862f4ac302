"""Routes of support cases and a company's full-cycle timeline."""

from django.urls import path

from ieum.programs.views import support

urlpatterns = [
    path("support/", support.support_cases, name="support_cases"),
    path("support/new/", support.support_case_create, name="support_case_create"),
    path("support/<int:pk>/", support.support_case, name="support_case"),
    path("support/<int:pk>/edit/", support.support_case_edit, name="support_case_edit"),
    path(
        "support/deliverables/<int:pk>/",
        support.support_deliverable_file,
        name="support_deliverable_file",
    ),
    path("companies/<slug:slug>/timeline/", support.company_timeline, name="company_timeline"),
]

"""Public call pages and the applicant's pages: apply, fill in, submit, withdraw, download."""

from django.urls import path

from ieum.programs.views import application_edit, application_files, applications, calls

urlpatterns = [
    path("", calls.call_list, name="call_list"),
    path("calls/<slug:slug>/", calls.call_detail, name="call_detail"),
    path("calls/<slug:slug>/ask/", calls.call_ask, name="call_ask"),
    path("calls/<slug:slug>/apply/", applications.application_start, name="application_start"),
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/edit/", application_edit.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/submit/",
        applications.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/files/<int:pk>/",
        application_files.application_file,
        name="application_file",
    ),
]

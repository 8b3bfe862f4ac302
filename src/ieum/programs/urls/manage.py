"""Routes of the program managers' pages: programs, calls and their set-up, the reviewer
pool, notices, questions and the applications received; and a reviewer's own profile."""

from django.urls import path

from ieum.programs.views import manage, manage_applications, manage_people, manage_setup

urlpatterns = [
    path("manage/", manage.manage, name="manage"),
    path("manage/programs/new/", manage.program_create, name="program_create"),
    path("manage/programs/<slug:slug>/", manage.program_edit, name="program_edit"),
    path("manage/programs/<slug:slug>/calls/new/", manage.call_create, name="call_create"),
    path("manage/calls/<slug:slug>/", manage.call_edit, name="call_edit"),
    path(
        "manage/calls/<slug:slug>/form/", manage_setup.call_form_builder, name="call_form_builder"
    ),
    path("manage/calls/<slug:slug>/stages/", manage_setup.call_stages, name="call_stages"),
    path("manage/calls/<slug:slug>/pool/", manage_people.call_pool, name="call_pool"),
    path("manage/calls/<slug:slug>/notices/", manage_people.call_notices, name="call_notices"),
    path(
        "manage/calls/<slug:slug>/inquiries/",
        manage_people.call_inquiries,
        name="call_inquiries",
    ),
    path(
        "manage/calls/<slug:slug>/applications/",
        manage_applications.call_applications,
        name="call_applications",
    ),
    path("reviewer-profile/", manage_people.reviewer_profile, name="reviewer_profile"),
]

"""Service requests: write a draft, read it, take its steps, download its files."""

from django.urls import path

from ieum.linkage.views import files, requests

urlpatterns = [
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/files/<int:file_pk>/", files.request_file, name="request_file"),
    path("requests/<int:pk>/<slug:action>/", requests.request_action, name="request_action"),
]

"""Meeting requests and the participants one may ask."""

from django.urls import path

from ieum.partnering.views import requests

urlpatterns = [
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/<slug:action>/", requests.request_action, name="request_action"),
    path("participants/", requests.participants, name="participants"),
]

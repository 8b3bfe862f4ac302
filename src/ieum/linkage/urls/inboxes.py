"""Routes of the three inboxes: the company's requests, incoming ones, those to triage."""

from django.urls import path

from ieum.linkage.views import inboxes

urlpatterns = [
    path("requests/", inboxes.my_requests, name="my_requests"),
    path("incoming/", inboxes.incoming, name="incoming"),
    path("triage/", inboxes.triage, name="triage"),
]

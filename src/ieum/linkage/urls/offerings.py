"""Routes of the service catalog: the public list and detail, the providers' editor."""

from django.urls import path

from ieum.linkage.views import offerings

urlpatterns = [
    path("services/", offerings.offering_list, name="offerings"),
    path("services/new/", offerings.offering_create, name="offering_create"),
    path("services/<int:pk>/", offerings.offering_detail, name="offering"),
    path("services/<int:pk>/edit/", offerings.offering_edit, name="offering_edit"),
]

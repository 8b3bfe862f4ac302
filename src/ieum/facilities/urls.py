from django.urls import path

from ieum.facilities.views import bookings, catalog

app_name = "facilities"

urlpatterns = [
    path("", catalog.resource_list, name="list"),
    path("r/<int:pk>/", catalog.resource_detail, name="resource"),
    path("b/<int:pk>/", bookings.booking_detail, name="booking"),
]

# Reports and statements.
urlpatterns += []

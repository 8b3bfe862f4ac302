"""Events and registration: the public pages, the organizer's set-up and a party's own pages."""

from django.urls import path

from ieum.partnering.views import events, registrations

urlpatterns = [
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/mine/", registrations.my_events, name="my_events"),
    path("events/<slug:slug>/", events.event_detail, name="event"),
    path("events/<slug:slug>/edit/", events.event_edit, name="event_edit"),
    path("events/<slug:slug>/status/", events.event_status, name="event_status"),
    path("events/<slug:slug>/days/", events.event_days, name="event_days"),
    path(
        "events/<slug:slug>/days/<int:pk>/remove/",
        events.event_day_remove,
        name="event_day_remove",
    ),
    path("events/<slug:slug>/locations/", events.event_locations, name="event_locations"),
    path(
        "events/<slug:slug>/locations/<int:pk>/remove/",
        events.event_location_remove,
        name="event_location_remove",
    ),
    path(
        "events/<slug:slug>/registrations/",
        events.event_registrations,
        name="event_registrations",
    ),
    path("events/<slug:slug>/register/", registrations.event_register, name="event_register"),
    path("registrations/<int:pk>/", registrations.registration_detail, name="registration"),
    path(
        "registrations/<int:pk>/blocks/",
        registrations.registration_blocks,
        name="registration_blocks",
    ),
    path("delegates/<int:pk>/", registrations.delegate_edit, name="delegate"),
    path("delegates/<int:pk>/remove/", registrations.delegate_remove, name="delegate_remove"),
]

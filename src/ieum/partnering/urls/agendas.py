from django.urls import path

from ieum.partnering.views import agendas

urlpatterns = [
    path("agenda/<str:token>.ics", agendas.agenda_feed, name="agenda_feed"),
    path("agenda/delegate/<int:pk>/", agendas.delegate_agenda, name="delegate_agenda"),
    path(
        "agenda/delegate/<int:pk>/reset-feed/",
        agendas.agenda_feed_reset,
        name="agenda_feed_reset",
    ),
    path("agenda/<slug:slug>/", agendas.my_agenda, name="my_agenda"),
    path("locations/<int:pk>/door-sheet/", agendas.door_sheet, name="door_sheet"),
    path("check-in/<str:token>/<int:pk>/", agendas.check_in_token, name="check_in_token"),
    path("check-in/<str:token>/<int:pk>/qr.svg", agendas.meeting_qr, name="meeting_qr"),
    path("meetings/<int:pk>/check-in/", agendas.check_in, name="check_in"),
]

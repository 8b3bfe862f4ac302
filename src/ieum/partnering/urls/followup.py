from django.urls import path

from ieum.partnering.views import followup

urlpatterns = [
    path("meetings/<int:pk>/follow-up/", followup.meeting_followup, name="meeting_followup"),
    path("meetings/<int:pk>/feedback/", followup.meeting_feedback, name="meeting_feedback"),
    path("meetings/<int:pk>/outcomes/", followup.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/edit/", followup.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/delete/", followup.outcome_delete, name="outcome_delete"),
    path("my/follow-ups/", followup.my_followups, name="my_followups"),
    path("events/<slug:slug>/report/", followup.event_report, name="event_report"),
    path("events/<slug:slug>/report.xlsx", followup.event_report_xlsx, name="event_report_xlsx"),
]

from django.urls import path

from ieum.facilities.views import bookings, catalog, feeds, waitlist
from ieum.facilities.views import reports as report_views
from ieum.facilities.views import resource_edit as edit_views

app_name = "facilities"

urlpatterns = [
    path("", catalog.resource_list, name="list"),
    path("r/<int:pk>/", catalog.resource_detail, name="resource"),
    path("r/<int:pk>/downtime/", bookings.add_downtime, name="add_downtime"),
    path("r/<int:pk>/qualify/", bookings.grant_qualification, name="grant_qualification"),
    path("r/<int:pk>/training/", bookings.request_training, name="request_training"),
    path("r/<int:pk>/wait/", waitlist.join, name="join_waitlist"),
    path("w/<int:pk>/accept/", waitlist.accept, name="accept_offer"),
    path("w/<int:pk>/withdraw/", waitlist.withdraw, name="withdraw_waitlist"),
    path("bookings/", bookings.my_bookings, name="my_bookings"),
    path("b/<int:pk>/", bookings.booking_detail, name="booking"),
    path("b/<int:pk>/move/", bookings.booking_reschedule, name="reschedule"),
    path("b/<int:pk>/result/", bookings.booking_result, name="deliver_result"),
    path("b/<int:pk>/<slug:action>/", bookings.booking_action, name="booking_action"),
    path("calendar/reset/", feeds.reset_feed, name="reset_feed"),
    path("calendar/<str:token>/bookings.ics", feeds.personal_feed, name="personal_feed"),
    path("calendar/<str:token>/r/<int:pk>.ics", feeds.resource_feed, name="resource_feed"),
]

# Reports and statements.
urlpatterns += [
    path("statement/", report_views.statement, name="statement"),
    path("statement.xlsx", report_views.statement_xlsx, name="statement_xlsx"),
    path("reports/", report_views.reports, name="reports"),
    path("reports.xlsx", report_views.reports_xlsx, name="reports_xlsx"),
]

# Catalog editing by cluster staff.
urlpatterns += [
    path("manage/", edit_views.manage_catalog, name="manage_catalog"),
    path("clusters/<slug:slug>/add/", edit_views.add_resource, name="add_resource"),
    path("clusters/<slug:slug>/import/", edit_views.import_resources, name="import_resources"),
    path("r/<int:pk>/edit/", edit_views.edit_resource, name="edit_resource"),
    path("imports/<int:pk>/", edit_views.import_status, name="import_status"),
    path("imports/template.xlsx", edit_views.import_template, name="import_template"),
]

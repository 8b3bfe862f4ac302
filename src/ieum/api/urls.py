from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ieum.api import (
    facility_views,
    linkage_offering_views,
    linkage_views,
    outcome_kpi_views,
    outcome_record_views,
    partnering_meeting_views,
    partnering_views,
    program_review_views,
    program_support_views,
    program_views,
    views,
)

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("vocabularies", views.TermViewSet, basename="term")
router.register("resources", facility_views.ResourceViewSet, basename="resource")
router.register("bookings", facility_views.BookingViewSet, basename="booking")
router.register("me/memberships", views.MyMembershipsView, basename="my-membership")
router.register("events", partnering_views.EventViewSet, basename="event")
router.register("needs", partnering_views.NeedViewSet, basename="need")
router.register("proposals", partnering_views.ProposalViewSet, basename="proposal")
router.register(
    "meeting-requests", partnering_meeting_views.MeetingRequestViewSet, basename="meeting-request"
)
router.register("meetings", partnering_meeting_views.MeetingViewSet, basename="meeting")
router.register(
    "service-offerings", linkage_offering_views.ServiceOfferingViewSet, basename="service-offering"
)
router.register("service-requests", linkage_views.ServiceRequestViewSet, basename="service-request")
router.register("calls", program_views.CallViewSet, basename="call")
router.register("applications", program_views.ApplicationViewSet, basename="application")
router.register(
    "review-assignments",
    program_review_views.ReviewAssignmentViewSet,
    basename="review-assignment",
)
router.register("support-cases", program_support_views.SupportCaseViewSet, basename="support-case")
router.register(
    "outcome-records", outcome_record_views.OutcomeRecordViewSet, basename="outcome-record"
)
router.register("kpis", outcome_kpi_views.KPIDefinitionViewSet, basename="kpi")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("kpi-values/", outcome_kpi_views.KPIValuesView.as_view(), name="kpi-values"),
    path("", include(router.urls)),
]

from django.urls import path

from ieum.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("clusters/", views.cluster_list, name="clusters"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("audit/", views.audit_log, name="audit_log"),
    path("o/<slug:slug>/", views.organization_detail, name="organization"),
    path("o/<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path("o/<slug:slug>/invite/", views.invite_member, name="invite"),
]

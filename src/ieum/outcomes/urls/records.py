from django.urls import path

from ieum.outcomes.views import records

urlpatterns = [
    path("records/", records.records, name="records"),
    path("records/new/", records.record_new, name="record_new"),
    path("records/<int:pk>/", records.record_detail, name="record_detail"),
    path("records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<int:pk>/delete/", records.record_delete, name="record_delete"),
    path("records/<int:pk>/verify/", records.record_verify, name="record_verify"),
    path("records/<int:pk>/reject/", records.record_reject, name="record_reject"),
    path("records/<int:pk>/evidence/", records.record_evidence, name="record_evidence"),
]

"""Technology needs, proposals and screening."""

from django.urls import path

from ieum.partnering.views import needs

urlpatterns = [
    path("needs/", needs.need_list, name="needs"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/<int:pk>/", needs.need_detail, name="need"),
    path("needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path("screening/", needs.screening, name="screening"),
    path("proposals/", needs.my_proposals, name="my_proposals"),
    path("proposals/<int:pk>/", needs.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/<slug:action>/", needs.proposal_action, name="proposal_action"),
]

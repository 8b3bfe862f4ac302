"""Routes of review: a reviewer's list and review page, and staff's pages of a stage
(assignments, ranking and decisions) and of a call (results, audit log)."""

from django.urls import path

from ieum.programs.views import audit, ranking, reviews, stages

urlpatterns = [
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<int:pk>/", reviews.review, name="review"),
    path("reviews/<int:pk>/recuse/", reviews.review_recuse, name="review_recuse"),
    path(
        "manage/stages/<int:pk>/assignments/",
        stages.stage_assignments,
        name="stage_assignments",
    ),
    path("manage/stages/<int:pk>/ranking/", ranking.stage_ranking, name="stage_ranking"),
    path("manage/stages/<int:pk>/decide/", ranking.stage_decide, name="stage_decide"),
    path(
        "manage/calls/<slug:slug>/publish-results/",
        ranking.call_publish_results,
        name="call_publish_results",
    ),
    path("manage/calls/<slug:slug>/audit/", audit.call_audit, name="call_audit"),
]

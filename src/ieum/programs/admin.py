"""The admin looks at reviews but does not change them: scores, assignments, conflicts
and decisions change only through the domain functions, which check rights and write
the audit log with the actor."""

from django.contrib import admin

from ieum.programs import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "cluster", "kind"]
    list_filter = ["kind", "cluster"]
    search_fields = ["name_ko", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(models.Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ["title_ko", "program", "status", "opens_at", "closes_at", "quota"]
    list_filter = ["status", "program__cluster"]
    search_fields = ["title_ko", "title_en", "slug"]


@admin.register(models.Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "company", "call", "status", "submitted_at"]
    list_filter = ["status", "call"]
    search_fields = ["title", "company__name_ko", "company__name_en"]


@admin.register(models.ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "stage", "status", "method", "expertise_match"]
    list_filter = ["status", "method", "stage__call"]


@admin.register(models.ConflictOfInterest)
class ConflictOfInterestAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "kind", "detail", "created_at"]
    list_filter = ["kind"]


@admin.register(models.Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["application", "stage", "outcome", "rank", "score", "decided_by"]
    list_filter = ["outcome", "stage__call"]


@admin.register(models.SupportCase)
class SupportCaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "company", "cluster", "stage", "status", "amount_krw", "starts_on"]
    list_filter = ["stage", "status", "cluster"]
    search_fields = ["title", "company__name_ko"]


@admin.register(models.ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["user"]
    search_fields = ["user__email", "user__full_name"]
    filter_horizontal = ["expertise"]

from django.contrib import admin

from ieum.linkage import models


@admin.register(models.ServiceOffering)
class ServiceOfferingAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "provider", "service_type", "fee_basis", "is_active"]
    list_filter = ["service_type", "fee_basis", "is_active"]
    search_fields = ["name_ko", "name_en", "provider__name_ko", "provider__name_en"]
    autocomplete_fields = ["provider"]
    filter_horizontal = ["therapeutic_areas"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RequestEventInline(ReadOnlyInline):
    model = models.RequestEvent
    fields = ["at", "step", "from_status", "to_status", "actor", "provider", "note"]


class RequestReadInline(ReadOnlyInline):
    model = models.RequestRead
    fields = ["at", "user", "channel", "file"]


@admin.register(models.ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Read-only: the workflow changes requests (linkage.workflow), so every step is
    checked, timestamped and e-mailed; the admin only looks."""

    list_display = ["__str__", "company", "provider", "service_type", "status", "submitted_at"]
    list_filter = ["status", "service_type", "cluster", "is_confidential"]
    search_fields = ["title", "company__name_ko", "provider__name_ko"]
    inlines = [RequestEventInline, RequestReadInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

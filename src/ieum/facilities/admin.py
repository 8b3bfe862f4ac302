from django.contrib import admin

from ieum.facilities import models


class OpeningHoursInline(admin.TabularInline):
    model = models.OpeningHours
    extra = 0


@admin.register(models.Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "cluster", "kind", "category", "status", "nfec_number"]
    list_filter = ["cluster", "kind", "category", "status", "use_scope", "requires_approval"]
    search_fields = ["name_ko", "name_en", "nfec_number", "maker", "model_name"]
    inlines = [OpeningHoursInline]
    # Capacity changes go through the staff's edit page, which keeps the bookings'
    # one-at-a-time flag in step with it under the resource's lock.
    readonly_fields = ["capacity"]
    fieldsets = [
        (None, {"fields": ["cluster", *models.Resource.DESCRIPTION_FIELDS]}),
        (
            None,
            {"fields": [*models.Resource.CONTACT_FIELDS, *models.Resource.FILE_FIELDS]},
        ),
        (None, {"fields": models.Resource.RULE_FIELDS}),
        ("KRW", {"fields": models.Resource.RATE_FIELDS}),
    ]


@admin.register(models.Downtime)
class DowntimeAdmin(admin.ModelAdmin):
    list_display = ["resource", "kind", "start", "end", "reported_by"]
    list_filter = ["kind"]
    autocomplete_fields = ["resource"]


@admin.register(models.Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["user", "resource", "granted_on", "expires_on"]
    autocomplete_fields = ["resource"]
    raw_id_fields = ["user", "granted_by"]


@admin.register(models.Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = [
        "name_ko",
        "organization",
        "coverage_percent",
        "budget_krw",
        "valid_from",
        "valid_until",
    ]
    raw_id_fields = ["organization"]


@admin.register(models.Booking)
class BookingAdmin(admin.ModelAdmin):
    # Bookings change through the booking pages so that every rule holds; here they are read.
    list_display = ["resource", "organization", "start", "end", "status", "fee_krw"]
    list_filter = ["status", "mode"]
    date_hierarchy = "start"
    search_fields = ["resource__name_ko", "organization__name_ko"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from ieum.directory import models
from ieum.directory.search_index import reindex_organization


@admin.register(models.Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["vocabulary", "code", "name_ko", "name_en", "sort_order", "is_active"]
    list_filter = ["vocabulary", "is_active"]
    search_fields = ["code", "name_ko", "name_en", "synonyms"]
    list_editable = ["name_ko", "name_en", "sort_order", "is_active"]


class ClusterMemberInline(admin.TabularInline):
    model = models.ClusterMember
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["cluster"]


class ProductInline(admin.TabularInline):
    model = models.Product
    extra = 0


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "kind", "region", "is_listed", "is_demo"]
    list_filter = ["kind", "is_listed", "is_demo", "region"]
    search_fields = ["name_ko", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ClusterMemberInline, ProductInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Search fields follow every change, wherever it is made.
        reindex_organization(form.instance.pk)


@admin.register(models.Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "operator", "region"]
    search_fields = ["name_ko", "name_en"]
    filter_horizontal = ["focus_fields"]


for profile in [
    models.CompanyProfile,
    models.HospitalProfile,
    models.InvestorProfile,
    models.DemandCompanyProfile,
]:
    admin.site.register(
        profile, search_fields=["organization__name_ko"], autocomplete_fields=["organization"]
    )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "ieum.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.directory import models

        excluded = ["search_vector", "search_text", "search_names"]
        auditlog.register(models.Organization, exclude_fields=excluded)
        auditlog.register(models.Cluster, m2m_fields={"focus_fields"})
        auditlog.register(models.ClusterMember)
        auditlog.register(
            models.CompanyProfile,
            m2m_fields={"therapeutic_areas", "technology_fields", "modalities", "certifications"},
        )
        auditlog.register(models.Product)
        auditlog.register(models.HospitalProfile, m2m_fields={"specialties", "services"})
        auditlog.register(
            models.InvestorProfile,
            m2m_fields={"focus_areas", "focus_fields", "preferred_stages"},
        )
        auditlog.register(
            models.DemandCompanyProfile,
            m2m_fields={"technology_interests", "therapeutic_interests"},
        )
        auditlog.register(models.Term)

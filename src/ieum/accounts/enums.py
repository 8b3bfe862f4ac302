from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does for an organization they belong to (DESIGN.md, roles)."""

    PLATFORM_ADMIN = "platform_admin", _("Platform admin")
    CLUSTER_STAFF = "cluster_staff", _("Cluster staff")
    HOSPITAL_COORDINATOR = "hospital_coordinator", _("Hospital coordinator")
    COMPANY_MEMBER = "company_member", _("Company member")
    DEMAND_COMPANY_MEMBER = "demand_company_member", _("Demand-company member")
    INVESTOR = "investor", _("Investor")
    REVIEWER = "reviewer", _("Reviewer")
    EVENT_ORGANIZER = "event_organizer", _("Event organizer")

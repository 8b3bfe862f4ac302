from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    CLUSTER_OPERATOR = "cluster_operator", _("Cluster operator")
    HOSPITAL = "hospital", _("Hospital")
    COMPANY = "company", _("Company")
    DEMAND_COMPANY = "demand_company", _("Demand company")
    INVESTOR = "investor", _("Investor")
    UNIVERSITY = "university", _("University or institute")
    PUBLIC_AGENCY = "public_agency", _("Public agency")


class Vocabulary(models.TextChoices):
    THERAPEUTIC_AREA = "therapeutic_area", _("Therapeutic area")
    TECHNOLOGY_FIELD = "technology_field", _("Technology field")
    MODALITY = "modality", _("Modality")
    TRL = "trl", _("Technology readiness level")
    DEVICE_CLASS = "device_class", _("MFDS device class")
    APPROVAL_ROUTE = "approval_route", _("MFDS approval route")
    STAGE = "stage", _("Company stage")
    REGION = "region", _("Region")
    CERTIFICATION = "certification", _("Certification")
    HOSPITAL_SERVICE = "hospital_service", _("Hospital service")


class InvestorType(models.TextChoices):
    VENTURE_CAPITAL = "vc", _("Venture capital")
    ACCELERATOR = "accelerator", _("Accelerator")
    FUND_MANAGER = "fund_manager", _("Fund manager")
    CORPORATE = "cvc", _("Corporate venture capital")
    PUBLIC_FUND = "public_fund", _("Public fund")

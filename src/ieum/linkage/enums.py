from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceType(models.TextChoices):
    CLINICAL_TRIAL_CONSULTING = "clinical_trial_consulting", _("Clinical-trial consulting")
    INVESTIGATOR_INITIATED_TRIAL = "investigator_initiated_trial", _("Investigator-initiated trial")
    CLINICAL_VALIDATION = "clinical_validation", _("Clinical validation")
    MEDICAL_DATA = "medical_data", _("Medical data access")
    TESTING_ANALYSIS = "testing_analysis", _("Testing and analysis")
    CLINICIAN_MENTORING = "clinician_mentoring", _("Clinician mentoring")
    UNMET_NEEDS = "unmet_needs", _("Unmet-needs sourcing")
    REGULATORY_CONSULTING = "regulatory_consulting", _("Regulatory consulting")
    GMP_CONSULTING = "gmp_consulting", _("GMP consulting")
    IP_STRATEGY = "ip_strategy", _("IP strategy")
    OVERSEAS_CERTIFICATION = "overseas_certification", _("Overseas certification")


# The services that count towards the KPI "clinical trials and approvals supported".
TRIAL_AND_APPROVAL_SERVICES = frozenset(
    {
        ServiceType.CLINICAL_TRIAL_CONSULTING,
        ServiceType.INVESTIGATOR_INITIATED_TRIAL,
        ServiceType.CLINICAL_VALIDATION,
        ServiceType.REGULATORY_CONSULTING,
        ServiceType.GMP_CONSULTING,
        ServiceType.OVERSEAS_CERTIFICATION,
    }
)


class FeeBasis(models.TextChoices):
    FREE_UNDER_PROGRAM = "free_under_program", _("Free under a support program")
    FIXED = "fixed", _("Fixed fee")
    QUOTED = "quoted", _("Quoted per request")


class RequiredDocument(models.TextChoices):
    IRB_APPROVAL = "irb_approval", _("IRB approval")
    NDA = "nda", _("Non-disclosure agreement")
    DATA_USE_AGREEMENT = "data_use_agreement", _("Data use agreement")


class ProductStage(models.TextChoices):
    IDEA = "idea", _("Idea or research")
    PROTOTYPE = "prototype", _("Prototype")
    NONCLINICAL = "nonclinical", _("Nonclinical")
    CLINICAL = "clinical", _("Clinical")
    APPROVAL = "approval", _("Approval")
    ON_MARKET = "on_market", _("On the market")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# States the company may still cancel from; closed and cancelled are final.
OPEN_STATUSES = frozenset(
    {
        RequestStatus.DRAFT,
        RequestStatus.SUBMITTED,
        RequestStatus.TRIAGED,
        RequestStatus.ASSIGNED,
        RequestStatus.ACCEPTED,
        RequestStatus.IN_PROGRESS,
    }
)
# States in which the assigned provider is a party: it holds the request, delivered it,
# or held it when the company cancelled (it keeps the record of that work). A provider
# that declined is no longer `provider`, so it is not a party.
PROVIDER_STATUSES = frozenset(
    {
        RequestStatus.ASSIGNED,
        RequestStatus.ACCEPTED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.DELIVERED,
        RequestStatus.CLOSED,
        RequestStatus.CANCELLED,
    }
)


class Step(models.TextChoices):
    """A transition of the workflow, as recorded on the request's timeline."""

    CREATE = "create", _("Created")
    SUBMIT = "submit", _("Submitted")
    TRIAGE = "triage", _("Triaged")
    ASSIGN = "assign", _("Assigned")
    ACCEPT_NDA = "accept_nda", _("NDA accepted")
    ACCEPT = "accept", _("Accepted")
    DECLINE = "decline", _("Declined")
    START = "start", _("Work started")
    DELIVER = "deliver", _("Delivered")
    CLOSE = "close", _("Closed")
    CANCEL = "cancel", _("Cancelled")


class FileKind(models.TextChoices):
    ATTACHMENT = "attachment", _("Attachment")
    DELIVERABLE = "deliverable", _("Deliverable")


class ReadChannel(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    FILE = "file", _("File download")
    EXPORT = "export", _("Export")

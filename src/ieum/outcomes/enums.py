from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeKind(models.TextChoices):
    PATENT = "patent", _("Patent")
    APPROVAL = "approval", _("Approval or certification")
    EXPORT = "export", _("Export contract")
    REVENUE = "revenue", _("Yearly revenue")
    EMPLOYMENT = "employment", _("Employment")
    INVESTMENT = "investment", _("Investment")
    CLINICAL_TRIAL = "clinical_trial", _("Clinical trial")
    TECH_TRANSFER = "tech_transfer", _("Technology transfer or licensing")
    NATIONAL_RND = "national_rnd", _("National R&D project")
    EXIT = "exit", _("IPO or M&A")


class OutcomeSubtype(models.TextChoices):
    """The finer kind of a record; `KIND_SUBTYPES` says which belong to which kind."""

    PATENT_APPLICATION = "patent_application", _("Patent application")
    PATENT_REGISTRATION = "patent_registration", _("Patent registration")
    MFDS = "mfds", _("MFDS approval")
    FDA_510K = "fda_510k", _("FDA 510(k)")
    FDA_DE_NOVO = "fda_de_novo", _("FDA De Novo")
    FDA_PMA = "fda_pma", _("FDA PMA")
    CE_MDR = "ce_mdr", _("CE (MDR)")
    OTHER_APPROVAL = "other_approval", _("Other approval or certification")
    SEED = "seed", _("Seed")
    PRE_A = "pre_a", _("Pre-A")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C_PLUS = "series_c_plus", _("Series C or later")
    STRATEGIC = "strategic", _("Strategic investment")
    PHASE_1 = "phase_1", _("Phase 1")
    PHASE_2 = "phase_2", _("Phase 2")
    PHASE_3 = "phase_3", _("Phase 3")
    PHASE_4 = "phase_4", _("Phase 4")
    DEVICE_PILOT = "device_pilot", _("Device pilot (exploratory) trial")
    DEVICE_PIVOTAL = "device_pivotal", _("Device pivotal (confirmatory) trial")
    TRANSFER = "transfer", _("Technology transfer")
    LICENSE = "license", _("Licensing")
    IPO = "ipo", _("IPO")
    MA = "ma", _("M&A")


KIND_SUBTYPES: dict[str, tuple[str, ...]] = {
    OutcomeKind.PATENT: (OutcomeSubtype.PATENT_APPLICATION, OutcomeSubtype.PATENT_REGISTRATION),
    OutcomeKind.APPROVAL: (
        OutcomeSubtype.MFDS,
        OutcomeSubtype.FDA_510K,
        OutcomeSubtype.FDA_DE_NOVO,
        OutcomeSubtype.FDA_PMA,
        OutcomeSubtype.CE_MDR,
        OutcomeSubtype.OTHER_APPROVAL,
    ),
    OutcomeKind.INVESTMENT: (
        OutcomeSubtype.SEED,
        OutcomeSubtype.PRE_A,
        OutcomeSubtype.SERIES_A,
        OutcomeSubtype.SERIES_B,
        OutcomeSubtype.SERIES_C_PLUS,
        OutcomeSubtype.STRATEGIC,
    ),
    OutcomeKind.CLINICAL_TRIAL: (
        OutcomeSubtype.PHASE_1,
        OutcomeSubtype.PHASE_2,
        OutcomeSubtype.PHASE_3,
        OutcomeSubtype.PHASE_4,
        OutcomeSubtype.DEVICE_PILOT,
        OutcomeSubtype.DEVICE_PIVOTAL,
    ),
    OutcomeKind.TECH_TRANSFER: (OutcomeSubtype.TRANSFER, OutcomeSubtype.LICENSE),
    OutcomeKind.EXIT: (OutcomeSubtype.IPO, OutcomeSubtype.MA),
}

# Approvals whose authority fixes the country, so "overseas" needs no extra input.
APPROVAL_COUNTRY: dict[str, str] = {
    OutcomeSubtype.MFDS: "KR",
    OutcomeSubtype.FDA_510K: "US",
    OutcomeSubtype.FDA_DE_NOVO: "US",
    OutcomeSubtype.FDA_PMA: "US",
    OutcomeSubtype.CE_MDR: "EU",
}


class PatentScope(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic (KIPO)")
    PCT = "pct", _("International (PCT)")
    FOREIGN = "foreign", _("Foreign office")


# The country code a PCT application is filed under (WIPO).
PCT_COUNTRY = "WO"
HOME_COUNTRY = "KR"


class Currency(models.TextChoices):
    KRW = "KRW", _("Korean won (KRW)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
    JPY = "JPY", _("Japanese yen (JPY)")
    CNY = "CNY", _("Chinese yuan (CNY)")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class RecordSource(models.TextChoices):
    FORM = "form", _("Entered on the site")
    API = "api", _("Sent through the API")
    IMPORT = "import", _("Imported from Excel")


class Computation(models.TextChoices):
    COUNT = "count", _("Number of records")
    SUM = "sum", _("Sum of a figure")
    DISTINCT_COMPANIES = "distinct_companies", _("Number of distinct companies")
    LATEST = "latest", _("Latest value per company, summed")


class KPIUnit(models.TextChoices):
    COUNT = "count", _("cases")
    COMPANIES = "companies", _("companies")
    PEOPLE = "people", _("people")
    KRW = "krw", _("KRW")
    USD = "usd", _("USD")
    HOURS = "hours", _("hours")


class KPIField(models.TextChoices):
    """The record figures a sum or latest-value KPI can add up."""

    AMOUNT_KRW = "amount_krw", _("Amount in KRW")
    AMOUNT_USD = "amount_usd", _("Amount in USD")
    HEADCOUNT = "headcount", _("Headcount")
    YOUTH_HEADCOUNT = "youth_headcount", _("Youth headcount")
    NEW_HIRES = "new_hires", _("New hires")


class KPISource(models.TextChoices):
    """Where a KPI's records come from: outcome records, or another app's own records
    (computed by that app's report functions as they land)."""

    RECORDS = "records", _("Outcome records")
    FACILITY_COMPANIES = "facility_companies", _("Companies that used facilities")
    FACILITY_HOURS = "facility_hours", _("Facility hours used")
    SERVICE_REQUESTS = "service_requests", _("Service requests delivered")
    TRIALS_AND_APPROVALS = "trials_and_approvals", _("Trials and approvals supported")
    SUPPORT_CASES = "support_cases", _("Support cases")
    COMPANIES_SUPPORTED = "companies_supported", _("Companies supported")
    SUPPORT_AMOUNT = "support_amount", _("Support amount")
    PARTNERING_MEETINGS = "partnering_meetings", _("Partnering meetings held")
    PARTNERING_OUTCOMES = "partnering_outcomes", _("Partnering follow-up outcomes")


class Region(models.TextChoices):
    ANY = "any", _("Anywhere")
    DOMESTIC = "domestic", _("Korea")
    OVERSEAS = "overseas", _("Overseas")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    CHECKING = "checking", _("Checking the rows")
    CHECKED = "checked", _("Checked, waiting for confirmation")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")
    CANCELLED = "cancelled", _("Cancelled")

"""How much each cluster's companies achieve in the demo, and the figures of the reports
that the demo reproduces exactly.

Most figures come from rates per member company and year, so a cluster's totals grow
with its members (companies count towards a cluster from the year they joined it).
A few cluster-years are pinned to what the press reported:

- 김해 in 2020 (진흥원 2021-02): member companies' revenue KRW 541.8 billion, 1,400
  employees, and 79 national R&D projects worth KRW 97.8 billion;
- 광주 in 2022, the last year of the 2018–2022 dental biomaterials partner program
  (한국경제 2023): 38 patent applications, 8 overseas approvals and USD 45.59 million
  of export contracts.

Those cells are made of verified records only, so the dashboards show the reported
figure by default; pending records come on top when the toggle is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FIRST_YEAR = 2020
LAST_FULL_YEAR = 2025
YEARS = tuple(range(FIRST_YEAR, LAST_FULL_YEAR + 1))
# The year now running: some records entered, most still waiting for verification.
CURRENT_YEAR = LAST_FULL_YEAR + 1

GIMHAE = "gimhae-biomedical"
GWANGJU = "gwangju-biomaterials"

# Counted records per member company and year, before the cluster's mix.
BASE_RATES = {
    "patent_application": 0.3,
    "patent_registration": 0.12,
    "approval": 0.14,
    "export": 0.22,
    "investment": 0.06,
    "clinical_trial": 0.04,
    "tech_transfer": 0.04,
    "national_rnd": 0.18,
}
COUNTED = tuple(BASE_RATES)
# Per-company rates rise a little every year: the clusters' support bears fruit.
YEARLY_RISE = 0.06

# What each cluster is strong in: a factor on the base rates.
CLUSTER_MIX: dict[str, dict[str, float]] = {
    GIMHAE: {"approval": 1.2, "export": 1.2},
    GWANGJU: {
        "patent_application": 4.0,
        "patent_registration": 3.0,
        "approval": 3.0,
        "export": 4.0,
    },
    "daejeon-biohealth": {
        "patent_application": 1.5,
        "patent_registration": 1.5,
        "clinical_trial": 2.0,
        "tech_transfer": 2.0,
        "investment": 1.5,
        "export": 0.6,
    },
    "wonju-medical-device": {"approval": 1.6, "export": 1.5},
    "osong-medical-complex": {"clinical_trial": 2.0, "investment": 1.3},
    "daegu-medical-complex": {"clinical_trial": 1.5, "approval": 1.2},
    "jeonnam-bio": {"tech_transfer": 1.5, "export": 0.8},
    "chungbuk-bio-convergence": {"patent_application": 1.2},
}
# The share of approvals granted abroad (FDA, CE, others).
OVERSEAS_APPROVAL_SHARE = {GWANGJU: 0.5, "wonju-medical-device": 0.45}
DEFAULT_OVERSEAS_SHARE = 0.35
# Export contracts of 광주's implant makers are larger than most.
EXPORT_SIZE = {GWANGJU: 3.5, "wonju-medical-device": 1.3}
# 김해's national projects are larger too (KRW 1.24 billion on average in 2020).
RND_SIZE = {GIMHAE: 1.5}

# 김해's companies win many national projects (the agency counted 79 in 2020, a year of
# extra COVID-19 programmes).
FIXED_COUNTS: dict[tuple[str, str], dict[int, int]] = {
    (GIMHAE, "national_rnd"): {2021: 58, 2022: 61, 2023: 64, 2024: 67, 2025: 70},
}


@dataclass(frozen=True)
class Target:
    """Figures one cluster-year must show, from verified records."""

    revenue_krw: int | None = None
    headcount: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    overseas_approvals: int | None = None
    export_usd: Decimal | None = None
    national_rnd_krw: int | None = None


TARGETS: dict[tuple[str, int], Target] = {
    (GIMHAE, 2020): Target(
        revenue_krw=541_800_000_000,
        headcount=1_400,
        counts={"national_rnd": 79},
        national_rnd_krw=97_800_000_000,
    ),
    (GWANGJU, 2022): Target(
        counts={"patent_application": 38, "export": 16, "approval": 11},
        overseas_approvals=8,
        export_usd=Decimal("45590000.00"),
    ),
}

# The chance that a record of a year is still waiting for verification.
PENDING_CHANCE = {2024: 0.03, 2025: 0.12, CURRENT_YEAR: 0.6}
# The chance that a record of a kind is kept from other companies and the public.
CONFIDENTIAL_CHANCE = {"investment": 0.35, "tech_transfer": 0.3, "export": 0.08}
# The share of companies that keep their revenue confidential.
CONFIDENTIAL_REVENUE_SHARE = 0.05
# Records a company sends through the API rather than the site.
API_SHARE = 0.04

"""The import round trip of the demo: 김해's staff upload two workbooks of 2019, the year
before the platform's records begin, in the import template's columns, and the check
runs as the worker would run it.

- "2019 매출·고용·국가과제": every row valid; confirmed and saved, so 2019 shows on
  김해's dashboard from imported, verified records.
- "2019 특허·수출": two rows wrong (an unknown company, a negative amount); left
  checked, waiting for the staff to fix the file or import only the valid rows, so
  the demo walk shows the problems by row and column.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import translation
from openpyxl import Workbook

from ieum.core.business_days import SEOUL
from ieum.core.jobs import silenced
from ieum.directory.models import Cluster
from ieum.linkage.demo.timeline import stamp
from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from ieum.outcomes.import_columns import COLUMNS
from ieum.outcomes.importing import check_import, confirm_import, save_import, start_import
from ieum.outcomes.models import OutcomeImport, OutcomeRecord

YEAR = 2019
CLUSTER = "gimhae-biomedical"
SAVED_FILE = f"김해_{YEAR}_매출·고용·국가과제.xlsx"
CHECKED_FILE = f"김해_{YEAR}_특허·수출.xlsx"
UNKNOWN_COMPANY = "(주)한결메디칼"


@dataclass(frozen=True)
class Later:
    """The 2020 figures a company reported on the platform, to draw 2019 back from."""

    name: str
    revenue: int | None
    headcount: int | None


def workbook(rows: list[dict]) -> bytes:
    """An .xlsx with the import template's Korean headers and one row per dict."""
    book = Workbook()
    sheet = book.active
    sheet.append([column.korean for column in COLUMNS])
    for row in rows:
        sheet.append([row.get(column.field) for column in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _companies(cluster: Cluster) -> list[Later]:
    """Members by 2019 with their verified 2020 revenue and headcount."""
    records = OutcomeRecord.objects.filter(
        clusters=cluster,
        year=YEAR + 1,
        status=VerificationStatus.VERIFIED,
        kind__in=[OutcomeKind.REVENUE, OutcomeKind.EMPLOYMENT],
        company__cluster_memberships__cluster=cluster,
        company__cluster_memberships__joined_on__year__lte=YEAR,
    ).values_list("company__name_ko", "kind", "amount_krw", "headcount")
    figures: dict[str, dict] = {}
    for name, kind, amount, headcount in records:
        entry = figures.setdefault(name, {})
        entry[kind] = amount if kind == OutcomeKind.REVENUE else headcount
    return [
        Later(name, entry.get(OutcomeKind.REVENUE), entry.get(OutcomeKind.EMPLOYMENT))
        for name, entry in sorted(figures.items())
    ]


def saved_rows(companies: list[Later], rng: random.Random) -> list[dict]:
    rows = []
    end = date(YEAR, 12, 31)
    for company in companies:
        if company.revenue:
            revenue = round(company.revenue * rng.uniform(0.82, 0.97), -6)
            rows.append(
                {"company": company.name, "kind": "매출", "occurred_on": end,
                 "title": f"{YEAR}년 매출액", "amount": int(revenue), "currency": "원"}
            )  # fmt: skip
        if company.headcount:
            headcount = max(1, round(company.headcount * rng.uniform(0.85, 0.97)))
            rows.append(
                {"company": company.name, "kind": "고용", "occurred_on": end,
                 "title": f"{YEAR}년 말 고용 현황", "headcount": headcount,
                 "youth_headcount": round(headcount * 0.35),
                 "new_hires": max(1, round(headcount * 0.12))}
            )  # fmt: skip
    for company in companies[::3]:
        rows.append(
            {"company": company.name, "kind": "국가R&D",
             "occurred_on": date(YEAR, rng.randint(3, 9), rng.randint(1, 28)),
             "title": "[중소기업기술혁신개발사업] 의료기기 시제품 고도화",
             "counterparty": "중소기업기술정보진흥원",
             "reference": f"S{rng.randint(2_700_000, 2_799_999)}",
             "amount": rng.randint(2, 9) * 100_000_000, "currency": "원"}
        )  # fmt: skip
    return rows


def checked_rows(companies: list[Later], rng: random.Random) -> list[dict]:
    rows = []
    for number, company in enumerate(companies[:8]):
        day = date(YEAR, rng.randint(1, 12), rng.randint(1, 28))
        rows.append(
            {"company": company.name, "kind": "특허", "subtype": "출원", "patent_scope": "국내",
             "occurred_on": day, "title": "의료기기 부품 표면 처리 방법",
             "reference": f"10-{YEAR}-{rng.randint(1, 170_000):07d}"}
        )  # fmt: skip
        if number % 2 == 0:
            rows.append(
                {"company": company.name, "kind": "수출", "occurred_on": day,
                 "counterparty": "Saigon Medical Equipment JSC", "country": "VN",
                 "amount": Decimal(rng.randint(40, 400) * 1_000), "currency": "USD"}
            )  # fmt: skip
    # The two mistakes the check must find: a company not in the cluster and a negative
    # amount (a refund typed as an export).
    rows.insert(3, {**rows[1], "company": UNKNOWN_COMPANY})
    bad = next(row for row in rows if row["kind"] == "수출")
    rows.insert(6, {**bad, "amount": -bad["amount"]})
    return rows


def run_import_walk(*, staff, now: datetime) -> dict[str, int]:
    """Both imports, once; returns how many imports and imported records were made."""
    cluster = Cluster.objects.filter(slug=CLUSTER).first()
    if cluster is None or OutcomeImport.objects.filter(cluster=cluster).exists():
        return {}
    companies = _companies(cluster)
    if not companies:
        return {}
    rng = random.Random(YEAR)
    with silenced(), translation.override("ko"):
        saved = start_import(
            by=staff,
            cluster=cluster,
            filename=SAVED_FILE,
            content=workbook(saved_rows(companies, rng)),
        )
        check_import(outcome_import=saved)
        confirm_import(by=staff, outcome_import=saved, only_valid=False)
        saved = save_import(outcome_import=saved, by=staff)
        checked = start_import(
            by=staff,
            cluster=cluster,
            filename=CHECKED_FILE,
            content=workbook(checked_rows(companies, rng)),
        )
        checked = check_import(outcome_import=checked)
    # The saved import was done in February, after the 2019 books had been closed; the
    # other one was uploaded a few days ago.
    uploaded = min(now - timedelta(days=30), datetime(now.year, 2, 16, 14, 5, tzinfo=SEOUL))
    stamp(
        OutcomeImport,
        ["created_at", "updated_at", "finished_at"],
        [
            (saved.pk, uploaded, uploaded + timedelta(minutes=4), uploaded + timedelta(minutes=4)),
            (checked.pk, now - timedelta(days=3), now - timedelta(days=3), None),
        ],
    )
    done = uploaded + timedelta(minutes=4)
    stamp(
        OutcomeRecord,
        ["created_at", "updated_at", "reviewed_at"],
        [(pk, done, done, done) for pk in saved.records.values_list("pk", flat=True)],
    )
    return {"outcome imports": 2, "imported outcome records": saved.created_count}

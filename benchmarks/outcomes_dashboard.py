#!/usr/bin/env python3
"""Benchmark of the outcome dashboards (the figures of issue 8).

  .venv/bin/python benchmarks/outcomes_dashboard.py [--clusters 20] [--companies 10000]
      [--records 500000] [--years 10] [--runs 30] [--seed 1] [--keep] [--explain]

It makes a database of its own (`ieum_bench_outcomes`) on the server of DATABASE_URL,
or on the embedded PostgreSQL, migrates it (which adds the built-in KPIs) and loads:
the clusters with an operator and a staff member each, the companies as members of one
cluster (one in seven of two), and the records over the last `--years` years: a
revenue and an employment record per company and year while they make up at most 40%
of the records, and patents, approvals, export contracts (USD, EUR, JPY, CNY), national
R&D projects, investments, trials and technology transfers for the rest; about 80%
verified, 15% pending, 5% rejected, 5% confidential, each attributed to its company's
clusters. Records and attributions go in with COPY, in chunks.

Then, as a platform admin through Django's test client, it GETs `--runs` times each:
the national dashboard page over the years (every KPI by year, trend charts, the
clusters side by side), one cluster's dashboard page, and the drill-down page of one
KPI (patent applications, national, last full year), and prints the median, p95 and
slowest page time and the queries one page runs, with the slowest of them.

The database is dropped at the end, unless --keep: then it stays, and a next run with
--keep and the same sizes reuses it without loading again. Figures depend on the
machine; the script prints what it measured, nothing else.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

import bench_database  # noqa: E402

BENCH_DATABASE = "ieum_bench_outcomes"
CHUNK = 50_000
SLUG = "bench"
# Rough KRW per unit, enough for stored KRW and USD values that add up.
KRW_PER = {"KRW": 1, "USD": 1300, "EUR": 1450, "JPY": 9.5, "CNY": 185}
# Counted kinds and how often each comes, with a few of its types.
COUNTED = [
    ("patent", 30, ["patent_application", "patent_application", "patent_registration"]),
    ("export", 15, [""]),
    ("national_rnd", 12, [""]),
    ("approval", 8, ["mfds", "mfds", "fda_510k", "ce_mdr"]),
    ("investment", 3, ["seed", "series_a", "series_b"]),
    ("clinical_trial", 3, ["phase_1", "phase_2", "device_pilot"]),
    ("tech_transfer", 3, ["transfer", "license"]),
    ("exit", 0.1, ["ipo", "ma"]),
]
COLUMNS = (
    "id", "company_id", "kind", "subtype", "patent_scope", "country", "title", "reference",
    "counterparty", "device_class", "occurred_on", "amount", "currency", "amount_krw",
    "amount_usd", "krw_per_unit", "krw_per_usd", "rates_on", "headcount", "youth_headcount",
    "new_hires", "note", "is_confidential", "evidence", "evidence_name", "status",
    "rejection_reason", "reviewed_by_id", "reviewed_at", "source", "recorded_by_id",
    "created_at", "updated_at",
)  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    clusters: int
    companies: int
    records: int
    years: int
    seed: int = 1

    @property
    def first_year(self) -> int:
        return date.today().year - self.years + 1

    @property
    def last_year(self) -> int:
        return date.today().year


@dataclass
class Cast:
    admin: object
    clusters: list
    staff: dict  # cluster pk → user
    companies: list[tuple[int, tuple[int, ...]]]  # (company pk, cluster pks)


# The database.


# Loading.


def make_cast(sizes: Sizes) -> Cast:
    """Clusters with their operators and staff, a platform admin, the companies."""
    from ieum.accounts.enums import Role
    from ieum.accounts.models import Membership, User
    from ieum.directory.enums import OrganizationKind, Vocabulary
    from ieum.directory.models import Cluster, ClusterMember, Organization, Term

    region = Term.objects.filter(vocabulary=Vocabulary.REGION).order_by("pk").first()
    agency = Organization.objects.create(
        kind=OrganizationKind.PUBLIC_AGENCY, name_ko="벤치 전략센터", slug=f"{SLUG}-agency"
    )
    admin = User.objects.create(email=f"admin@{SLUG}.kr", full_name="벤치 관리자", password="!")
    Membership.objects.create(user=admin, organization=agency, role=Role.PLATFORM_ADMIN)
    operators = Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.CLUSTER_OPERATOR,
            name_ko=f"벤치 운영기관 {n:02d}",
            slug=f"{SLUG}-op-{n}",
        )
        for n in range(sizes.clusters)
    )
    clusters = Cluster.objects.bulk_create(
        Cluster(
            name_ko=f"벤치 클러스터 {n:02d}",
            slug=f"{SLUG}-cluster-{n}",
            operator=operator,
            region=region,
        )
        for n, operator in enumerate(operators)
    )
    users = User.objects.bulk_create(
        User(email=f"staff{n}@{SLUG}.kr", full_name=f"담당자 {n}", password="!")
        for n in range(sizes.clusters)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organization=operator, role=Role.CLUSTER_STAFF)
        for user, operator in zip(users, operators, strict=True)
    )
    companies: list[tuple[int, tuple[int, ...]]] = []
    for start in range(0, sizes.companies, 5_000):
        made = Organization.objects.bulk_create(
            Organization(kind=OrganizationKind.COMPANY, name_ko=f"벤치기업 {n}", slug=f"{SLUG}-{n}")
            for n in range(start, min(start + 5_000, sizes.companies))
        )
        members = []
        for company in made:
            n = len(companies)
            own = [clusters[n % len(clusters)].pk]
            if n % 7 == 3 and len(clusters) > 1:
                own.append(clusters[(n + 1) % len(clusters)].pk)
            companies.append((company.pk, tuple(own)))
            members += [ClusterMember(cluster_id=pk, organization=company) for pk in own]
        ClusterMember.objects.bulk_create(members)
    staff = {cluster.pk: user for cluster, user in zip(clusters, users, strict=True)}
    return Cast(admin=admin, clusters=clusters, staff=staff, companies=companies)


def ensure_rates(sizes: Sizes) -> None:
    from ieum.outcomes.models import ExchangeRate

    ExchangeRate.objects.bulk_create(
        ExchangeRate(currency=code, effective_on=date(year, 1, 1), krw_per_unit=Decimal(str(krw)))
        for year in range(sizes.first_year - 1, sizes.last_year + 1)
        for code, krw in KRW_PER.items()
        if code != "KRW"
    )


class RecordRows:
    """The records as COPY rows, with the cluster attributions of each."""

    def __init__(self, sizes: Sizes, cast: Cast) -> None:
        self.sizes, self.cast = sizes, cast
        self.rng = random.Random(sizes.seed)
        self.now = datetime.now().astimezone()
        self.today = date.today()
        kinds, weights = zip(*[(kind, weight) for kind, weight, _types in COUNTED], strict=True)
        self.kinds, self.weights = list(kinds), list(weights)
        self.types = {kind: types for kind, _weight, types in COUNTED}

    def __iter__(self):
        yearly = min(2 * len(self.cast.companies) * self.sizes.years, int(self.sizes.records * 0.4))
        pk = 0
        for company, clusters, year in self._company_years(yearly // 2):
            day = min(date(year, 12, 31), self.today)
            for kind in ("revenue", "employment"):
                pk += 1
                yield self._row(pk, company, clusters, kind, day)
        while pk < self.sizes.records:
            pk += 1
            company, clusters = self.rng.choice(self.cast.companies)
            kind = self.rng.choices(self.kinds, weights=self.weights)[0]
            yield self._row(pk, company, clusters, kind, self._day())

    def _company_years(self, count: int):
        """Companies and years for yearly figures, the latest years first."""
        pairs = (
            (company, clusters, year)
            for year in range(self.sizes.last_year, self.sizes.first_year - 1, -1)
            for company, clusters in self.cast.companies
        )
        return (pair for _n, pair in zip(range(count), pairs, strict=False))

    def _day(self) -> date:
        year = self.rng.randint(self.sizes.first_year, self.sizes.last_year)
        day = date(year, 1, 1) + timedelta(days=self.rng.randint(0, 364))
        return min(day, self.today)

    def _row(self, pk: int, company: int, clusters, kind: str, day: date):
        rng = self.rng
        subtype = rng.choice(self.types.get(kind, [""]))
        scope = country = currency = reference = ""
        amount = headcount = youth = hires = device_class = None
        if kind == "patent":
            scope = rng.choice(["domestic", "domestic", "pct", "foreign"])
            country = {"domestic": "KR", "pct": "WO", "foreign": "US"}[scope]
            reference = f"10-{day.year}-{pk:07d}"
        elif kind == "approval":
            country = {"mfds": "KR", "fda_510k": "US", "ce_mdr": "EU"}[subtype]
            device_class = 2 if subtype == "mfds" else None
            reference = f"A{pk}"
        elif kind == "export":
            country = rng.choice(["US", "DE", "JP", "CN", "VN"])
            currency = {"DE": "EUR", "JP": "JPY", "CN": "CNY"}.get(country, "USD")
            amount = Decimal(rng.randint(20, 2_000) * 1_000)
        elif kind in ("revenue", "national_rnd", "investment", "exit", "tech_transfer"):
            currency = "KRW"
            amount = Decimal(rng.randint(1, 5_000) * 10_000_000)
        elif kind == "employment":
            headcount = rng.randint(1, 300)
            youth, hires = headcount // 3, headcount // 8
        status = rng.choices(["verified", "pending", "rejected"], weights=[80, 15, 5])[0]
        reviewed = status != "pending"
        money = money_fields(amount, currency, day)
        return (
            (pk, company, kind, subtype, scope, country, f"{kind} {pk}", reference, "",
             device_class, day, *money, headcount, youth, hires, "", rng.random() < 0.05,
             "", "", status, "중복 입력" if status == "rejected" else "",
             self.cast.staff[clusters[0]].pk if reviewed else None,
             self.now if reviewed else None, "form", None, self.now, self.now),
            clusters,
        )  # fmt: skip


def money_fields(amount: Decimal | None, currency: str, day: date) -> tuple:
    if amount is None:
        return (None, "", None, None, None, None, None)
    per_unit = Decimal(str(KRW_PER[currency]))
    krw = int(amount * per_unit)
    usd = (Decimal(krw) / KRW_PER["USD"]).quantize(Decimal("0.01"))
    return (amount, currency, krw, usd, per_unit, Decimal(KRW_PER["USD"]), day)


def copy_records(sizes: Sizes, cast: Cast) -> int:
    """COPY the records and their cluster attributions in chunks; returns the count."""
    from django.db import connection

    from ieum.outcomes.models import OutcomeRecord

    table = OutcomeRecord._meta.db_table
    through = OutcomeRecord.clusters.through._meta.db_table
    rows = iter(RecordRows(sizes, cast))
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        while True:
            chunk = [row for _n, row in zip(range(CHUNK), rows, strict=False)]
            if not chunk:
                break
            with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for record, _clusters in chunk:
                    copy.write_row(record)
            with raw.copy(f"COPY {through} (outcomerecord_id, cluster_id) FROM STDIN") as copy:
                for record, clusters in chunk:
                    for cluster in clusters:
                        copy.write_row((record[0], cluster))
            written += len(chunk)
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )
    return written


def load(sizes: Sizes) -> float:
    """Fill the (migrated, empty) database; returns the seconds it took."""
    from ieum.core.db_stats import refresh_statistics

    started = time.perf_counter()
    cast = make_cast(sizes)
    ensure_rates(sizes)
    copy_records(sizes, cast)
    refresh_statistics()
    return time.perf_counter() - started


def holds_sizes(url: str, sizes: Sizes) -> bool:
    """Whether the database exists and was loaded with these sizes (for --keep)."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            records = connection.execute("SELECT count(*) FROM outcomes_outcomerecord")
            clusters = connection.execute(
                "SELECT count(*) FROM directory_cluster WHERE slug LIKE %s", [f"{SLUG}-cluster-%"]
            )
            return (records.fetchone()[0], clusters.fetchone()[0]) == (
                sizes.records,
                sizes.clusters,
            )
    except psycopg.Error:
        return False


# Measuring.


@dataclass
class Figures:
    label: str
    seconds: list[float]
    queries: int
    slowest: list[tuple[float, str]]
    status: int

    def p(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_page(client, label: str, url: str, runs: int) -> Figures:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The log of queries holds 9,000 at most: from full, nothing new would be counted.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Read now: every request empties the log the context reads from.
    queries = list(captured.captured_queries)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    seconds = []
    for _run in range(runs):
        started = time.perf_counter()
        client.get(url)
        seconds.append(time.perf_counter() - started)
    slowest = sorted(((float(query["time"]), query["sql"]) for query in queries), reverse=True)[:3]
    return Figures(label, seconds, len(queries), slowest, response.status_code)


def measure(sizes: Sizes, runs: int) -> list[Figures]:
    """The three pages, each `runs` times, as the platform admin."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from ieum.accounts.models import User
    from ieum.directory.models import Cluster

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email=f"admin@{SLUG}.kr"))
    years = urlencode({"first": sizes.first_year, "last": sizes.last_year})
    cluster = Cluster.objects.filter(slug__startswith=f"{SLUG}-cluster-").order_by("pk").first()
    drill = urlencode(
        {"kpi": "patent_applications", "scope": "national", "period": sizes.last_year - 1}
    )
    pages = [
        (
            f"national dashboard, {sizes.years} years, {sizes.clusters} clusters",
            f"{reverse('outcomes:national')}?{years}",
        ),
        (
            f"cluster dashboard ({cluster.slug}), {sizes.years} years",
            f"{reverse('outcomes:cluster_dashboard', args=[cluster.slug])}?{years}",
        ),
        (
            f"drill-down: patent applications, national, {sizes.last_year - 1}",
            f"{reverse('outcomes:kpi_records')}?{drill}",
        ),
    ]
    return [measure_page(client, label, url, runs) for label, url in pages]


def report(figures: list[Figures], *, explain: bool) -> None:
    for page in figures:
        print(f"\n{page.label} ({len(page.seconds)} runs):")
        print(
            f"  p50 {page.p(0.5):.3f} s   p95 {page.p(0.95):.3f} s   max {max(page.seconds):.3f} s"
        )
        print(f"  queries per page    {page.queries}")
        for seconds, sql in page.slowest[:1]:
            print(f"  slowest query       {seconds:.3f} s: {' '.join(sql.split())[:160]}…")
        if explain and page.slowest:
            print_plan(page.slowest[0][1])


def print_plan(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        print("  plan of the slowest query:")
        for (line,) in cursor.fetchall():
            print(f"    {line}")


def database_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=500_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=BENCH_DATABASE, help="its name on the server")
    parser.add_argument("--keep", action="store_true", help="keep the database; reuse it")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest")
    args = parser.parse_args()
    sizes = Sizes(args.clusters, args.companies, args.records, args.years, args.seed)
    url = bench_database.bench_database_url(args.database)
    reuse = args.keep and holds_sizes(url, sizes)
    if not reuse:
        bench_database.admin_execute(
            url,
            f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)',
            f'CREATE DATABASE "{args.database}"',
        )
    try:
        bench_database.setup_django(url)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.1f} s")
        if reuse:
            print(f"reusing {args.database} as loaded ({database_size()})")
        else:
            seconds = load(sizes)
            print(
                f"loaded {sizes.records:,} records of {sizes.companies:,} companies in "
                f"{sizes.clusters} clusters over {sizes.years} years in {seconds:.1f} s "
                f"({database_size()})"
            )
        # As served: no query log kept (the settings' default is DEBUG on for development).
        settings.DEBUG = False
        report(measure(sizes, args.runs), explain=args.explain)
        connection.close()
    finally:
        if not args.keep:
            bench_database.admin_execute(
                url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'
            )


if __name__ == "__main__":
    main()

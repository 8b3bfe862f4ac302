"""Loads and removes the outcomes demo; `manage.py seed_demo` calls these after the
programs demo (records are attributed to its programs and to the partnering week).

The built-in KPIs and the exchange rates are added where missing. The records are
written once, when no demo company has a record entered on the site or through the
API yet; the import round trip once, when 김해 has no import yet. So a second load
creates nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.core.db_stats import refresh_statistics
from ieum.directory.models import Cluster
from ieum.outcomes.demo import stories
from ieum.outcomes.demo.counted import counted_plans
from ieum.outcomes.demo.import_walk import run_import_walk
from ieum.outcomes.demo.login_story import login_company, login_plans, login_states
from ieum.outcomes.demo.rates import ensure_rates
from ieum.outcomes.demo.series import yearly_plans
from ieum.outcomes.demo.world import Planned, World
from ieum.outcomes.demo.writing import write_plans
from ieum.outcomes.enums import OutcomeKind, RecordSource, VerificationStatus
from ieum.outcomes.kpi_catalog import ensure_builtin_kpis
from ieum.outcomes.models import ExchangeRate, KPIDefinition, OutcomeImport, OutcomeRecord
from ieum.programs.demo.people import platform_admin

SEED = 2025


def load_outcomes_demo(*, now: datetime | None = None) -> Counter[str]:
    """Create whatever outcomes demo data is missing; returns what was created, by kind."""
    now = now or timezone.now()
    today = now.astimezone(SEOUL).date()
    created: Counter[str] = Counter()
    created["KPI definitions"] = len(ensure_builtin_kpis())
    admin = platform_admin()
    clusters = {c.slug: c for c in Cluster.objects.filter(is_demo=True)}
    if admin is None or not clusters:
        return +created
    created["exchange rates"] = ensure_rates(today=today, actor=admin)
    world = World(clusters, admin)
    created["users"] = world.staff_made
    if not _records_loaded():
        rng = random.Random(SEED)
        records = write_plans(_plans(world, rng, today), world=world, today=today, now=now, rng=rng)
        created["outcome records"] = len(records)
        # The dashboards' grouped queries need the planner to know the new rows.
        refresh_statistics(app_label="outcomes")
    staff = (
        world.staff.get(clusters["gimhae-biomedical"].pk)
        if "gimhae-biomedical" in clusters
        else None
    )
    if staff is not None:
        created.update(run_import_walk(staff=staff, now=now))
    return +created


def _records_loaded() -> bool:
    return OutcomeRecord.objects.filter(
        company__is_demo=True, source__in=[RecordSource.FORM, RecordSource.API]
    ).exists()


def _plans(world: World, rng: random.Random, today) -> list[Planned]:
    login = login_company(world)
    if login is not None:
        login.written_by_hand = True
    plans = yearly_plans(world, rng)
    plans += counted_plans(world, rng, today=today)
    plans += stories.exit_plans(world)
    plans += stories.partnering_plans(world, today=today)
    plans += stories.rejected_plans(world, plans, rng)
    if login is not None:
        plans = login_states(plans, login) + login_plans(login)
    return plans


def reset_outcomes_demo() -> Counter[str]:
    """Delete the records of demo companies and the imports of demo clusters; the
    exchange rates and KPI definitions stay (admins may rely on them)."""
    removed: Counter[str] = Counter()
    _total, by_model = OutcomeRecord.objects.filter(company__is_demo=True).delete()
    removed["outcome records"] = by_model.get("outcomes.OutcomeRecord", 0)
    _total, by_model = OutcomeImport.objects.filter(
        Q(cluster__is_demo=True) | Q(uploaded_by__email__iendswith="@demo.ieum.kr")
    ).delete()
    removed["outcome imports"] = by_model.get("outcomes.OutcomeImport", 0)
    return removed


def outcomes_demo_totals() -> dict[str, int]:
    """How much outcomes demo data the database holds now."""
    records = OutcomeRecord.objects.filter(company__is_demo=True)
    statuses = Counter(records.values_list("status", flat=True))
    kinds = Counter(records.values_list("kind", flat=True))
    totals = {"outcome records": records.count()}
    for status in VerificationStatus:
        totals[f"  {status.value}"] = statuses[status.value]
    totals["  confidential"] = records.filter(is_confidential=True).count()
    totals["  imported"] = records.filter(source=RecordSource.IMPORT).count()
    for kind in OutcomeKind:
        totals[f"  {kind.value.replace('_', ' ')}"] = kinds[kind.value]
    totals["outcome imports"] = OutcomeImport.objects.filter(cluster__is_demo=True).count()
    totals["KPI definitions"] = KPIDefinition.objects.count()
    totals["exchange rates"] = ExchangeRate.objects.count()
    return totals

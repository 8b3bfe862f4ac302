"""The dashboard benchmark (benchmarks/outcomes_dashboard.py) still runs: a tiny load
through COPY into the test database, then its three pages timed, as its main() does
on a database of its own."""

import importlib.util
import sys
from pathlib import Path

from ieum.directory.models import ClusterMember
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "outcomes_dashboard.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("outcomes_dashboard", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up while being defined.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_loads_and_times_the_pages_at_a_tiny_size(db, capsys):
    bench = _benchmark()
    sizes = bench.Sizes(clusters=2, companies=20, records=200, years=2)
    bench.load(sizes)

    records = OutcomeRecord.objects.all()
    assert records.count() == 200
    # Every record is attributed to its company's clusters, one or two.
    through = OutcomeRecord.clusters.through.objects
    assert through.values("outcomerecord_id").distinct().count() == 200
    members = {(m.cluster_id, m.organization_id) for m in ClusterMember.objects.all()}
    pairs = through.values_list("cluster_id", "outcomerecord__company_id")
    assert set(pairs) <= members
    statuses = set(records.values_list("status", flat=True))
    assert VerificationStatus.VERIFIED in statuses
    assert records.filter(kind="revenue", amount_krw__gt=0).exists()
    assert records.filter(kind="employment", headcount__gt=0).exists()
    assert set(records.values_list("year", flat=True)) == {sizes.first_year, sizes.last_year}

    figures = bench.measure(sizes, runs=2)
    assert [len(page.seconds) for page in figures] == [2, 2, 2]
    assert all(page.status == 200 and page.queries > 0 for page in figures)
    bench.report(figures, explain=False)
    printed = capsys.readouterr().out
    assert "national dashboard" in printed and "p95" in printed

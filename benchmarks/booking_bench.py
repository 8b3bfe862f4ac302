#!/usr/bin/env python3
"""Benchmark of facility booking against a running server.

  .venv/bin/python benchmarks/booking_bench.py [--clients 16] [--attempts 200]

It makes a database of its own (`ieum_bench`) on the embedded PostgreSQL, or on the
server of DATABASE_URL, migrates it, and serves it with gunicorn on a free port. Then:

1. Race: N clients at once, each with its own API token, POST bookings for random,
   overlapping windows on 5 resources (one of them a bench for 3 at once) over 5 days.
   It prints attempts and bookings per second, latency percentiles, the answers by
   status code, and the overlaps an SQL query finds afterwards, which must be 0.
2. Availability: one resource with 5 years of bookings (about 20,000); it asks for
   random weeks of those years from the availability page and from the API, one
   request at a time, and prints the latency percentiles of each.

Figures depend on the machine; the script prints what it measured, nothing else.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
BENCH_DATABASE = "ieum_bench"


def bench_database_url() -> str:
    from ieum.core.embedded_db import EmbeddedServer

    base = os.environ.get("DATABASE_URL")
    if not base:
        server = EmbeddedServer.from_environment()
        server.start()
        base = server.url()
    return urlunparse(urlparse(base)._replace(path=f"/{BENCH_DATABASE}"))


def recreate_database(url: str) -> None:
    import psycopg

    admin_url = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ieum.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def future_weekdays(count: int) -> list[date]:
    import holidays

    korean = holidays.KR(years=range(date.today().year, date.today().year + 2))
    day, days = date.today() + timedelta(days=14), []
    while len(days) < count:
        if day.weekday() < 5 and day not in korean:
            days.append(day)
        day += timedelta(days=1)
    return days


def make_race_data(clients: int):
    from rest_framework.authtoken.models import Token

    from ieum.accounts.models import Membership, User
    from ieum.directory.models import Cluster, Organization, Term
    from ieum.facilities.models import OpeningHours, Resource

    region = Term.objects.get(vocabulary="region", code="gyeongnam")
    operator = Organization.objects.create(
        kind="cluster_operator", name_ko="벤치 진흥원", slug="bench-operator", region=region
    )
    cluster = Cluster.objects.create(
        name_ko="벤치 클러스터", slug="bench", operator=operator, region=region
    )
    resources = []
    for n in range(5):
        resource = Resource.objects.create(
            cluster=cluster,
            kind="equipment",
            name_ko=f"벤치 장비 {n}",
            requires_approval=False,
            min_notice_minutes=0,
            buffer_minutes=30 if n % 2 else 0,
            capacity=3 if n == 4 else 1,
            rate_external=50_000,
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(resource=resource, weekday=d, opens="09:00", closes="18:00")
            for d in range(5)
        )
        resources.append(resource.pk)
    tokens = []
    for n in range(clients):
        company = Organization.objects.create(
            kind="company", name_ko=f"벤치 기업 {n}", slug=f"bench-company-{n}", region=region
        )
        user = User.objects.create_user(f"bench{n}@example.kr", "bench-password-1")
        Membership.objects.create(user=user, organization=company, role="company_member")
        tokens.append(Token.objects.create(user=user).key)
    return resources, tokens


def make_history(years: int = 5) -> tuple[int, int]:
    """A busy resource: open 08–22 every day, booked most of the time for `years` years."""
    from ieum.accounts.models import User
    from ieum.directory.models import Cluster, Organization
    from ieum.facilities.models import Booking, OpeningHours, Resource
    from ieum.facilities.timeline import SEOUL

    cluster = Cluster.objects.get(slug="bench")
    resource = Resource.objects.create(
        cluster=cluster, kind="equipment", name_ko="5년 이력 장비", max_notice_days=400
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(resource=resource, weekday=d, opens="09:00", closes="18:00") for d in range(5)
    )
    user = User.objects.get(email="bench0@example.kr")
    company = Organization.objects.get(slug="bench-company-0")
    rng = random.Random(5)
    first = date.today() - timedelta(days=365 * years - 180)
    bookings = []
    for offset in range(365 * years):
        day = first + timedelta(days=offset)
        half_hour = 16  # 08:00
        while half_hour < 44:  # 22:00
            length = rng.choice([1, 2, 2, 3, 4])
            if half_hour + length > 44 or rng.random() < 0.1:
                half_hour += 1
                continue
            start = datetime(day.year, day.month, day.day, tzinfo=SEOUL) + timedelta(
                minutes=30 * half_hour
            )
            end = start + timedelta(minutes=30 * length)
            bookings.append(
                Booking(
                    resource=resource,
                    booked_by=user,
                    organization=company,
                    mode="direct_use",
                    status="approved",
                    start=start,
                    end=end,
                    blocked_until=end,
                    user_type="external",
                    hourly_rate_krw=0,
                    fee_krw=0,
                )
            )
            half_hour += length
    Booking.objects.bulk_create(bookings, batch_size=2000)
    return resource.pk, len(bookings)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, workers: int, log) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        IEUM_DEBUG="0",
        IEUM_SECRET_KEY="benchmark-only-secret-key-0123456789",
        IEUM_ALLOWED_HOSTS="127.0.0.1",
    )
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "ieum.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--threads=4",
            "--log-level=warning",
        ],
        env=env,
        cwd=REPO,
        # Refused bookings are logged as warnings; they are the point of the race.
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/v1/resources/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("The server did not start.")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def race(port: int, resources: list[int], tokens: list[str], attempts: int, days: list[date]):
    barrier = threading.Barrier(len(tokens))
    latencies: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()

    def client(index: int) -> None:
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": f"Token {tokens[index]}", "Content-Type": "application/json"}
        barrier.wait()
        for _ in range(attempts):
            day = rng.choice(days)
            start_half_hour = rng.randrange(18 - 4)  # 09:00 .. 15:30
            length = rng.choice([1, 2, 3, 4])  # half hours
            start = datetime(day.year, day.month, day.day, 9) + timedelta(
                minutes=30 * start_half_hour
            )
            end = start + timedelta(minutes=30 * length)
            body = json.dumps(
                {
                    "resource": rng.choice(resources),
                    "start": start.isoformat() + "+09:00",
                    "end": end.isoformat() + "+09:00",
                }
            )
            began = time.perf_counter()
            connection.request("POST", "/api/v1/bookings/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                codes[response.status] = codes.get(response.status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(len(tokens))]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, codes


def count_overlaps(resources: list[int]) -> tuple[int, int]:
    """Pairs of overlapping held times on one-at-a-time resources; the peak on the bench."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
              ON a.resource_id = b.resource_id AND a.id < b.id
             AND tstzrange(a.start, a.blocked_until) && tstzrange(b.start, b.blocked_until)
              JOIN facilities_resource r ON r.id = a.resource_id
             WHERE r.capacity = 1 AND a.resource_id = ANY(%s)
               AND a.status IN ('requested', 'approved') AND b.status IN ('requested', 'approved')
            """,
            [resources],
        )
        overlaps = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT coalesce(max(n), 0) FROM (
              SELECT count(*) AS n FROM facilities_booking a JOIN facilities_booking b
                ON a.resource_id = b.resource_id
               AND b.start <= a.start AND a.start < b.blocked_until
              JOIN facilities_resource r ON r.id = a.resource_id
             WHERE r.capacity > 1 AND a.resource_id = ANY(%s)
               AND a.status IN ('requested', 'approved') AND b.status IN ('requested', 'approved')
             GROUP BY a.id) AS counts
            """,
            [resources],
        )
        peak = cursor.fetchone()[0]
    return overlaps, peak


def time_requests(port: int, paths: list[str]) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    for path in paths:
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        latencies.append(time.perf_counter() - began)
    connection.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--requests", type=int, default=200, help="availability requests each")
    arguments = parser.parse_args()

    url = bench_database_url()
    recreate_database(url)
    setup_django(url)
    resources, tokens = make_race_data(arguments.clients)
    days = future_weekdays(5)
    port = free_port()
    log_path = REPO / "var" / "booking_bench_server.log"
    log = log_path.open("w")
    server = start_server(url, port, arguments.workers, log)
    try:
        seconds, latencies, codes = race(port, resources, tokens, arguments.attempts, days)
        overlaps, peak = count_overlaps(resources)
        total = len(latencies)
        print(
            f"race: {arguments.clients} clients x {arguments.attempts} attempts, 5 resources"
            f" over {len(days)} days, gunicorn {arguments.workers} workers x 4 threads"
        )
        print(f"  answers: {dict(sorted(codes.items()))}")
        print(
            f"  {total / seconds:.0f} attempts/s, {codes.get(201, 0) / seconds:.1f} bookings/s"
            f" over {seconds:.1f} s"
        )
        print(
            f"  latency ms: p50 {percentile(latencies, 0.5) * 1000:.1f}"
            f"  p95 {percentile(latencies, 0.95) * 1000:.1f}"
            f"  max {max(latencies) * 1000:.1f}"
        )
        print(f"  overlaps found afterwards: {overlaps}; peak on the 3-place bench: {peak}")

        resource, booked = make_history()
        rng = random.Random(7)
        today = date.today()
        weeks = [
            today - timedelta(days=rng.randrange(0, 365 * 5 - 180))
            for _ in range(arguments.requests)
        ]
        page_paths = [f"/facilities/r/{resource}/?week={week.isoformat()}" for week in weeks]
        api_paths = [
            f"/api/v1/resources/{resource}/availability/?from={week.isoformat()}T00:00:00%2B09:00"
            f"&to={(week + timedelta(days=7)).isoformat()}T00:00:00%2B09:00"
            for week in weeks
        ]
        for name, paths in [("page", page_paths), ("API", api_paths)]:
            time_requests(port, paths[:10])  # warm up the workers
            latencies = time_requests(port, paths)
            print(
                f"availability {name}, resource with {booked} bookings over 5 years, one week,"
                f" {len(paths)} requests: p50 {statistics.median(latencies) * 1000:.1f} ms"
                f"  p95 {percentile(latencies, 0.95) * 1000:.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()

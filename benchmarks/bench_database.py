"""A throwaway database for the benchmarks that measure the Django side: on the server
of DATABASE_URL, or on the embedded PostgreSQL when DATABASE_URL is not set."""

from __future__ import annotations

import os
from urllib.parse import urlparse, urlunparse


def bench_database_url(name: str) -> str:
    from ieum.core.embedded_db import EmbeddedServer

    base = os.environ.get("DATABASE_URL")
    if not base:
        server = EmbeddedServer.from_environment()
        server.start()
        base = server.url()
    return urlunparse(urlparse(base)._replace(path=f"/{name}"))


def admin_execute(url: str, *statements: str) -> None:
    """Run statements on the server's maintenance database (CREATE/DROP DATABASE)."""
    import psycopg

    admin_url = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def setup_django(url: str) -> None:
    """Point Django at `url` and set it up (the caller migrates)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ieum.settings")
    import django

    django.setup()

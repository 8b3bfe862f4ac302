"""Test set-up: a real PostgreSQL, the embedded one unless DATABASE_URL names another."""

import os

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL"):
        from ieum.core.embedded_db import EmbeddedServer

        EmbeddedServer.from_environment().start()


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    # Tests send e-mail to memory and never wait on password hashing.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english(client):
    """Messages and pages in English: the active language and the switch's cookie."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    # Request attachments (demo data included) go to a temporary directory, not var/.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _clean_slate(db):
    from axes.models import AccessAttempt

    from ieum.directory.models import Term
    from ieum.outcomes.kpi_catalog import ensure_builtin_kpis
    from ieum.outcomes.models import KPIDefinition
    from tests.factories import load_vocabularies

    AccessAttempt.objects.all().delete()
    # A transactional test empties every table, what migrations load too: the
    # vocabularies and the built-in KPIs. Every test starts with both.
    if not Term.objects.exists():
        load_vocabularies()
    if not KPIDefinition.objects.filter(is_builtin=True).exists():
        ensure_builtin_kpis()
    # The worker's queue lives in tables Django does not manage, so a transactional
    # test's flush leaves the jobs an earlier test queued; start every test with none.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_periodic_defers")
        cursor.execute("DELETE FROM procrastinate_jobs")

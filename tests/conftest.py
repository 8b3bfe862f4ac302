"""Test set-up: a real PostgreSQL, the embedded one unless DATABASE_URL names another."""

import os

import pytest


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL"):
        from ieum.core.embedded_db import EmbeddedServer

        EmbeddedServer.from_environment().start()


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    # Tests send e-mail to memory and never wait on password hashing.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clean_slate(db):
    from axes.models import AccessAttempt

    from ieum.directory.models import Term
    from tests.factories import load_vocabularies

    AccessAttempt.objects.all().delete()
    # A transactional test empties every table, the vocabularies of migrations too.
    if not Term.objects.exists():
        load_vocabularies()

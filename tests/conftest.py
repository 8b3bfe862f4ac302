"""Test set-up: a real PostgreSQL, the embedded one unless DATABASE_URL names another."""

import os

import pytest


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL"):
        from ieum.core.embedded_db import EmbeddedServer

        EmbeddedServer.from_environment().start()


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    # Tests send e-mail to memory and never wait on password hashing.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reset_login_lockouts(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()

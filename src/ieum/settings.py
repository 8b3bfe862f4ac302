"""Django settings of Ieum.

Everything that differs between a laptop, CI and production comes from the
environment: DATABASE_URL (else the embedded server), IEUM_SECRET_KEY, IEUM_DEBUG,
IEUM_ALLOWED_HOSTS, IEUM_EMAIL_URL-style SMTP settings.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ieum.core.embedded_db import EmbeddedServer, project_root

BASE_DIR = Path(__file__).resolve().parent
ROOT_DIR = project_root()


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("IEUM_DEBUG", True)
SECRET_KEY = os.environ.get("IEUM_SECRET_KEY") or (
    "dev-only-insecure-key-change-me" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("IEUM_SECRET_KEY must be set when IEUM_DEBUG is off.")
ALLOWED_HOSTS = os.environ.get("IEUM_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    # The background worker (`ieum procrastinate worker`): jobs live in PostgreSQL and
    # each app's `tasks` module is found on its own.
    "procrastinate.contrib.django",
    "ieum.core",
    "ieum.accounts",
    "ieum.directory",
    "ieum.facilities",
    "ieum.partnering",
    "ieum.linkage",
    "ieum.programs",
    "ieum.outcomes",
    "ieum.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ieum.core.middleware.KoreanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ieum.urls"
WSGI_APPLICATION = "ieum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

# One database, PostgreSQL, everywhere: DATABASE_URL when given, else the embedded one.
DATABASE_URL = os.environ.get("DATABASE_URL") or EmbeddedServer.from_environment().url()
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# Each test run gets its own database, so runs that overlap on one server never collide.
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("IEUM_TEST_DATABASE") or f"test_ieum_{os.getpid()}"
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "home"

# Login attempts: five failures for one e-mail address from one address lock it for 15
# minutes; the lockout page is ours and translated.
AXES_FAILURE_LIMIT = int(os.environ.get("IEUM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ROOT_DIR / "var" / "static"
NODE_MODULES = ROOT_DIR / "node_modules"
# Front-end packages come from the npm registry at set-up (see package.json) and are
# served from here; nothing third-party is copied into the repository.
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pretendard", NODE_MODULES / "pretendard" / "dist" / "web" / "variable"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = ROOT_DIR / "var" / "media"
MEDIA_URL = "/media/"
# Files only some people may read (request attachments): outside the web root, served
# by views that check permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("IEUM_PRIVATE_MEDIA_ROOT") or ROOT_DIR / "var" / "private")

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: printed to the console in development, SMTP when a host is configured.
EMAIL_HOST = os.environ.get("IEUM_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("IEUM_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("IEUM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("IEUM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("IEUM_EMAIL_TLS", True)
IEUM_SITE_URL = os.environ.get("IEUM_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("IEUM_FROM_EMAIL", "Ieum <no-reply@ieum.example>")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# A strict Content-Security-Policy: every script, style and font is served from here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ieum.api.errors.handle_api_exception",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ieum API",
    "DESCRIPTION": "The REST API of Ieum, the bio-health cluster network platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `kind` or `status` of their own: one named enum each.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "ieum.partnering.enums.EventKind",
        "EventStatusEnum": "ieum.partnering.enums.EventStatus",
        "PartyKindEnum": "ieum.partnering.enums.PartyKind",
        "LocationKindEnum": "ieum.partnering.enums.LocationKind",
        "ProposalStatusEnum": "ieum.partnering.enums.ProposalStatus",
        "RequestStatusEnum": "ieum.partnering.enums.RequestStatus",
        "MeetingStatusEnum": "ieum.partnering.enums.MeetingStatus",
        "PriorityEnum": "ieum.partnering.enums.Priority",
        "ServiceRequestStatusEnum": "ieum.linkage.enums.RequestStatus",
        "ProgramKindEnum": "ieum.programs.enums.ProgramKind",
        "CallStatusEnum": "ieum.programs.enums.CallStatus",
        "QuestionKindEnum": "ieum.programs.enums.QuestionKind",
        "StageKindEnum": "ieum.programs.enums.StageKind",
        "ApplicationStatusEnum": "ieum.programs.enums.ApplicationStatus",
        "AssignmentStatusEnum": "ieum.programs.enums.AssignmentStatus",
        "ConflictKindEnum": "ieum.programs.enums.ConflictKind",
        "SupportStatusEnum": "ieum.programs.enums.SupportStatus",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

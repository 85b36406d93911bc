"""Settings come from the environment; production refuses unsafe ones."""

import os
import subprocess
import sys

from django.conf import settings

BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    "DJANGO_SETTINGS_MODULE": "citiesofmigration.settings",
}


def load_settings(**env):
    """Import the settings in a fresh interpreter with exactly this environment."""
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = load_settings(DEBUG="0", SECRET_KEY="short")
    assert result.returncode != 0
    assert "long random value" in result.stderr


def test_local_development_runs_without_a_secret_key():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_database_connections_are_persistent_and_health_checked():
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_email_url_configures_smtp_with_tls():
    from citiesofmigration.email_url import parse_email_url

    parsed = parse_email_url("smtp://mailer:p%40ss@mail.example.org:587/?tls=1")
    assert parsed["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert parsed["EMAIL_HOST"] == "mail.example.org" and parsed["EMAIL_PORT"] == 587
    assert parsed["EMAIL_HOST_PASSWORD"] == "p@ss" and parsed["EMAIL_USE_TLS"] is True


def test_an_unknown_email_scheme_is_refused_with_the_choices():
    result = load_settings(DEBUG="1", EMAIL_URL="carrier-pigeon://coop")
    assert result.returncode != 0
    assert "EMAIL_URL scheme 'carrier-pigeon'" in result.stderr

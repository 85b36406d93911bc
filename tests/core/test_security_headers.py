"""Security headers on real responses, with the settings production loads (pytest runs
with DEBUG=0 and the environment of the README's test command)."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as loaded_settings

from tests.factories import EventFactory, GoodIdeaFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def pages(themes):
    return {
        "home": "/en/",
        "good idea": GoodIdeaFactory().get_absolute_url(),
        "event": EventFactory().get_absolute_url(),
        "admin login": "/admin/login/",
        "not found": "/no-such-page/",
    }


def test_every_page_forbids_inline_script_and_style(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        csp = policy(response)
        for directive in ("script-src", "style-src"):
            assert "'self'" in csp[directive], name
            assert "'unsafe-inline'" not in csp[directive], name
            assert "'unsafe-eval'" not in csp[directive], name
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["img-src"] == ["'self'", "data:"]


def test_structured_data_carries_the_nonce_of_its_response(client, themes):
    response = client.get(GoodIdeaFactory().get_absolute_url())
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', response.text)
    assert nonce, "the JSON-LD block has no nonce"
    assert f"'nonce-{nonce.group(1)}'" in policy(response)["script-src"]
    # A new response, a new nonce.
    again = client.get(GoodIdeaFactory().get_absolute_url())
    assert f"'nonce-{nonce.group(1)}'" not in policy(again)["script-src"]


def test_pages_without_structured_data_allow_no_nonce(client):
    assert policy(client.get("/en/about/"))["script-src"] == ["'self'"]


def test_the_other_security_headers(client):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_static_files_carry_the_headers_too(client):
    response = client.get("/static/css/site.css")
    response.close()  # a file response: close it, we only read its headers
    assert response.status_code == 200
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/")
    secure = client.get("/en/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_with_no_proxy_a_forwarded_proto_header_does_not_make_a_request_secure(client, settings):
    # The settings as loaded from the environment: no proxy, so no SECURE_PROXY_SSL_HEADER.
    assert loaded_settings.TRUSTED_PROXY_COUNT == 0
    assert loaded_settings.SECURE_PROXY_SSL_HEADER is None
    settings.SECURE_SSL_REDIRECT = True
    forged = client.get("/en/about/", HTTP_X_FORWARDED_PROTO="https")
    # Still plain HTTP: redirected to https, and no HSTS on a plain response.
    assert forged.status_code == 301 and forged["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in forged

    # Control: had the header been believed (as with a proxy), the same request would be
    # served as secure. This shows the assertions above can fail.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    believed = client.get("/en/about/", HTTP_X_FORWARDED_PROTO="https")
    assert believed.status_code == 200 and "Strict-Transport-Security" in believed


def proxy_ssl_header_loaded_with(**env) -> str:
    """SECURE_PROXY_SSL_HEADER as a fresh interpreter loads it from this environment
    (settings are read once, at import)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        ],
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "citiesofmigration.settings",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            "DEBUG": "0",
            "SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789",
            **env,
        },
        capture_output=True,
        text=True,
        cwd=loaded_settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_forwarded_proto_is_believed_only_when_a_proxy_count_is_configured():
    assert proxy_ssl_header_loaded_with(TRUSTED_PROXY_COUNT="0") == "None"
    assert proxy_ssl_header_loaded_with(TRUSTED_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )

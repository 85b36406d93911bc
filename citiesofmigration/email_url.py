"""EMAIL_URL -> Django e-mail settings, e.g. ``smtp://user:pass@mail.example:587/?tls=1``.

Schemes: smtp (``?tls=1`` or ``?ssl=1``), smtps (implicit TLS), console, locmem, dummy.
Written here because the maintained parsers predate Django's locmem backend.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def _truthy(values):
    return bool(values) and values[0].lower() in {"1", "true", "yes", "on"}


def parse_email_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of: {', '.join(sorted(BACKENDS))}"
        )
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": BACKENDS[parts.scheme],
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": _truthy(query.get("tls")),
        "EMAIL_USE_SSL": parts.scheme == "smtps" or _truthy(query.get("ssl")),
    }

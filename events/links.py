"""Absolute links in e-mails and calendar files, and the signed link with which a
registrant manages their registration.

The manage link carries the registration's id and its random ``manage_key``, signed with
the site's secret key and a salt of its own: changing a character makes it fail, and
a new key (after anonymisation) makes every earlier link stop working."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.models import Registration

MANAGE_SALT = "events.registration.manage"
MAX_TOKEN_LENGTH = 200


class ManageLinkError(Exception):
    """The link was tampered with, or names a registration that no longer exists."""


class ManageLinkExpired(ManageLinkError):
    pass


def manage_link_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "EVENTS_MANAGE_LINK_MAX_AGE_DAYS", 400))


def site_url(base_url: str | None = None) -> str:
    """Where the site answers, for links in e-mails: the request's own address when
    there is one, else settings.SITE_URL (cron jobs, the worker)."""
    url = base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return url.rstrip("/")


def site_domain(base_url: str | None = None) -> str:
    return urlsplit(site_url(base_url)).hostname or "localhost"


def absolute(path: str, base_url: str | None = None) -> str:
    return f"{site_url(base_url)}{path}"


def manage_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "k": registration.manage_key}, salt=MANAGE_SALT)


def manage_path(registration: Registration) -> str:
    return reverse("events:manage", kwargs={"token": manage_token(registration)})


def manage_url(registration: Registration, base_url: str | None = None) -> str:
    return absolute(manage_path(registration), base_url)


def registration_from_token(token: str) -> Registration:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise ManageLinkError("malformed")
    try:
        data = signing.loads(token, salt=MANAGE_SALT, max_age=manage_link_max_age())
    except signing.SignatureExpired as error:
        raise ManageLinkExpired("expired") from error
    except signing.BadSignature as error:
        raise ManageLinkError("bad signature") from error
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise ManageLinkError("malformed")
    registration = Registration.objects.select_related("event").filter(pk=data["r"]).first()
    if registration is None:
        raise ManageLinkError("unknown registration")
    if registration.anonymised_at is not None:
        raise ManageLinkExpired("anonymised")
    if not signing.constant_time_compare(registration.manage_key, str(data.get("k", ""))):
        raise ManageLinkError("wrong key")
    return registration

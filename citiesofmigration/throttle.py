"""Rate limits for public forms (Good Idea submissions, comments, sign-ups), shared by
every app and stored in the database so that they hold across server processes."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from citiesofmigration.models import FormSubmissionLog

# Old rows are useless once outside every window; they are pruned as we go.
KEEP_FOR = timedelta(days=1)


def client_address(request) -> str:
    """The client's address. X-Forwarded-For is written by the client itself except for
    the entries our own proxies append, so only those (TRUSTED_PROXY_COUNT from the right)
    are believed; with no proxy configured, only REMOTE_ADDR."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def allow(request, scope: str, *, limit: int, window: timedelta) -> bool:
    """Record this attempt and say whether it is within ``limit`` per ``window``."""
    key = client_hash(request)
    now = timezone.now()
    FormSubmissionLog.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    recent = FormSubmissionLog.objects.filter(
        scope=scope, client_hash=key, created_at__gte=now - window
    ).count()
    if recent >= limit:
        return False
    FormSubmissionLog.objects.create(scope=scope, client_hash=key)
    return True

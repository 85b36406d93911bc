"""Rate limits for public forms (Good Idea submissions, comments, sign-ups), shared by
every app and stored in the database so that they hold across server processes."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from citiesofmigration.models import FormSubmissionLog

# Old rows are useless once outside every window; they are pruned as we go.
KEEP_FOR = timedelta(days=1)

# Count-then-insert is a race: a burst of simultaneous requests all count the same rows
# and all get in. A transaction-scoped advisory lock per (scope, client) makes the count
# and the insert one step for that client, without blocking anyone else. Only the
# concurrency test turns it off, to show that its harness sees the race. Never elsewhere.
LOCK_COUNT_AND_INSERT = True


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


def advisory_lock_key(scope: str, key: str) -> int:
    """A signed 64-bit number for pg_advisory_xact_lock, the same for one scope and client
    in every process (Python's hash() is salted per process, so it cannot serve)."""
    digest = hashlib.sha256(f"throttle:{scope}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def allow(request, scope: str, *, limit: int, window: timedelta) -> bool:
    """Record this attempt and say whether it is within ``limit`` per ``window``."""
    key = client_hash(request)
    # Pruned outside the locked transaction: its row locks on other clients' rows are
    # then not held while this client's lock is.
    FormSubmissionLog.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    with transaction.atomic():
        if LOCK_COUNT_AND_INSERT:
            # Held until this transaction ends (the request's, if one is open), so a
            # second request from the same client counts only after this row is in.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [advisory_lock_key(scope, key)])
        recent = FormSubmissionLog.objects.filter(
            scope=scope, client_hash=key, created_at__gte=timezone.now() - window
        ).count()
        if recent >= limit:
            return False
        FormSubmissionLog.objects.create(scope=scope, client_hash=key)
        return True

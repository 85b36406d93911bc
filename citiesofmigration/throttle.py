"""Rate limits for public forms (Good Idea submissions, comments, sign-ups), shared by
every app and stored in the database so that they hold across server processes."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from citiesofmigration.models import FormSubmissionLog

# Old rows are useless once outside every window; they are pruned as we go.
KEEP_FOR = timedelta(days=1)


def client_hash(request) -> str:
    # Behind a proxy the real client is the first X-Forwarded-For entry.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
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

"""E-mail through the background worker, for every app.

``queue_email(...)`` stores a task row in the *current* transaction: if the transaction
rolls back, nothing is sent; once it commits, ``manage.py db_worker`` sends it. A web
request never waits on SMTP. When sending fails (SMTP down), the task schedules another
attempt with a growing delay, so nothing is lost; after MAX_ATTEMPTS it is logged as failed
and stays visible in the admin's task list.

Tests run queued tasks with ``call_command("db_worker", batch=True, no_startup_delay=True)``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** (attempt - 1), 60))


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[dict] | None = None,
    headers: dict | None = None,
    attempt: int = 1,
) -> bool:
    """Send one e-mail. ``attachments``: dicts with filename, content (text), mimetype."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception:  # any transport failure: try again later, never lose the message
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Giving up on e-mail %r to %s after %d attempts", subject, to, attempt)
            raise
        logger.warning("E-mail %r to %s failed (attempt %d); will retry", subject, to, attempt)
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            subject=subject,
            body=body,
            to=to,
            html=html,
            attachments=attachments,
            headers=headers,
            attempt=attempt + 1,
        )
        return False
    return True


def queue_email(*, subject, body, to, html="", attachments=None, headers=None):
    """Queue an e-mail in the current transaction (see the module docstring)."""
    # Header injection is impossible through Django's mail API, but a subject must be one line.
    subject = " ".join(subject.split())
    return send_email.enqueue(
        subject=subject, body=body, to=list(to), html=html, attachments=attachments, headers=headers
    )

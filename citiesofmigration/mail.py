"""E-mail through the background worker, for every app.

``queue_email(...)`` stores a task row in the *current* transaction: if the transaction
rolls back, nothing is sent; once it commits, the worker (``manage.py run_worker``) sends
it. A web request never waits on SMTP.

Retries. When SMTP fails, the task queues another attempt after a growing delay (1, 2, 4 …
minutes, then hourly): MAX_ATTEMPTS attempts span a little over a day of SMTP outage.
Each attempt carries the previous one's error. After the last one the task fails; failed
and waiting e-mails are listed for editors in the admin ("E-mails"), where they can be sent
again at once.

Exactly once. Every queued e-mail gets an idempotency key (also its Message-ID). Sending
inserts the key into ``SentEmail`` in a transaction that stays open while the message goes
to SMTP and commits once the server has accepted it (before the SMTP session is closed).
A second run with the same key (the worker was killed after sending, the task was run
again) finds the key and skips the send; two workers racing on one key wait on the row
lock, and the second one skips. If the database goes away while SMTP is accepting the
message, the commit fails: the worker then records the key again as soon as the database
answers (``record_key_when_possible``), before the task can run again.

The window that remains, honestly: if the worker *process* dies after the SMTP server has
accepted the message and before the key is committed (normally milliseconds; longer only
while it waits for a database that is down), the key is lost and the retry sends the
e-mail a second time, with the same Message-ID, which many mail clients fold into one. The
same holds if SMTP accepted the message but the connection broke before its "250 OK"
reached us. Closing that gap would need the SMTP server to take part in the transaction,
which SMTP cannot do.

Personal data: the recipients, subject and body live only in the task row's arguments
(``DBTaskResult.args_kwargs["kwargs"]``), where the privacy service finds and erases them;
``SentEmail`` holds only the random key and a time.

Tests run queued tasks with ``tests.tasks.run_tasks()``.
"""

import logging
import re
import time
import uuid
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import task

from citiesofmigration.background import RETRY_SCHEDULED, SentEmail

logger = logging.getLogger(__name__)

# 1, 2, 4, 8, 16, 32 minutes, then hourly: 31 attempts span 24 h 3 min of SMTP outage.
MAX_ATTEMPTS = 31
SENT = "sent"
ALREADY_SENT = "already sent"
LAST_ERROR_LENGTH = 500
# How long a worker holding a sent e-mail's key waits for the database to record it.
KEY_RECORD_PATIENCE = timedelta(hours=1)


# Any whitespace (line breaks included) except the non-breaking spaces.
_BREAKABLE_SPACE = re.compile(r"[^\S\xa0\u202f]+")


class EmailGaveUp(Exception):
    """The last attempt failed too: the e-mail stays in the admin as failed."""


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** (attempt - 1), 60))


def total_retry_span() -> timedelta:
    """How long an SMTP outage may last before an e-mail is given up."""
    return sum((retry_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)), timedelta())


def new_key() -> str:
    return uuid.uuid4().hex


def message_id(key: str) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{key}@{domain}>"


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:LAST_ERROR_LENGTH]


def _claim_key(key: str) -> bool:
    """Record ``key`` in the current transaction; False when it was already sent. Waits on
    another transaction that holds the same key uncommitted (a racing worker)."""
    table = connection.ops.quote_name(SentEmail._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, sent_at) VALUES (%s, now()) "  # noqa: S608 - table name from the model
            "ON CONFLICT (key) DO NOTHING RETURNING key",
            [key],
        )
        return cursor.fetchone() is not None


def deliver_once(message, key: str) -> str:
    """Send ``message`` unless ``key`` was sent before (see the module docstring)."""
    smtp = get_connection()
    smtp.open()  # connect before taking the key, so a refused connection holds nothing
    accepted = False
    try:
        try:
            with transaction.atomic():
                if key and not _claim_key(key):
                    return ALREADY_SENT
                smtp.send_messages([message])
                accepted = True
        except DatabaseError:
            if not (accepted and key):
                raise  # nothing was sent: the worker runs the task again later
            # SMTP took the message but the database went away before the key was
            # committed: without the key, the task's next run would send it again.
            record_key_when_possible(key)
        # The key is committed; only now say goodbye to the server (QUIT).
    finally:
        try:
            smtp.close()
        except Exception:  # the message is accepted; a failed QUIT changes nothing
            logger.warning("Closing the SMTP connection failed after e-mail %s", key)
    return SENT


def record_key_when_possible(key: str) -> None:
    """Record a sent e-mail's key, waiting for the database (up to KEY_RECORD_PATIENCE)."""
    deadline = time.monotonic() + KEY_RECORD_PATIENCE.total_seconds()
    pause = 0.5
    while True:
        connection.close()  # the broken connection; the next query opens a new one
        try:
            SentEmail.objects.get_or_create(key=key)
        except DatabaseError as error:
            if time.monotonic() > deadline:
                logger.error("E-mail %s was sent but its key could not be recorded", key)
                raise
            logger.warning("E-mail %s sent; waiting for the database to record it (%s)", key, error)
            time.sleep(pause)
            pause = min(pause * 2, 30)
        else:
            return


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
    key: str = "",
    last_error: str = "",
) -> str:
    """Send one e-mail. ``attachments``: dicts with filename, content (text), mimetype.
    ``key``: the idempotency key (rows queued before keys existed have none)."""
    headers = dict(headers or {})
    if key:
        headers.setdefault("Message-ID", message_id(key))
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        return deliver_once(message, key)
    except DatabaseError:
        # Not an SMTP problem: the worker waits for the database and runs this task again.
        raise
    except Exception as error:  # any transport failure: try again later, never lose the message
        # Logged by key, not address: logs are kept longer than the task rows.
        if attempt >= MAX_ATTEMPTS:
            logger.error("Giving up on e-mail %s after %d attempts: %s", key, attempt, error)
            raise EmailGaveUp(
                f"Not sent after {attempt} attempts over {total_retry_span()}: {describe(error)}"
            ) from error
        logger.warning("E-mail %s failed (attempt %d): %s; will retry", key, attempt, error)
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            subject=subject,
            body=body,
            to=to,
            html=html,
            attachments=attachments,
            headers=headers,
            attempt=attempt + 1,
            key=key,
            last_error=describe(error),
        )
        return RETRY_SCHEDULED


def queue_email(*, subject, body, to, html="", attachments=None, headers=None):
    """Queue an e-mail in the current transaction (see the module docstring)."""
    # Header injection is impossible through Django's mail API, but a subject must be one
    # line. Non-breaking spaces stay (French writes "Demain\xa0: …").
    subject = " ".join(_BREAKABLE_SPACE.split(str(subject))).strip()
    return send_email.enqueue(
        subject=subject,
        body=body,
        to=list(to),
        html=html,
        attachments=attachments,
        headers=headers,
        key=new_key(),
    )


def retry_now(email) -> bool:
    """Send a waiting or failed e-mail (a ``background.Email``) at the next chance, with a
    fresh set of attempts. Returns False for one that is being sent or was sent."""
    if email.status == "READY":
        type(email).objects.filter(pk=email.pk, status="READY").update(run_after=timezone.now())
        return True
    if email.status != "FAILED":
        return False
    kwargs = dict(email.message)
    kwargs["attempt"] = 1
    kwargs.setdefault("key", new_key())
    kwargs["last_error"] = email.last_error
    with transaction.atomic():
        send_email.enqueue(**kwargs)
        # The new row carries everything the failed one held (addresses included).
        email.delete()
    return True

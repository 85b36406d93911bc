"""The tables the background worker keeps beside django_tasks_db's task table.

- ``WorkerHeartbeat``: one row per worker process, touched every few seconds while it
  lives. A running task whose worker has not been seen for a lease is put back in the
  queue (``citiesofmigration.worker``); ``/healthz/worker`` reports the last time any
  worker was seen.
- ``SentEmail``: the idempotency key of every e-mail handed to SMTP, so that a retry after
  a crash does not send it twice (``citiesofmigration.mail``). It holds a random key and a
  time, never an address.
- ``Email``: the task table seen as e-mails, for the editors' admin list of waiting and
  failed e-mails (a proxy: no table of its own).

Imported by ``citiesofmigration.models`` so that Django finds these models.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

# The dotted path under which django_tasks_db stores e-mail tasks (mail.send_email).
SEND_EMAIL_TASK_PATH = "citiesofmigration.mail.send_email"
# What send_email returns when it has handed the message to a later attempt.
RETRY_SCHEDULED = "retry scheduled"


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class SentEmail(models.Model):
    key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent e-mail key")
        verbose_name_plural = _("sent e-mail keys")

    def __str__(self):
        return self.key


class EmailQuerySet(DBTaskResultQuerySet):
    def current(self):
        """Every e-mail once: a failed attempt that handed over to a retry is left out,
        the retry (waiting, sent or failed) stands for it."""
        return self.filter(task_path=SEND_EMAIL_TASK_PATH).exclude(
            Q(status="SUCCESSFUL") & Q(return_value=RETRY_SCHEDULED)
        )


class Email(DBTaskResult):
    objects = EmailQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-enqueued_at"]

    @property
    def message(self) -> dict:
        return self.args_kwargs.get("kwargs", {})

    @property
    def attempts(self) -> int:
        return self.message.get("attempt", 1)

    @property
    def last_error(self) -> str:
        """The error that gave up the e-mail, or the one that led to this attempt."""
        if self.status == "FAILED" and self.traceback:
            return self.traceback.strip().splitlines()[-1]
        return self.message.get("last_error", "")

"""The background worker that outlives faults (``manage.py run_worker``).

django_tasks_db's stock ``db_worker`` claims a task by marking it RUNNING and then runs
it. Two faults stop it for good: any database error outside a task (the server restarts,
the connection is refused) ends the process, and a task whose worker was killed stays
RUNNING for ever. This worker keeps the stock claiming (``SELECT … FOR UPDATE SKIP
LOCKED``, then RUNNING with the worker's id) and adds:

- Database outages: a database error in the loop is logged, every connection is closed,
  and the worker waits (1, 2, 4 … seconds, at most ``MAX_OUTAGE_PAUSE``) and tries again;
  it never exits because of one. A task interrupted by the outage (the database vanished
  under it) is put back in the queue once the database answers.
- Heartbeats and a lease: a thread touches the worker's ``WorkerHeartbeat`` row every
  ``lease / 4`` seconds, while a task runs too. A RUNNING task whose worker has not been
  seen for ``WORKER_LEASE_SECONDS`` (and that started longer ago than that) was abandoned,
  e.g. by ``kill -9`` or a lost machine: any worker puts it back to READY. A task abandoned
  ``MAX_CLAIMS`` times fails instead (it may be what kills its workers).

Running a task twice is therefore possible (a worker cut off from the database for longer
than the lease, yet alive, finishes a task someone else re-ran); tasks must tolerate it.
E-mails do, through their idempotency key (``citiesofmigration.mail``); text extraction
writes the same text again. Run only this worker against the task table: the stock
``db_worker`` writes no heartbeats, so its long tasks would look abandoned.
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, connections, transaction
from django.db.models import Case, Count, F, Max, Min, When
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from citiesofmigration.background import Email, SentEmail, WorkerHeartbeat

logger = logging.getLogger(__name__)

MAX_OUTAGE_PAUSE = 30  # seconds between attempts to reach a database that is down
MAX_CLAIMS = 5  # a task abandoned this often fails instead of being queued again
# Heartbeats of workers gone this long, and e-mail keys older than any retry, are removed.
KEEP_HEARTBEATS = timedelta(days=7)
KEEP_SENT_KEYS = timedelta(days=30)
# Waiting this long with a worker alive means the queue is stuck behind something.
QUEUE_BACKLOG_LIMIT = timedelta(minutes=15)


class WorkerVanished(Exception):
    """Recorded on a task whose workers kept disappearing while running it."""


def lease() -> timedelta:
    return timedelta(seconds=settings.WORKER_LEASE_SECONDS)


def database_answers() -> bool:
    try:
        connection.ensure_connection()
        return connection.is_usable()
    except DatabaseError:
        return False


def requeue_abandoned_tasks(*, own_worker_id: str | None = None) -> int:
    """Put RUNNING tasks whose worker is gone back in the queue; returns how many.

    ``own_worker_id``: the caller's id, when it calls between two tasks; a task still
    RUNNING under that id was interrupted by a database outage and is taken back at once.
    """
    now = timezone.now()
    cutoff = now - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    alive.discard(own_worker_id)
    requeued = 0
    with transaction.atomic():
        for task in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            owner = task.worker_ids[-1] if task.worker_ids else None
            if owner != own_worker_id and (
                owner in alive or (task.started_at and task.started_at > cutoff)
            ):
                continue  # its worker lives, or it was claimed too recently to tell
            if len(task.worker_ids) >= MAX_CLAIMS:
                logger.error("Task %s (%s) lost its worker %d times; failing it",
                             task.id, task.task_path, len(task.worker_ids))  # fmt: skip
                task.set_failed(WorkerVanished(f"Its worker vanished {len(task.worker_ids)} times"))
                continue
            logger.warning("Task %s (%s) was abandoned by worker %s; queued again",
                           task.id, task.task_path, owner)  # fmt: skip
            task.status = "READY"
            task.save(update_fields=["status"])
            requeued += 1
    return requeued


def remove_old_records() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.filter(last_seen__lt=now - KEEP_HEARTBEATS).delete()
    SentEmail.objects.filter(sent_at__lt=now - KEEP_SENT_KEYS).delete()


class Heartbeat(threading.Thread):
    """Touches the worker's row every ``interval`` seconds, on its own connection."""

    def __init__(self, worker_id: str, interval: float):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def beat(self) -> None:
        try:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={
                    "last_seen": timezone.now(),
                    "hostname": socket.gethostname()[:255],
                    "pid": os.getpid(),
                },
            )
        except DatabaseError as error:  # the main loop reports outages; just try again
            logger.debug("Heartbeat not recorded: %s", error)
            connection.close()
        else:
            connection.close_if_unusable_or_obsolete()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.beat()
            self.stopped.wait(self.interval)
        connection.close()


class Backoff:
    """1, 2, 4 … seconds, at most ``cap``."""

    def __init__(self, cap: float = MAX_OUTAGE_PAUSE):
        self.cap = cap
        self.failures = 0

    def next_pause(self) -> float:
        self.failures += 1
        return min(2 ** (self.failures - 1), self.cap)


class ResilientWorker(Worker):
    def __init__(self, **options):
        super().__init__(**options)
        self.lease_seconds = settings.WORKER_LEASE_SECONDS
        self.heartbeat = Heartbeat(self.worker_id, interval=max(self.lease_seconds / 4, 0.5))
        self.next_housekeeping = 0.0

    def run(self) -> None:
        logger.info("Starting worker %s (lease %s s)", self.worker_id, self.lease_seconds)
        self.heartbeat.start()
        outage = Backoff()
        try:
            while self.running:
                try:
                    outcome = self.step()
                except DatabaseError as error:
                    pause = outage.next_pause()
                    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    logger.warning("Database unavailable (%s: %s); trying again in %s s",
                                   type(error).__name__, first_line, pause)  # fmt: skip
                    connections.close_all()
                    self.next_housekeeping = 0.0  # take back what the outage interrupted
                    if self.running:
                        time.sleep(pause)
                    continue
                if outage.failures:
                    logger.warning("Database answers again after %d failed attempts",
                                   outage.failures)  # fmt: skip
                    outage = Backoff()
                if outcome == "done":
                    return
                if outcome == "idle" and self.running:
                    time.sleep(self.interval)
        finally:
            self.heartbeat.stopped.set()

    def step(self) -> str:
        """Claim and run one task: "ran", "idle" (nothing to do) or "done" (stop)."""
        close_old_connections()
        if time.monotonic() >= self.next_housekeeping:
            requeue_abandoned_tasks(own_worker_id=self.worker_id)
            remove_old_records()
            self.next_housekeeping = time.monotonic() + max(self.lease_seconds / 2, 1)
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with transaction.atomic(using=tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return "done" if self.batch else "idle"
        self.run_task(task_result)
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return "done"
        return "ran"

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """The stock run_task, except that a task cut off from the database is not marked
        failed: the error goes to ``run``, which waits, then the task is queued again."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            sender = type(task.get_backend())
            task_started.send(sender=sender, task_result=task_result)
            if task.takes_context:
                context = TaskContext(task_result=task_result)
                value = task.call(context, *task_result.args, **task_result.kwargs)
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=sender, task_result=db_task_result.task_result)
        except BaseException as error:
            if isinstance(error, DatabaseError) and not database_answers():
                raise  # the database went away under the task: run() waits, then requeues it
            db_task_result.set_failed(error)
            logger.exception("Task %s (%s) failed", db_task_result.id, db_task_result.task_path)
            try:
                task_finished.send(
                    sender=type(db_task_result.task.get_backend()),
                    task_result=db_task_result.task_result,
                )
            except Exception:  # the task's module is gone; the failure is recorded anyway
                logger.debug("task_finished not sent for %s", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1


def queue_health() -> dict:
    """What ``/healthz/worker`` reports: counts and ages only, no addresses."""
    now = timezone.now()
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    waiting = DBTaskResult.objects.ready().aggregate(count=Count("id"), oldest=Min(due_since))
    last_seen = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    oldest_age = now - waiting["oldest"] if waiting["oldest"] else None
    seen_age = now - last_seen if last_seen else None
    worker_alive = seen_age is not None and seen_age <= lease()
    if waiting["count"] and not worker_alive:
        status = "stalled"  # work waits and no worker is there to do it
    elif oldest_age is not None and oldest_age > QUEUE_BACKLOG_LIMIT:
        status = "backlog"  # a worker lives but the queue does not move
    else:
        status = "ok"
    return {
        "status": status,
        "waiting_tasks": waiting["count"],
        "oldest_waiting_seconds": int(oldest_age.total_seconds()) if oldest_age else None,
        "worker_seen_seconds_ago": int(seen_age.total_seconds()) if seen_age else None,
        "worker_alive": worker_alive,
        "running_tasks": DBTaskResult.objects.running().count(),
        "failed_emails": Email.objects.current().failed().count(),
    }

"""The background worker against real faults: its own PostgreSQL is stopped and started
under load, and the worker is killed with SIGKILL in the middle of sending an e-mail.

Each fault is first shown to stop django_tasks_db's stock ``db_worker`` (the control: the
harness sees the failure), then ``run_worker`` survives it. Everything runs as separate
processes against a throwaway PostgreSQL cluster (never the shared one) and a small SMTP
sink on 127.0.0.1. Waits are bounded polls, not timings. Run with ``-s`` to see the figures.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests.core.smtp_sink import SMTPSink
from tests.core.throwaway_postgres import ThrowawayPostgres

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def wait_until(predicate, limit=45.0, step=0.1) -> bool:
    """Poll ``predicate`` for at most ``limit`` seconds; the bound only stops a hung test."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@pytest.fixture(scope="module")
def cluster():
    pg = ThrowawayPostgres().create()
    try:
        env = environment(pg.url, "locmem://")
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True,
            capture_output=True, timeout=180,
        )  # fmt: skip
        yield pg
    finally:
        pg.destroy()


def environment(database_url: str, email_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_NAME"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="test-only-secret-key-not-for-production-use-0123456789",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        EMAIL_URL=email_url,
        WORKER_LEASE_SECONDS=str(LEASE_SECONDS),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def sink():
    with SMTPSink() as server:
        yield server


@pytest.fixture
def database(cluster):
    """A direct connection to the throwaway database, with an empty queue."""

    def query(sql, params=()):
        with psycopg.connect(cluster.url, autocommit=True) as connection:
            rows = connection.execute(sql, params)
            return rows.fetchall() if rows.description else None

    query(
        "TRUNCATE django_tasks_database_dbtaskresult, citiesofmigration_sentemail,"
        " citiesofmigration_workerheartbeat"
    )
    return query


class Process:
    """A manage.py (or module) process whose output goes to a file (no pipe can fill)."""

    def __init__(self, args, env):
        self.log = Path(tempfile.mkstemp(prefix="worker-", suffix=".log")[1])
        with self.log.open("w") as out:
            self.popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=out)  # noqa: S603

    @classmethod
    def manage(cls, *args, env):
        return cls([sys.executable, "manage.py", *args], env)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill9(self) -> None:
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.log.unlink(missing_ok=True)


@pytest.fixture
def processes():
    started = []

    def start(process):
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def stock_worker(env):
    return Process.manage("db_worker", "--no-reload", "--interval", "0.2", env=env)


def resilient_worker(env):
    return Process.manage("run_worker", "--no-reload", "--interval", "0.2", env=env)


def queue_confirmations(env, count, pause="0.05"):
    return Process([sys.executable, "-m", "tests.core.queue_emails", str(count), pause], env)


def queued_keys(loader) -> list[str]:
    return [line.split()[1] for line in loader.output().splitlines() if line.startswith("QUEUED")]


def delivered(sink, key) -> int:
    return sum(1 for message_id in sink.message_ids() if message_id and key in message_id)


# --- PostgreSQL stopped and started again under load ------------------------------------


def test_control_the_stock_db_worker_dies_when_postgresql_restarts(
    cluster, database, sink, processes
):
    env = environment(cluster.url, sink.url)
    worker = processes(stock_worker(env))
    loader = processes(queue_confirmations(env, 3))
    assert wait_until(lambda: len(sink.messages) == 3)  # it works while the database does

    cluster.stop()
    try:
        assert wait_until(lambda: not worker.alive())
    finally:
        cluster.start()
    assert worker.popen.returncode != 0
    assert "OperationalError" in worker.output()
    loader.popen.wait(timeout=30)
    error = next(line for line in worker.output().splitlines() if "OperationalError" in line)
    print(f"\n[control] stock db_worker after a PostgreSQL restart: exited with status "
          f"{worker.popen.returncode}: {error.strip()}")  # fmt: skip


def test_run_worker_outlives_a_postgresql_restart_under_load_and_sends_each_confirmation_once(
    cluster, database, sink, processes
):
    env = environment(cluster.url, sink.url)
    worker = processes(resilient_worker(env))
    loader = processes(queue_confirmations(env, 60))
    assert wait_until(lambda: len(sink.messages) >= 5)

    cluster.stop()  # while confirmations are still being queued and sent
    try:
        assert wait_until(lambda: worker.output().count("Database unavailable") >= 2)
    finally:
        cluster.start()

    assert loader.popen.wait(timeout=120) == 0
    keys = queued_keys(loader)
    assert len(keys) == 60
    assert wait_until(lambda: all(delivered(sink, key) for key in keys), limit=90)
    assert worker.alive()
    assert "Database answers again" in worker.output()
    duplicates = len(sink.message_ids()) - len(set(sink.message_ids()))
    assert [delivered(sink, key) for key in keys] == [1] * 60
    assert duplicates == 0
    waiting = database(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'SUCCESSFUL'"
    )[0][0]
    assert waiting == 0
    outages = [line for line in worker.output().splitlines() if "Database unavailable" in line]
    print("\n" + "\n".join(outages[:3]))
    print(f"\n[run_worker] PostgreSQL stopped and restarted under load: {len(keys)} "
          f"confirmations queued, {len(set(sink.message_ids()))} delivered, {duplicates} "
          f"duplicates, {len(outages)} failed database attempts logged, "
          f"{worker.output().count('waiting for the database to record it')} sent e-mails "
          f"whose key was recorded after the outage, worker alive afterwards: "
          f"{worker.alive()}")  # fmt: skip


# --- kill -9 of the worker while it sends an e-mail ------------------------------------


def _kill_the_worker_mid_send(make_worker, env, sink, database, processes):
    """Queue one e-mail, let SMTP accept it and hang on the goodbye, then SIGKILL the
    worker. Returns the e-mail's key and the task's id."""
    sink.stall("quit")
    worker = processes(make_worker(env))
    loader = processes(queue_confirmations(env, 1))
    assert wait_until(sink.stalled.is_set)
    assert wait_until(lambda: bool(queued_keys(loader)))
    [key] = queued_keys(loader)
    worker.kill9()
    sink.release()
    [(task_id, status)] = database("SELECT id, status FROM django_tasks_database_dbtaskresult")
    assert status == "RUNNING"
    assert delivered(sink, key) == 1
    return key, task_id


def test_control_the_stock_db_worker_leaves_a_killed_task_running_for_ever(
    cluster, database, sink, processes
):
    env = environment(cluster.url, sink.url)
    key, task_id = _kill_the_worker_mid_send(stock_worker, env, sink, database, processes)
    again = processes(Process.manage("db_worker", "--batch", "--no-startup-delay", env=env))
    assert again.popen.wait(timeout=60) == 0  # it found nothing to do
    [(status,)] = database(
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]
    )
    assert status == "RUNNING"
    print(f"\n[control] stock db_worker killed with SIGKILL mid-task, then run again: the "
          f"task is still {status}")  # fmt: skip


def test_run_worker_finishes_a_task_whose_worker_was_killed_and_sends_the_email_once(
    cluster, database, sink, processes
):
    env = environment(cluster.url, sink.url)
    key, task_id = _kill_the_worker_mid_send(resilient_worker, env, sink, database, processes)
    # SMTP had accepted the message; its key was committed before the goodbye.
    assert database("SELECT count(*) FROM citiesofmigration_sentemail WHERE key = %s", [key]) == [
        (1,)
    ]

    restarted = processes(resilient_worker(env))

    def finished():
        [(status,)] = database(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]
        )
        return status == "SUCCESSFUL"

    assert wait_until(finished)
    [(status, outcome, workers)] = database(
        "SELECT status, return_value, worker_ids"
        " FROM django_tasks_database_dbtaskresult WHERE id = %s",
        [task_id],
    )
    assert outcome == "already sent"
    assert len(workers) == 2
    assert delivered(sink, key) == 1
    assert restarted.alive()
    assert "abandoned by worker" in restarted.output()
    print(f"\n[run_worker] worker killed with SIGKILL mid-send, then restarted: task {status} "
          f"after {len(workers)} workers, outcome {outcome!r}, e-mail delivered "
          f"{delivered(sink, key)} time(s)")  # fmt: skip

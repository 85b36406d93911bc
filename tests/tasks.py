"""Running the background worker inside a test."""

from unittest import mock

from django.core.management import call_command


def run_tasks():
    """Run every queued background task (e-mails, text extraction), as `manage.py
    db_worker` would. The worker closes "old" database connections between tasks; inside a
    test's transaction that would close the test's own connection, so that step is
    skipped."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

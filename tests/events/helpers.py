"""Helpers for the Learning Exchange tests (the browser journey uses them too)."""

from unittest import mock

from django.core import mail
from django.core.management import call_command


def run_tasks():
    """Run every queued background task (the e-mails), as `manage.py db_worker` would.

    The worker closes "old" database connections between tasks; inside a test's
    transaction that would close the test's own connection, so that step is skipped."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def form_data(**overrides):
    data = {
        "name": "Amina Example",
        "email": "amina@example.org",
        "organisation": "City of Testville",
        "role": "Newcomer services coordinator",
        "city": "Testville",
        "country": "Canada",
        "accessibility_needs": "",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}

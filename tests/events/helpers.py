"""Helpers for the Learning Exchange tests (the browser journey uses them too)."""

from django.core import mail

from tests.tasks import run_tasks  # noqa: E402,F401 - re-exported for the events tests


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

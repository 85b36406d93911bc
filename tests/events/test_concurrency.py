"""Capacity under concurrency, on real PostgreSQL: 50 people press "Register" at the same
moment for the last 20 seats. With the row lock, exactly 20 are confirmed and 30 wait;
the same harness without the lock overbooks, which shows that the test sees the race."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Event, RegistrationStatus
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 50
CAPACITY = 30
ALREADY_CONFIRMED = 10  # so 20 seats are left


def race_for_the_last_seats(event):
    """Start PEOPLE registrations at once, each in its own thread and database
    connection; return the errors raised (there should be none)."""
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(n):
        try:
            barrier.wait(timeout=30)
            services.register_for_event(
                event=event, name=f"Racer {n}", email=f"racer{n}@example.org"
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def counts(event):
    registrations = Event.objects.get(pk=event.pk).registrations
    return (
        registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
        registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
    )


@pytest.fixture
def nearly_full_event(db):
    event = EventFactory(capacity=CAPACITY)
    RegistrationFactory.create_batch(ALREADY_CONFIRMED, event=event)
    return event


def test_fifty_people_racing_for_the_last_twenty_seats_never_overbook(nearly_full_event):
    errors = race_for_the_last_seats(nearly_full_event)
    assert errors == []
    confirmed, waitlisted = counts(nearly_full_event)
    print(
        f"\nwith the lock: {confirmed - ALREADY_CONFIRMED} of the racers confirmed, "
        f"{waitlisted} waitlisted"
    )
    assert confirmed == CAPACITY
    assert confirmed - ALREADY_CONFIRMED == 20
    assert waitlisted == 30


def test_without_the_lock_the_same_race_overbooks(nearly_full_event, monkeypatch):
    monkeypatch.setattr(services, "LOCK_EVENT_ROW", False)
    errors = race_for_the_last_seats(nearly_full_event)
    assert errors == []
    confirmed, waitlisted = counts(nearly_full_event)
    print(
        f"\nwithout the lock: {confirmed - ALREADY_CONFIRMED} of the racers confirmed "
        f"for 20 seats ({confirmed} of {CAPACITY} in all)"
    )
    assert confirmed > CAPACITY
    assert confirmed + waitlisted == ALREADY_CONFIRMED + PEOPLE

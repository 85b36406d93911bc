"""``python -m tests.core.queue_emails COUNT PAUSE``: queue COUNT confirmation e-mails, one
every PAUSE seconds, the way the portal's views do (one transaction each), against the
database in DATABASE_URL. A transaction that fails because the database is away is tried
again, as a visitor would. Prints ``QUEUED <key>`` for each one that committed: those are
the confirmations the portal promised and the worker must deliver."""

import os
import sys
import time

MAX_TRIES = 600  # per e-mail, 0.1 s apart: a minute of outage at most


def main(count: int, pause: float) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")
    django.setup()
    from django.db import DatabaseError, connections, transaction

    from citiesofmigration.mail import queue_email

    for number in range(1, count + 1):
        for _ in range(MAX_TRIES):
            try:
                with transaction.atomic():
                    result = queue_email(
                        subject=f"You are registered: confirmation {number}",
                        body="See you there.",
                        to=[f"person{number}@example.org"],
                    )
                break
            except DatabaseError:
                connections.close_all()
                time.sleep(0.1)
        else:
            sys.exit(f"confirmation {number} could not be queued")
        print("QUEUED", result.kwargs["key"], flush=True)
        time.sleep(pause)


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]))

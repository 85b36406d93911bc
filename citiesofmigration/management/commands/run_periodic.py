"""The portal's periodic jobs in one long-running process (``make run`` starts it; in
production run it under your supervisor, or call the same commands from cron):

- every 5 minutes: ``send_event_reminders`` (day-before and hour-before e-mails);
- once a day: ``anonymise_registrations`` (personal data of past events' registrants) and
  ``prune_db_task_results`` (finished e-mail tasks, which hold addresses and links), and
  the messages to Good Ideas' private contacts older than ``CONTACT_REQUESTS_KEEP_DAYS``,
  and records of admin logins older than ``LOGIN_RECORDS_KEEP_DAYS``.

``--once`` runs every job one time and exits (for cron and tests).
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from goodideas.contact import prune_contact_requests

logger = logging.getLogger(__name__)

EVERY_FIVE_MINUTES = 5 * 60
DAILY = 24 * 60 * 60


def frequent_jobs():
    call_command("send_event_reminders")


def daily_jobs():
    call_command("anonymise_registrations")
    call_command("prune_db_task_results", min_age_days=settings.TASK_RESULTS_KEEP_DAYS)
    prune_contact_requests(keep_days=settings.CONTACT_REQUESTS_KEEP_DAYS)
    # Admin login records (username, address, browser) are needed only to spot attacks.
    call_command("axes_reset_logs", age=settings.LOGIN_RECORDS_KEEP_DAYS)


class Command(BaseCommand):
    help = "Run the periodic jobs (reminders, anonymisation, pruning) forever, or --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, once, **options):
        last_daily = None  # the daily jobs also run at start
        while True:
            started = time.monotonic()
            daily_due = last_daily is None or started - last_daily >= DAILY
            for job in [frequent_jobs, daily_jobs] if daily_due else [frequent_jobs]:
                try:
                    job()
                except Exception:  # one failed run must not stop the next ones
                    logger.exception("Periodic job %s failed", job.__name__)
            if daily_due:
                last_daily = started
            if once:
                return
            time.sleep(EVERY_FIVE_MINUTES)

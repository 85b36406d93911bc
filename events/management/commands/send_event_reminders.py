from django.core.management.base import BaseCommand

from events.services import queue_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders due now: a day before and an hour before each event, to "
        "confirmed registrants. Idempotent; run it every few minutes, e.g. from cron: "
        "*/5 * * * * manage.py send_event_reminders"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=None,
            help="Address used in the links of the e-mails (default: settings.SITE_URL).",
        )

    def handle(self, *args, site_url, **options):
        counts = queue_due_reminders(base_url=site_url)
        self.stdout.write(
            f"Queued {counts['day']} day-before and {counts['hour']} hour-before reminders."
        )

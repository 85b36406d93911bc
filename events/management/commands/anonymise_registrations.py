from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from events.services import anonymise_after_days, anonymise_registrations


class Command(BaseCommand):
    help = (
        "Remove the personal data of registrations for events that ended more than N days "
        "ago (default: settings.EVENTS_ANONYMISE_AFTER_DAYS, or 90). Keeps status, "
        "attendance and country for counts. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--after-days", type=int, default=None)

    def handle(self, *args, after_days, **options):
        days = anonymise_after_days() if after_days is None else after_days
        if days < 0:
            raise CommandError("--after-days must be 0 or more.")
        count = anonymise_registrations(after=timedelta(days=days))
        self.stdout.write(
            f"Anonymised {count} registrations of events that ended more than {days} days ago."
        )

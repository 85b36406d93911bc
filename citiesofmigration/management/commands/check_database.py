from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection


class Command(BaseCommand):
    help = "Say clearly whether the database answers, before anything else runs."

    def handle(self, *args, **options):
        settings_dict = connection.settings_dict
        where = f"{settings_dict.get('HOST') or 'local socket'}/{settings_dict.get('NAME')}"
        try:
            connection.ensure_connection()
        except OperationalError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise CommandError(
                f"Cannot reach the database at {where}: {first_line}\n"
                "Check DATABASE_URL (unset it to use the embedded PostgreSQL under .data/)."
            ) from None
        self.stdout.write(f"Database reachable at {where}.")

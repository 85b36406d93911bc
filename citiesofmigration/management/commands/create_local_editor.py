from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from citiesofmigration.accounts import LOCAL_EDITOR_USERNAME
from citiesofmigration.editors import sync_editors_group

USERNAME = LOCAL_EDITOR_USERNAME
# Local development only: this command refuses to run, and accounts.LocalEditorRefusingBackend
# refuses the login, unless DEBUG is on.
PASSWORD = "editor"  # noqa: S105


class Command(BaseCommand):
    help = "Create (or reset) the local editor account. Refuses to run unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The local editor account is for local use only (DEBUG is off).")
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(sync_editors_group())
        self.stdout.write(
            self.style.SUCCESS(
                # SITE_URL: `make run` sets it to the address it serves (HOST, PORT).
                f"Local editor account: log in at {settings.SITE_URL}/admin/ as "
                f"{USERNAME!r} with password {PASSWORD!r} (member of Editors, not a superuser)."
            )
        )

"""manage.py personal_data find|export|erase EMAIL — an access or deletion request from the
command line, through the same service as the admin page (citiesofmigration.privacy)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citiesofmigration import privacy


class Command(BaseCommand):
    help = (
        "Find, export (JSON) or erase everything the portal holds about one e-mail address "
        "(any case): registrations, newsletter, comments, proposed ideas, e-mails, admin history."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["find", "export", "erase"])
        parser.add_argument("email")
        parser.add_argument(
            "--keep-comment-text",
            action="store_true",
            help="erase: keep the text of the person's comments, shown under 'Anonymous' "
            "(default: delete their comments)",
        )
        parser.add_argument(
            "--output", help="export: write the JSON to this file instead of standard output"
        )

    def handle(self, *args, action, email, keep_comment_text, output, **options):
        try:
            email = privacy.normalise(email)
        except privacy.InvalidAddress as error:
            raise CommandError(f"{email!r}: {error}") from None
        if action == "find":
            self._find(email)
        elif action == "export":
            self._export(email, output)
        else:
            self._erase(email, keep_comment_text)

    def _find(self, email):
        sections = privacy.find(email)
        total = sum(section.count for section in sections)
        self.stdout.write(f"{total} record(s) held about {email}:")
        for section in sections:
            self.stdout.write(f"  {section.title}: {section.count}")
            for item in section.items:
                summary = ", ".join(
                    f"{key}={value}" for key, value in item.items() if key != "body" and value
                )
                self.stdout.write(f"    - {summary[:200]}")

    def _export(self, email, output):
        text = json.dumps(privacy.export(email), indent=2, ensure_ascii=False, default=str)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stdout.write(f"Written to {output}")
        else:
            self.stdout.write(text)

    def _erase(self, email, keep_comment_text):
        counts = privacy.erase(
            email, keep_comment_text=keep_comment_text, base_url=settings.SITE_URL + "/"
        )
        for key, count in counts.items():
            self.stdout.write(f"  {key}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Erased {sum(counts.values())} record(s) about {email}.")
        )
